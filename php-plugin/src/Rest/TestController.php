<?php
/**
 * REST: send a test message now.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Rest;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Messages\TestSender;

/**
 * `POST /test {to, text, channel?}` → 200 `{ok:true, id, uuid, status, outcome, provider_id, segments, encoding, channel,
 * http_status, error:null}` when mMP accepted it; otherwise an error whose message is mMP's own words and whose data carries the
 * same fields (`data.status` = 502, the row's status in `data.message_status`), or 400 with `data.field` when the number or text
 * cannot be sent at all.
 */
final class TestController extends BaseController {

	public function __construct( private ?TestSender $sender = null ) {
	}

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			'/test',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'send_test' ),
				'permission_callback' => array( $this, 'can_manage' ),
				'args'                => array(
					'to'      => array(
						'type'              => 'string',
						'required'          => true,
						'minLength'         => 1,
						'maxLength'         => 40,
						'sanitize_callback' => 'sanitize_text_field',
						'validate_callback' => 'rest_validate_request_arg',
					),
					'text'    => array(
						'type'              => 'string',
						'required'          => true,
						'minLength'         => 1,
						'maxLength'         => 1000,
						// Plain message text, not HTML: only invalid UTF-8 is dropped; screens escape it on output.
						'sanitize_callback' => static fn( $text ) => str_replace( "\r\n", "\n", wp_check_invalid_utf8( (string) $text, true ) ),
						'validate_callback' => 'rest_validate_request_arg',
					),
					'channel' => array(
						'type'              => 'string',
						'enum'              => array( 'sms', 'viber' ),
						'validate_callback' => 'rest_validate_request_arg',
					),
				),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function send_test( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$channel = $request->get_param( 'channel' );
		$result  = ( $this->sender ?? new TestSender() )->send(
			(string) $request->get_param( 'to' ),
			(string) $request->get_param( 'text' ),
			is_string( $channel ) && '' !== $channel ? $channel : null
		);
		if ( is_wp_error( $result ) || ! empty( $result['ok'] ) ) {
			return is_wp_error( $result ) ? $result : rest_ensure_response( $result );
		}
		// data.status is the HTTP status of this reply; the message row's status travels as message_status.
		$data                   = $result;
		$data['message_status'] = $result['status'];
		$data['status']         = 502;
		return new \WP_Error( 'modulus_sms_test_failed', (string) ( $result['error'] ?? $result['outcome'] ), $data );
	}
}
