<?php
/**
 * Wires the plugin's parts to WordPress and WooCommerce.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Install\Activator;
use Modulus\Sms\Privacy\Eraser;
use Modulus\Sms\Privacy\Exporter;

/**
 * Booted on `plugins_loaded` once Compat\Requirements are met. Each part registers its own hooks through `register()`; this class
 * only decides which parts run where. Parts that are not present are skipped, so a partial build still loads.
 */
final class Plugin {

	/** Parts that run on every request; each adds its own hooks in `register()` (static or not). */
	private const COMPONENTS = array(
		'Orders\\StatusListener',
		'Queue\\Worker',
		'Queue\\Hold',
		'Queue\\Sweeper',
		'Checkout\\ConsentField',
		'Checkout\\BlockConsentField',
		'Account\\ConsentPreferences',
		'Rest\\DeliveryReportController',
		'Rest\\OrderMessagesController',
	);

	/** Parts that only wp-admin (and admin-ajax) needs. */
	private const ADMIN_COMPONENTS = array(
		'Admin\\SettingsPage',
		'Admin\\OrderBox',
	);

	/** This part's REST controllers (namespace modulus-sms/v1), registered on `rest_api_init`. */
	private const REST_CONTROLLERS = array(
		'Rest\\SettingsController',
		'Rest\\BalanceController',
		'Rest\\TestController',
		'Rest\\TemplatesController',
		'Rest\\OrderStatusesController',
		'Rest\\PreviewController',
		'Rest\\MessagesController',
	);

	private static ?Plugin $instance = null;

	private bool $booted = false;

	public static function instance(): Plugin {
		return self::$instance ??= new Plugin();
	}

	/**
	 * Add every hook, once.
	 */
	public function boot(): void {
		if ( $this->booted ) {
			return;
		}
		$this->booted = true;

		Activator::maybe_upgrade();
		add_action( 'init', array( $this, 'load_textdomain' ) );
		add_action( 'rest_api_init', array( $this, 'register_rest_routes' ) );
		add_filter( 'wp_privacy_personal_data_exporters', array( Exporter::class, 'register' ) );
		add_filter( 'wp_privacy_personal_data_erasers', array( Eraser::class, 'register' ) );

		$components = is_admin() ? array_merge( self::COMPONENTS, self::ADMIN_COMPONENTS ) : self::COMPONENTS;
		foreach ( $components as $component ) {
			$instance = self::make( $component );
			if ( null !== $instance && method_exists( $instance, 'register' ) ) {
				$instance->register();
			}
		}
	}

	/**
	 * Hooked to `init`: translations from the plugin's own languages/ folder (also used when WordPress has no language pack).
	 */
	public function load_textdomain(): void {
		load_plugin_textdomain( 'modulus-sms', false, dirname( plugin_basename( MODULUS_SMS_FILE ) ) . '/languages' );
	}

	/**
	 * Hooked to `rest_api_init`.
	 */
	public function register_rest_routes(): void {
		foreach ( self::REST_CONTROLLERS as $controller ) {
			$instance = self::make( $controller );
			if ( null !== $instance && method_exists( $instance, 'register_routes' ) ) {
				$instance->register_routes();
			}
		}
	}

	/**
	 * @param string $relative_class Class name below Modulus\Sms\.
	 */
	private static function make( string $relative_class ): ?object {
		$class = __NAMESPACE__ . '\\' . $relative_class;
		return class_exists( $class ) ? new $class() : null;
	}
}
