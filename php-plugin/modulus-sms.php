<?php
/**
 * Plugin Name:          modulus SMS & Viber for WooCommerce
 * Description:          Order notifications, manual and bulk SMS and Viber messages for WooCommerce through the modulus Messaging Platform (mMP).
 * Version:              0.1.0
 * Author:               modulus
 * Requires at least:    6.7
 * Requires PHP:         8.1
 * Requires Plugins:     woocommerce
 * WC requires at least: 8.9
 * WC tested up to:      10.0
 * Text Domain:          modulus-sms
 * Domain Path:          /languages
 * License:              GPLv2 or later
 * License URI:          https://www.gnu.org/licenses/gpl-2.0.html
 *
 * Bootstrap only. This file and the two classes it loads directly keep to old PHP syntax on purpose: on a host that is too old
 * they must still parse, so that the site shows an admin notice instead of a fatal error.
 *
 * @package Modulus\Sms
 */

defined( 'ABSPATH' ) || exit;

define( 'MODULUS_SMS_FILE', __FILE__ );
define( 'MODULUS_SMS_VERSION', '0.1.0' );

require_once __DIR__ . '/src/Autoloader.php';
require_once __DIR__ . '/src/Compat/Requirements.php';
require_once __DIR__ . '/src/Compat/FeatureCompatibility.php';

\Modulus\Sms\Autoloader::register( __DIR__ );

add_action( 'before_woocommerce_init', array( '\Modulus\Sms\Compat\FeatureCompatibility', 'declare_compatibility' ) );

register_activation_hook( __FILE__, array( '\Modulus\Sms\Compat\Requirements', 'activate_if_supported' ) );

add_action( 'plugins_loaded', array( '\Modulus\Sms\Compat\Requirements', 'boot_if_met' ) );
