<?php
/**
 * Sample values for the template editor's live preview.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * Believable values for each template context, in the shop's own currency, date format and
 * language, so the preview shows about the length (and so the segments) of a real message.
 * Which variables are valid is the core's business; these are only the values to show.
 */
final class TemplateSamples {

	/**
	 * @return array<string,array<string,string>> context => variable => sample value.
	 */
	public static function all(): array {
		$shop = array(
			'shop_name' => self::plain( get_bloginfo( 'name' ) ),
			'shop_url'  => home_url( '/' ),
		);
		$person = array(
			'first_name' => __( 'Maria', 'modulus-sms' ),
			'last_name'  => __( 'Papadopoulou', 'modulus-sms' ),
		);
		return array(
			'order'    => array_merge(
				array(
					'order_number'    => '1042',
					'order_id'        => '1042',
					'order_status'    => self::plain( function_exists( 'wc_get_order_status_name' ) ? wc_get_order_status_name( 'completed' ) : __( 'Completed', 'modulus-sms' ) ),
					'order_total'     => self::price( 49.9 ),
					'order_date'      => self::plain( date_i18n( (string) get_option( 'date_format' ) ) ),
				),
				$person,
				array(
					'billing_phone'   => '+306912345678',
					'shipping_method' => __( 'Flat rate', 'modulus-sms' ),
					'payment_method'  => __( 'Cash on delivery', 'modulus-sms' ),
					'order_url'       => home_url( '/my-account/view-order/1042/' ),
					'tracking_number' => 'GR123456789',
					'items_count'     => '2',
				),
				$shop
			),
			'product'  => array_merge(
				array(
					'product_name'  => __( 'Sample T-shirt', 'modulus-sms' ),
					'product_url'   => home_url( '/product/sample-t-shirt/' ),
					'product_price' => self::price( 19.9 ),
				),
				$shop
			),
			'customer' => array_merge( $person, $shop ),
		);
	}

	private static function price( float $amount ): string {
		return function_exists( 'wc_price' ) ? self::plain( wc_price( $amount ) ) : number_format_i18n( $amount, 2 );
	}

	/** HTML (prices, entities) to the plain text an SMS carries. */
	private static function plain( string $html ): string {
		$text = html_entity_decode( wp_strip_all_tags( $html ), ENT_QUOTES | ENT_HTML5, 'UTF-8' );
		return trim( str_replace( array( "\u{00A0}", "\u{202F}" ), ' ', $text ) );
	}
}
