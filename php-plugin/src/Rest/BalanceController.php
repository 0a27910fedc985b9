<?php
/**
 * REST: the mMP account balance ("Check connection").
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Rest;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Mmp\Client;

/**
 * `GET /balance` → `{balance, currency}`, or an error carrying mMP's own message (502 with `data.outcome` and `data.http_status`).
 */
final class BalanceController extends BaseController {

	public function __construct( private ?Client $client = null ) {
		$this->client ??= new Client();
	}

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			'/balance',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'get_balance' ),
				'permission_callback' => array( $this, 'can_manage' ),
			)
		);
	}

	public function get_balance(): \WP_REST_Response|\WP_Error {
		$balance = $this->client->balance();
		if ( ! empty( $balance['ok'] ) ) {
			return rest_ensure_response(
				array(
					'balance'  => $balance['balance'],
					'currency' => $balance['currency'],
				)
			);
		}
		return new \WP_Error(
			'modulus_sms_mmp_error',
			(string) ( $balance['error'] ?? $balance['outcome'] ?? '' ),
			array(
				'status'      => 502,
				'outcome'     => $balance['outcome'] ?? null,
				'http_status' => $balance['http_status'] ?? null,
			)
		);
	}
}
