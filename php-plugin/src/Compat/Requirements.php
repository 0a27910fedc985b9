<?php
/**
 * Checks that the host can run the plugin before any of its features start.
 *
 * Kept to old PHP syntax on purpose: it must parse and run on the PHP versions it rejects.
 *
 * @package Modulus\Sms
 */

namespace Modulus\Sms\Compat;

defined( 'ABSPATH' ) || exit;

/**
 * PHP ≥ 8.1 on a 64-bit build (the translated core does 64-bit integer arithmetic), WordPress ≥ 6.7 and an active WooCommerce ≥ 8.9.
 * When something is missing the plugin shows an admin notice and does not boot; it never causes a fatal error.
 */
final class Requirements {

	const MIN_PHP = '8.1.0';
	const MIN_WP  = '6.7';
	const MIN_WC  = '8.9';

	/**
	 * Problems found by the last check, as [code, found version] pairs (translated only when shown, after `init`).
	 *
	 * @var array
	 */
	private static $problems = array();

	/**
	 * Hooked to `plugins_loaded`: boot the plugin, or queue the admin notice explaining why not.
	 *
	 * @return void
	 */
	public static function boot_if_met() {
		self::$problems = self::find_problems( true );
		if ( array() !== self::$problems ) {
			add_action( 'admin_notices', array( __CLASS__, 'render_notice' ) );
			return;
		}
		\Modulus\Sms\Plugin::instance()->boot();
	}

	/**
	 * Activation hook: create the tables when the host can run the plugin's code at all. WooCommerce is not needed for that;
	 * its absence is reported by the notice once the plugin loads.
	 *
	 * @return void
	 */
	public static function activate_if_supported() {
		if ( array() !== self::find_problems( false ) ) {
			return;
		}
		\Modulus\Sms\Install\Activator::activate();
	}

	/**
	 * The problems with this host.
	 *
	 * @param bool $check_woocommerce Whether to require an active WooCommerce.
	 * @return array List of [code, found] pairs.
	 */
	public static function find_problems( $check_woocommerce ) {
		$problems = array();
		if ( version_compare( PHP_VERSION, self::MIN_PHP, '<' ) ) {
			$problems[] = array( 'php', PHP_VERSION );
		}
		if ( PHP_INT_SIZE < 8 ) {
			$problems[] = array( 'php32', (string) ( PHP_INT_SIZE * 8 ) );
		}
		$wp_version = isset( $GLOBALS['wp_version'] ) ? (string) $GLOBALS['wp_version'] : '0';
		if ( version_compare( $wp_version, self::MIN_WP, '<' ) ) {
			$problems[] = array( 'wp', $wp_version );
		}
		if ( $check_woocommerce ) {
			if ( ! defined( 'WC_VERSION' ) || ! class_exists( 'WooCommerce' ) ) {
				$problems[] = array( 'wc_missing', '' );
			} elseif ( version_compare( WC_VERSION, self::MIN_WC, '<' ) ) {
				$problems[] = array( 'wc_old', WC_VERSION );
			}
		}
		return $problems;
	}

	/**
	 * Hooked to `admin_notices` when a requirement is not met.
	 *
	 * @return void
	 */
	public static function render_notice() {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		echo '<div class="notice notice-error"><p><strong>'
			. esc_html__( 'modulus SMS & Viber for WooCommerce is inactive.', 'modulus-sms' )
			. '</strong></p><ul>';
		foreach ( self::$problems as $problem ) {
			echo '<li>' . esc_html( self::describe( $problem[0], $problem[1] ) ) . '</li>';
		}
		echo '</ul></div>';
	}

	/**
	 * One problem as a sentence for the site owner.
	 *
	 * @param string $code  Problem code.
	 * @param string $found The version found, if any.
	 * @return string
	 */
	private static function describe( $code, $found ) {
		switch ( $code ) {
			case 'php':
				/* translators: 1: required PHP version, 2: installed PHP version */
				return sprintf( __( 'It needs PHP %1$s or newer; this site runs PHP %2$s.', 'modulus-sms' ), self::MIN_PHP, $found );
			case 'php32':
				return __( 'It needs a 64-bit build of PHP; this site runs a 32-bit PHP.', 'modulus-sms' );
			case 'wp':
				/* translators: 1: required WordPress version, 2: installed WordPress version */
				return sprintf( __( 'It needs WordPress %1$s or newer; this site runs WordPress %2$s.', 'modulus-sms' ), self::MIN_WP, $found );
			case 'wc_old':
				/* translators: 1: required WooCommerce version, 2: installed WooCommerce version */
				return sprintf( __( 'It needs WooCommerce %1$s or newer; this site runs WooCommerce %2$s.', 'modulus-sms' ), self::MIN_WC, $found );
			default:
				return __( 'It needs WooCommerce to be installed and active.', 'modulus-sms' );
		}
	}
}
