<?php
/**
 * `POST /wp-json/modulus-sms/v1/dlr`: delivery reports from mMP.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Rest;

use Modulus\Sms\Messages\Repository;
use Modulus\Sms\Queue\Scheduler;
use Modulus\Sms\Queue\StatusEvents;
use Modulus\Sms\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Public, but trusts nothing it cannot verify: the raw body must carry `X-MMP-Signature: sha256=<hex>`, the
 * HMAC-SHA256 of the body with the API Secret. Unsigned or forged reports get 401 and change nothing.
 * Duplicates and late reports are accepted (200) and ignored.
 */
final class DeliveryReportController {

	public const NAMESPACE = BaseController::NAMESPACE;
	public const ROUTE     = '/dlr';

	/** Report statuses that end a provider message; `queued` and `sent` add nothing the attempts do not know. */
	private const FINAL_STATUSES = array( 'delivered', 'read', 'failed', 'expired' );

	/** Rank of a row status, so a late report never moves a message back. */
	private const ROW_RANK = array(
		'sent'      => 1,
		'delivered' => 2,
		'read'      => 3,
	);

	public static function register(): void {
		add_action( 'rest_api_init', array( self::class, 'register_routes' ) );
	}

	public static function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => 'POST',
				'callback'            => array( self::class, 'receive' ),
				'permission_callback' => array( self::class, 'verify_signature' ),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request The request.
	 * @return true|\WP_Error
	 */
	public static function verify_signature( \WP_REST_Request $request ) {
		$secret = (string) ( ( new Settings() )->get()['api_secret'] ?? '' );
		if ( self::signature_valid( $request->get_body(), (string) $request->get_header( 'x_mmp_signature' ), $secret ) ) {
			return true;
		}
		return new \WP_Error( 'modulus_sms_bad_signature', __( 'Missing or invalid X-MMP-Signature.', 'modulus-sms' ), array( 'status' => 401 ) );
	}

	/**
	 * Constant-time check of `sha256=<hex>` against the HMAC of the raw body. No secret configured: nothing verifies.
	 *
	 * @param string $body      Raw request body.
	 * @param string $signature Header value.
	 * @param string $secret    API Secret.
	 */
	public static function signature_valid( string $body, string $signature, string $secret ): bool {
		if ( '' === $secret || ! preg_match( '/^sha256=([0-9a-fA-F]{64})$/', trim( $signature ), $m ) ) {
			return false;
		}
		return hash_equals( hash_hmac( 'sha256', $body, $secret ), strtolower( $m[1] ) );
	}

	/**
	 * @param \WP_REST_Request $request The verified request.
	 */
	public static function receive( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$report = json_decode( $request->get_body(), true );
		if ( ! is_array( $report ) || empty( $report['id'] ) || ! is_string( $report['id'] ) || empty( $report['status'] ) ) {
			return new \WP_Error( 'modulus_sms_bad_report', __( 'A report needs "id" and "status".', 'modulus-sms' ), array( 'status' => 400 ) );
		}
		$messages = new Repository();
		$row      = $messages->find_by_provider_id( $report['id'] );
		if ( null === $row ) {
			return new \WP_REST_Response( array( 'result' => 'unknown_message' ), 200 );
		}

		$status = (string) $report['status'];
		if ( ! in_array( $status, self::FINAL_STATUSES, true ) ) {
			return new \WP_REST_Response( array( 'result' => 'noted' ), 200 );
		}
		$channel  = isset( $report['channel'] ) && in_array( $report['channel'], array( 'sms', 'viber' ), true ) ? $report['channel'] : null;
		$recorded = StatusEvents::record( $row, $status, 'dlr', $report['id'], $channel );
		if ( ! $recorded ) {
			return new \WP_REST_Response( array( 'result' => 'duplicate' ), 200 );
		}

		self::apply( $messages, $row, $status );
		return new \WP_REST_Response( array( 'result' => 'recorded' ), 200 );
	}

	/**
	 * A message already sent that is now delivered or read just moves forward. Anything the route must weigh —
	 * a Viber message awaiting its status, a failure or an expiry — wakes the worker, which asks the route
	 * (and falls back to SMS under Viber2SMS).
	 */
	private static function apply( Repository $messages, array $row, string $status ): void {
		$current = (string) $row['status'];
		if ( isset( self::ROW_RANK[ $status ], self::ROW_RANK[ $current ] ) ) {
			if ( self::ROW_RANK[ $status ] > self::ROW_RANK[ $current ] ) {
				$messages->update( (int) $row['id'], array( 'status' => $status ) );
			}
			return;
		}
		if ( 'sent' === $current ) {
			// A message the route had finished failed after all: hand it back to the route, which falls back
			// to SMS or gives up (the dispatcher only claims messages that are still open).
			$messages->update( (int) $row['id'], array( 'status' => 'awaiting_status' ) );
			$current = 'awaiting_status';
		}
		if ( in_array( $current, array( 'awaiting_status', 'sending', 'scheduled' ), true ) ) {
			Scheduler::process_at( (int) $row['id'], time() );
		}
	}
}
