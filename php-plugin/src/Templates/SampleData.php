<?php
/**
 * Sample variable values for previews.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Templates;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Admin\TemplateSamples;

/**
 * The values a preview renders with when the caller gives none. The template editor's samples (Admin\TemplateSamples: the shop's
 * own name, currency and date format) are the single source, so the REST preview and the editor show the same text; the small
 * built-in set only covers a build without the admin screens.
 */
final class SampleData {

	/**
	 * @param string $context order, product or customer.
	 * @return array<string, string> variable => value.
	 */
	public static function for_context( string $context ): array {
		if ( class_exists( TemplateSamples::class ) ) {
			$all = TemplateSamples::all();
			if ( isset( $all[ $context ] ) && is_array( $all[ $context ] ) ) {
				return $all[ $context ];
			}
		}
		return self::builtin()[ $context ] ?? array();
	}

	/**
	 * @return array<string, array<string, string>>
	 */
	private static function builtin(): array {
		$shop   = array(
			'shop_name' => 'Demo Shop',
			'shop_url'  => 'https://shop.example/',
		);
		$person = array(
			'first_name' => 'Maria',
			'last_name'  => 'Papadopoulou',
		);
		return array(
			'order'    => $person + $shop + array(
				'order_number'    => '1042',
				'order_total'     => '49.90 €',
				'order_date'      => '28/11/2026',
				'order_status'    => 'Completed',
				'order_url'       => 'https://shop.example/my-account/view-order/1042/',
				'payment_method'  => 'Cash on delivery',
				'shipping_method' => 'Flat rate',
			),
			'product'  => $shop + array(
				'product_name'  => 'Sample T-shirt',
				'product_url'   => 'https://shop.example/product/sample-t-shirt/',
				'product_price' => '19.90 €',
				'product_sku'   => 'SAMPLE-TSHIRT',
			),
			'customer' => $person + $shop,
		);
	}
}
