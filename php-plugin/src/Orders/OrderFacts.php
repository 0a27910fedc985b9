<?php
/**
 * The facts about one order that the core needs to plan a message: template variables, the recipient's
 * phone and country, consent and opt-out. Read through WC_Order APIs only, so HPOS and posts storage behave alike.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Orders;

use Modulus\Sms\Checkout\ConsentStore;

defined( 'ABSPATH' ) || exit;

/**
 * Immutable snapshot of an order's facts.
 */
final class OrderFacts {

	/**
	 * Meta keys where common shipment-tracking plugins keep a tracking number, most specific first.
	 * `_wc_shipment_tracking_items` (WooCommerce Shipment Tracking) holds a list of arrays and is read separately.
	 */
	private const TRACKING_META_KEYS = array(
		'_tracking_number',
		'tracking_number',
		'_aftership_tracking_number',
		'_ywot_tracking_code',
		'_wcst_order_trackno',
	);

	/**
	 * @param array<string,string> $vars      Template variables, all plain text.
	 * @param array<string,mixed>  $recipient The core's recipient object.
	 */
	private function __construct( private array $vars, private array $recipient ) {
	}

	/**
	 * Gathers the facts of an order.
	 *
	 * @param \WC_Order $order           The order.
	 * @param string    $default_country ISO country used when the order has none (the settings' default country).
	 */
	public static function from_order( \WC_Order $order, string $default_country ): self {
		$user_id = (int) $order->get_customer_id();
		$phone   = self::phone_of( $order );
		$country = $order->get_billing_country() ?: ( $order->get_shipping_country() ?: $default_country );

		$vars = array(
			'order_number'    => (string) $order->get_order_number(),
			'order_id'        => (string) $order->get_id(),
			'order_status'    => self::plain( wc_get_order_status_name( $order->get_status() ) ),
			'order_total'     => self::plain( wc_price( (float) $order->get_total(), array( 'currency' => $order->get_currency() ) ) ),
			'order_date'      => self::order_date( $order ),
			'first_name'      => self::plain( $order->get_billing_first_name() ?: $order->get_shipping_first_name() ),
			'last_name'       => self::plain( $order->get_billing_last_name() ?: $order->get_shipping_last_name() ),
			'billing_phone'   => $phone,
			'shipping_method' => self::plain( $order->get_shipping_method() ),
			'payment_method'  => self::plain( $order->get_payment_method_title() ),
			'order_url'       => $user_id > 0 ? $order->get_view_order_url() : $order->get_checkout_order_received_url(),
			'tracking_number' => self::tracking_number( $order ),
			'items_count'     => (string) $order->get_item_count(),
			'shop_name'       => self::plain( get_bloginfo( 'name' ) ),
			'shop_url'        => home_url( '/' ),
		);

		/**
		 * Filters the template variables of an order message.
		 *
		 * @param array<string,string> $vars  Variables (plain text).
		 * @param \WC_Order            $order The order.
		 */
		$vars = (array) apply_filters( 'modulus_sms_order_vars', $vars, $order );

		$recipient = array(
			'phone'     => $phone,
			'country'   => strtoupper( (string) $country ),
			'consent'   => array(
				'order_updates' => self::consent_of( $order, $user_id ),
				'marketing'     => null,
			),
			'opted_out' => self::opted_out_of( $order, $user_id, $phone ),
		);

		return new self( array_map( 'strval', $vars ), $recipient );
	}

	/** @return array<string,string> Template variables. */
	public function vars(): array {
		return $this->vars;
	}

	/** @return array<string,mixed> The `recipient` object of the core's `plan` input. */
	public function recipient(): array {
		return $this->recipient;
	}

	/** The raw phone as entered at checkout (the core normalises it). */
	public function phone(): string {
		return (string) $this->recipient['phone'];
	}

	/** ISO country used to read a local phone number. */
	public function country(): string {
		return (string) $this->recipient['country'];
	}

	/** Consent for order updates: true, false, or null when never asked. */
	public function consent(): ?bool {
		return $this->recipient['consent']['order_updates'];
	}

	/** Whether the customer opted out of all messages. */
	public function opted_out(): bool {
		return (bool) $this->recipient['opted_out'];
	}

	private static function phone_of( \WC_Order $order ): string {
		$phone = trim( (string) $order->get_billing_phone() );
		if ( '' === $phone ) {
			$phone = trim( (string) $order->get_shipping_phone() );
		}
		return $phone;
	}

	/**
	 * The order's own checkout answer wins; an order that never asked falls back to the customer's latest answer.
	 */
	private static function consent_of( \WC_Order $order, int $user_id ): ?bool {
		$answer = ConsentStore::order_answer( $order );
		return null !== $answer ? $answer : ConsentStore::customer_answer( $user_id );
	}

	private static function opted_out_of( \WC_Order $order, int $user_id, string $phone ): bool {
		/**
		 * Filters whether the recipient of an order message opted out of all messages (e.g. a STOP list kept elsewhere).
		 *
		 * @param bool      $opted_out Opt-out recorded on the customer.
		 * @param string    $phone     Raw billing phone.
		 * @param \WC_Order $order     The order.
		 */
		return (bool) apply_filters( 'modulus_sms_is_opted_out', ConsentStore::customer_opted_out( $user_id ), $phone, $order );
	}

	private static function order_date( \WC_Order $order ): string {
		$created = $order->get_date_created();
		return $created ? self::plain( wc_format_datetime( $created ) ) : '';
	}

	private static function tracking_number( \WC_Order $order ): string {
		/**
		 * Filters the order meta keys searched for a tracking number, in order of preference.
		 *
		 * @param string[]  $keys  Meta keys.
		 * @param \WC_Order $order The order.
		 */
		$keys   = (array) apply_filters( 'modulus_sms_tracking_meta_keys', self::TRACKING_META_KEYS, $order );
		$number = '';
		foreach ( $keys as $key ) {
			$value = $order->get_meta( (string) $key, true );
			if ( is_scalar( $value ) && '' !== trim( (string) $value ) ) {
				$number = trim( (string) $value );
				break;
			}
		}
		if ( '' === $number ) {
			$items = $order->get_meta( '_wc_shipment_tracking_items', true );
			if ( is_array( $items ) ) {
				$last   = end( $items );
				$number = is_array( $last ) ? trim( (string) ( $last['tracking_number'] ?? '' ) ) : '';
			}
		}

		/**
		 * Filters the tracking number used in order messages.
		 *
		 * @param string    $number Tracking number found in meta, or ''.
		 * @param \WC_Order $order  The order.
		 */
		return (string) apply_filters( 'modulus_sms_tracking_number', $number, $order );
	}

	/**
	 * HTML (prices, entity-encoded names) to the plain text an SMS carries: tags stripped, entities decoded,
	 * no-break spaces made ordinary spaces (they are not in GSM-7 and would force UCS-2).
	 */
	private static function plain( string $html ): string {
		$text = html_entity_decode( wp_strip_all_tags( $html ), ENT_QUOTES | ENT_HTML5, 'UTF-8' );
		$text = str_replace( array( "\u{00A0}", "\u{202F}", "\u{2009}" ), ' ', $text );
		return trim( preg_replace( '/\s+/u', ' ', $text ) ?? $text );
	}
}
