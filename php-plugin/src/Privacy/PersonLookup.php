<?php
/**
 * Who a privacy request is about, in the terms of the message store.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Privacy;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Core\Core;
use Modulus\Sms\Settings\Settings;

/**
 * From an e-mail address to the message store's keys: the user's id, the ids of the orders placed with that address or by that
 * user (through wc_get_orders, so HPOS and legacy storage alike), and every phone number found on the user and those orders — as
 * typed and as the core normalises it to E.164, the form messages are stored in.
 */
final class PersonLookup {

	/** Orders looked at per request; a person with more has them found by customer id and phone anyway. */
	private const ORDER_LIMIT = 500;

	/**
	 * @param string $email E-mail address of the request.
	 * @return array{customer_id: int, order_ids: int[], phones: string[]}
	 */
	public function find( string $email ): array {
		$user        = get_user_by( 'email', $email );
		$customer_id = $user ? (int) $user->ID : 0;
		$country     = ( new Settings() )->get()['default_country'];
		$phones      = array();
		if ( $customer_id > 0 ) {
			$phones[] = array( (string) get_user_meta( $customer_id, 'billing_phone', true ), (string) get_user_meta( $customer_id, 'billing_country', true ) );
			$phones[] = array( (string) get_user_meta( $customer_id, 'shipping_phone', true ), (string) get_user_meta( $customer_id, 'shipping_country', true ) );
		}

		$order_ids = array();
		foreach ( $this->orders( $email, $customer_id ) as $order ) {
			$order_ids[] = $order->get_id();
			$phones[]    = array( $order->get_billing_phone(), $order->get_billing_country() );
			if ( method_exists( $order, 'get_shipping_phone' ) ) {
				$phones[] = array( $order->get_shipping_phone(), $order->get_shipping_country() );
			}
		}

		$numbers = array();
		foreach ( $phones as list( $phone, $phone_country ) ) {
			foreach ( $this->forms_of( $phone, '' !== $phone_country ? $phone_country : $country ) as $number ) {
				$numbers[ $number ] = true;
			}
		}
		return array(
			'customer_id' => $customer_id,
			'order_ids'   => array_values( array_unique( $order_ids ) ),
			'phones'      => array_keys( $numbers ),
		);
	}

	/**
	 * @param string $email       E-mail address.
	 * @param int    $customer_id User id or 0.
	 * @return \WC_Order[]
	 */
	private function orders( string $email, int $customer_id ): array {
		if ( ! function_exists( 'wc_get_orders' ) ) {
			return array();
		}
		$customers = array( $email );
		if ( $customer_id > 0 ) {
			$customers[] = $customer_id;
		}
		$orders = wc_get_orders(
			array(
				'customer' => $customers,
				'limit'    => self::ORDER_LIMIT,
				'type'     => 'shop_order',
			)
		);
		return array_filter( is_array( $orders ) ? $orders : array(), static fn( $order ) => $order instanceof \WC_Order );
	}

	/**
	 * The number as typed and in E.164 (when the core can read it).
	 *
	 * @param string $phone   Phone as stored on the user or order.
	 * @param string $country Its country.
	 * @return string[]
	 */
	private function forms_of( string $phone, string $country ): array {
		$phone = trim( $phone );
		if ( '' === $phone ) {
			return array();
		}
		$forms = array( $phone );
		try {
			$normalized = Core::call( 'normalize_phone', array( 'phone' => $phone, 'country' => $country ) );
			if ( isset( $normalized['e164'] ) && is_string( $normalized['e164'] ) ) {
				$forms[] = $normalized['e164'];
			}
		} catch ( \Throwable $unavailable ) {
			// Without the core only the number as typed is matched; the order and customer ids still find the messages.
			unset( $unavailable );
		}
		return $forms;
	}
}
