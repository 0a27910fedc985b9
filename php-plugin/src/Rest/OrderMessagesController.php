<?php
/**
 * REST routes of the order box: `GET/POST orders/{id}/messages`, `POST messages/{id}/resend`.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Rest;

use Modulus\Sms\Admin\OrderHistory;
use Modulus\Sms\Messages\Repository;
use Modulus\Sms\Orders\ManualSender;

defined( 'ABSPATH' ) || exit;

/**
 * Shop managers only (`manage_woocommerce`). Replies carry the rows and the history table as the box renders it,
 * so the screen and the server share one renderer.
 */
final class OrderMessagesController {

	private const ROUTINGS = array( '', 'sms', 'viber', 'viber2sms' );

	public static function register(): void {
		add_action( 'rest_api_init', array( self::class, 'register_routes' ) );
	}

	public static function register_routes(): void {
		$ns = BaseController::NAMESPACE;
		register_rest_route(
			$ns,
			'/orders/(?P<id>\d+)/messages',
			array(
				array(
					'methods'             => 'GET',
					'callback'            => array( self::class, 'list' ),
					'permission_callback' => array( self::class, 'can_manage' ),
				),
				array(
					'methods'             => 'POST',
					'callback'            => array( self::class, 'send' ),
					'permission_callback' => array( self::class, 'can_manage' ),
					'args'                => array(
						'template_id' => array(
							'type'    => 'integer',
							'minimum' => 0,
							'default' => 0,
						),
						'text'        => array(
							'type'      => 'string',
							'default'   => '',
							'maxLength' => 2000,
						),
						'channel'     => array(
							'type'    => 'string',
							'enum'    => self::ROUTINGS,
							'default' => '',
						),
						'request_id'  => self::request_id_arg(),
					),
				),
			)
		);
		register_rest_route(
			$ns,
			'/messages/(?P<id>\d+)/resend',
			array(
				'methods'             => 'POST',
				'callback'            => array( self::class, 'resend' ),
				'permission_callback' => array( self::class, 'can_manage' ),
				'args'                => array( 'request_id' => self::request_id_arg() ),
			)
		);
	}

	public static function can_manage(): bool {
		return current_user_can( 'manage_woocommerce' );
	}

	public static function list( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$order = self::order( $request );
		if ( is_wp_error( $order ) ) {
			return $order;
		}
		return new \WP_REST_Response( self::payload( $order ), 200 );
	}

	public static function send( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$order = self::order( $request );
		if ( is_wp_error( $order ) ) {
			return $order;
		}
		$routing = (string) $request['channel'];
		try {
			$row = ( new ManualSender() )->send( $order, (int) $request['template_id'], (string) $request['text'], '' === $routing ? null : $routing, (string) $request['request_id'] );
		} catch ( \RuntimeException $e ) {
			return self::failure( $e );
		}
		if ( is_wp_error( $row ) ) {
			return $row;
		}
		return new \WP_REST_Response( array( 'message' => $row ) + self::payload( $order ), 201 );
	}

	public static function resend( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$original = ( new Repository() )->find( (int) $request['id'] );
		if ( null === $original ) {
			return new \WP_Error( 'modulus_sms_not_found', __( 'No such message.', 'modulus-sms' ), array( 'status' => 404 ) );
		}
		try {
			$row = ( new ManualSender() )->resend( $original, (string) $request['request_id'] );
		} catch ( \RuntimeException $e ) {
			return self::failure( $e );
		}
		if ( is_wp_error( $row ) ) {
			return $row;
		}
		$order = wc_get_order( (int) $original['order_id'] );
		return new \WP_REST_Response( array( 'message' => $row ) + self::payload( $order ), 201 );
	}

	/** @return array{order_id:int,messages:list<array>,html:string} */
	private static function payload( \WC_Order $order ): array {
		$rows = OrderHistory::rows( $order->get_id() );
		return array(
			'order_id' => $order->get_id(),
			'messages' => $rows,
			'html'     => OrderHistory::table_body( $rows ),
		);
	}

	private static function order( \WP_REST_Request $request ): \WC_Order|\WP_Error {
		$order = wc_get_order( (int) $request['id'] );
		if ( ! $order instanceof \WC_Order ) {
			return new \WP_Error( 'modulus_sms_no_order', __( 'No such order.', 'modulus-sms' ), array( 'status' => 404 ) );
		}
		return $order;
	}

	private static function failure( \RuntimeException $e ): \WP_Error {
		return new \WP_Error( 'modulus_sms_not_stored', $e->getMessage(), array( 'status' => 500 ) );
	}

	private static function request_id_arg(): array {
		return array(
			'type'    => 'string',
			'default' => '',
			'pattern' => '^[A-Za-z0-9-]{0,64}$',
		);
	}
}
