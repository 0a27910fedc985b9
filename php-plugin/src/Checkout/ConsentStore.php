<?php
/**
 * Where a customer's SMS consent lives: on the order (what was asked and answered at checkout)
 * and, for registered customers, on the user (the latest answer, including a withdrawal on My Account).
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Checkout;

defined( 'ABSPATH' ) || exit;

/**
 * Reads and writes consent through WC_Order meta APIs (HPOS-safe) and user meta.
 */
final class ConsentStore {

	public const ORDER_ANSWER = '_modulus_sms_consent';
	public const ORDER_TEXT   = '_modulus_sms_consent_text';
	public const ORDER_TIME   = '_modulus_sms_consent_at';
	public const ORDER_SOURCE = '_modulus_sms_consent_source';

	public const USER_ANSWER    = 'modulus_sms_consent';
	public const USER_TEXT      = 'modulus_sms_consent_text';
	public const USER_TIME      = 'modulus_sms_consent_at';
	public const USER_OPTED_OUT = 'modulus_sms_opted_out';

	/**
	 * Stores the checkout answer on the order (the caller saves the order) and on the registered customer.
	 *
	 * @param \WC_Order $order  Order being created.
	 * @param bool      $given  Whether the box was ticked.
	 * @param string    $text   The exact text shown beside the box.
	 * @param string    $source classic_checkout | block_checkout.
	 */
	public static function record_checkout_answer( \WC_Order $order, bool $given, string $text, string $source ): void {
		$at = gmdate( 'Y-m-d\TH:i:s\Z' );
		$order->update_meta_data( self::ORDER_ANSWER, $given ? 'yes' : 'no' );
		$order->update_meta_data( self::ORDER_TEXT, $text );
		$order->update_meta_data( self::ORDER_TIME, $at );
		$order->update_meta_data( self::ORDER_SOURCE, $source );

		$user_id = (int) $order->get_customer_id();
		if ( $user_id > 0 ) {
			self::record_customer_answer( $user_id, $given, $text, $at );
		}
	}

	/**
	 * Stores a registered customer's latest answer. Ticking the box again at checkout or re-giving consent on
	 * My Account lifts an earlier opt-out; withdrawing sets it.
	 *
	 * @param int    $user_id WordPress user id.
	 * @param bool   $given   The answer.
	 * @param string $text    The text the customer agreed to or withdrew from.
	 * @param string $at      UTC time, RFC 3339.
	 */
	public static function record_customer_answer( int $user_id, bool $given, string $text, string $at ): void {
		update_user_meta( $user_id, self::USER_ANSWER, $given ? 'yes' : 'no' );
		update_user_meta( $user_id, self::USER_TEXT, $text );
		update_user_meta( $user_id, self::USER_TIME, $at );
		if ( $given ) {
			delete_user_meta( $user_id, self::USER_OPTED_OUT );
		}
	}

	/**
	 * A withdrawal on My Account: the customer wants no more messages (test messages excepted, per the core).
	 *
	 * @param int $user_id WordPress user id.
	 */
	public static function withdraw( int $user_id ): void {
		$at = gmdate( 'Y-m-d\TH:i:s\Z' );
		update_user_meta( $user_id, self::USER_ANSWER, 'no' );
		update_user_meta( $user_id, self::USER_TIME, $at );
		update_user_meta( $user_id, self::USER_OPTED_OUT, $at );
	}

	/**
	 * The consent answer given for this order: true, false, or null when the order never asked
	 * (placed while consent was off, by an admin, or through another channel).
	 *
	 * @param \WC_Order $order The order.
	 */
	public static function order_answer( \WC_Order $order ): ?bool {
		$answer = (string) $order->get_meta( self::ORDER_ANSWER, true );
		if ( '' === $answer ) {
			return null;
		}
		return 'yes' === $answer;
	}

	/**
	 * The registered customer's answer: true, false, or null when never asked.
	 *
	 * @param int $user_id WordPress user id (0 for guests).
	 */
	public static function customer_answer( int $user_id ): ?bool {
		if ( $user_id <= 0 ) {
			return null;
		}
		$answer = (string) get_user_meta( $user_id, self::USER_ANSWER, true );
		if ( '' === $answer ) {
			return null;
		}
		return 'yes' === $answer;
	}

	/**
	 * Whether the registered customer withdrew on My Account.
	 *
	 * @param int $user_id WordPress user id (0 for guests).
	 */
	public static function customer_opted_out( int $user_id ): bool {
		return $user_id > 0 && '' !== (string) get_user_meta( $user_id, self::USER_OPTED_OUT, true );
	}

	/**
	 * The consent details recorded on an order, for display (order box).
	 *
	 * @param \WC_Order $order The order.
	 * @return array{answer:?bool,text:string,at:string,source:string}
	 */
	public static function order_details( \WC_Order $order ): array {
		return array(
			'answer' => self::order_answer( $order ),
			'text'   => (string) $order->get_meta( self::ORDER_TEXT, true ),
			'at'     => (string) $order->get_meta( self::ORDER_TIME, true ),
			'source' => (string) $order->get_meta( self::ORDER_SOURCE, true ),
		);
	}
}
