<?php
/**
 * Listens to WooCommerce for the moments an order message may be due.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Orders;

defined( 'ABSPATH' ) || exit;

/**
 * Status changes from every path (wp-admin, gateway webhooks, cron, REST, the block checkout) arrive through
 * `woocommerce_order_status_changed`; new orders also through the classic and the Store API checkout hooks, for orders
 * created straight into a mapped status. The request only plans and enqueues; sending happens in Action Scheduler.
 * A failure here is logged and never breaks the request that changed the order.
 */
final class StatusListener {

	public static function register(): void {
		add_action( 'woocommerce_order_status_changed', array( self::class, 'on_status_changed' ), 20, 4 );
		add_action( 'woocommerce_checkout_order_processed', array( self::class, 'on_classic_checkout' ), 20, 3 );
		add_action( 'woocommerce_store_api_checkout_order_processed', array( self::class, 'on_store_api_checkout' ), 20, 1 );
	}

	/**
	 * @param int            $order_id Order id.
	 * @param string         $from     Previous status.
	 * @param string         $to       New status.
	 * @param \WC_Order|null $order    The order (WooCommerce passes it since 3.0).
	 */
	public static function on_status_changed( $order_id, $from, $to, $order = null ): void { // phpcs:ignore Generic.CodeAnalysis.UnusedFunctionParameter.Found
		self::plan( $order instanceof \WC_Order ? $order : wc_get_order( (int) $order_id ), (string) $to );
	}

	/**
	 * @param int            $order_id    Order id.
	 * @param array          $posted_data Checkout data.
	 * @param \WC_Order|null $order       The order.
	 */
	public static function on_classic_checkout( $order_id, $posted_data = array(), $order = null ): void { // phpcs:ignore Generic.CodeAnalysis.UnusedFunctionParameter.Found
		$order = $order instanceof \WC_Order ? $order : wc_get_order( (int) $order_id );
		if ( $order instanceof \WC_Order ) {
			self::plan( $order, $order->get_status() );
		}
	}

	/**
	 * @param \WC_Order $order The order placed through the Store API.
	 */
	public static function on_store_api_checkout( $order ): void {
		if ( $order instanceof \WC_Order ) {
			self::plan( $order, $order->get_status() );
		}
	}

	/**
	 * @param \WC_Order|false|null $order  The order.
	 * @param string               $status New status.
	 */
	private static function plan( $order, string $status ): void {
		if ( ! $order instanceof \WC_Order || '' === $status ) {
			return;
		}
		try {
			( new MessagePlanner() )->plan_status_message( $order, $status );
		} catch ( \Throwable $e ) {
			wc_get_logger()->error(
				sprintf( 'modulus SMS: could not plan the "%s" message of order %d: %s', $status, $order->get_id(), $e->getMessage() ),
				array( 'source' => 'modulus-sms' )
			);
		}
	}
}
