<?php
/**
 * Declares which optional WooCommerce features the plugin supports.
 *
 * @package Modulus\Sms
 */

namespace Modulus\Sms\Compat;

defined( 'ABSPATH' ) || exit;

/**
 * HPOS (`custom_order_tables`) and the cart/checkout blocks: the plugin reads orders only through WC_Order/wc_get_orders and adds its
 * checkout field through both the classic and the Store API paths, so it is compatible with both.
 */
final class FeatureCompatibility {

	/**
	 * Hooked to `before_woocommerce_init`.
	 *
	 * @return void
	 */
	public static function declare_compatibility() {
		if ( ! class_exists( '\Automattic\WooCommerce\Utilities\FeaturesUtil' ) || ! defined( 'MODULUS_SMS_FILE' ) ) {
			return;
		}
		\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', MODULUS_SMS_FILE, true );
		\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', MODULUS_SMS_FILE, true );
	}
}
