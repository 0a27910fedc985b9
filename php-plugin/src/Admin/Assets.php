<?php
/**
 * Stylesheet and script modules of the SMS Settings screen.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin;

use Modulus\Sms\Admin\Tabs\Tab;

defined( 'ABSPATH' ) || exit;

/**
 * Each tab with live behaviour has one ES module in assets/js/admin (copied there from js/admin by build.sh).
 * It is registered as a script module `@modulus-sms/<name>` and receives its start-up data through
 * WordPress's `script_module_data_{id}` filter: the REST root and nonce, where the wasm core is,
 * translated strings, and the tab's own data.
 */
final class Assets {

	public const MODULE_PREFIX = '@modulus-sms/';

	/** build.sh copies js/ into assets/js/, so js/admin/x.js is served from here. */
	private const SCRIPTS_DIR = 'assets/js/admin/';
	private const WASM_GLUE   = 'assets/wasm/modulus_sms_wasm.js';
	private const WASM_BINARY = 'assets/wasm/modulus_sms_wasm_bg.wasm';

	/** Whether the build put the browser core into this copy of the plugin. */
	public static function core_is_built(): bool {
		$dir = plugin_dir_path( MODULUS_SMS_FILE );
		return is_readable( $dir . self::WASM_GLUE ) && is_readable( $dir . self::WASM_BINARY );
	}

	/** Enqueues the stylesheet and the tab's module. */
	public function enqueue( Tab $tab ): void {
		wp_enqueue_style( 'modulus-sms-admin', self::url( 'assets/css/admin.css' ), array(), MODULUS_SMS_VERSION );

		$module = $tab->script_module();
		if ( null === $module ) {
			return;
		}
		$id = self::MODULE_PREFIX . $module;
		// The shared modules (core.js, rest.js, …) are imported relatively by the screen modules,
		// so the order screen's module (Admin\OrderBox) can use them the same way.
		wp_enqueue_script_module( $id, self::url( self::SCRIPTS_DIR . $module . '.js' ), array(), MODULUS_SMS_VERSION );
		add_filter(
			'script_module_data_' . $id,
			fn ( array $data ): array => array_merge( $data, self::common_data(), array( 'tab' => $tab->script_data() ) )
		);
	}

	/**
	 * REST root and nonce, where the wasm core is, shared strings: what every admin module of the plugin expects
	 * (js/admin/config.js), on the settings tabs and in the order box alike.
	 *
	 * @return array<string,mixed>
	 */
	public static function common_data(): array {
		return array(
			'rest' => array(
				'root'  => esc_url_raw( rest_url( 'modulus-sms/v1/' ) ),
				'nonce' => wp_create_nonce( 'wp_rest' ),
			),
			'wasm' => array(
				'glue'   => add_query_arg( 'ver', MODULUS_SMS_VERSION, self::url( self::WASM_GLUE ) ),
				'binary' => add_query_arg( 'ver', MODULUS_SMS_VERSION, self::url( self::WASM_BINARY ) ),
			),
			'i18n' => array(
				'coreUnavailable' => __( 'The messaging core could not be loaded in this browser.', 'modulus-sms' ),
				'requestFailed'   => __( 'The request failed. Check your connection and try again.', 'modulus-sms' ),
				'working'         => __( 'Working…', 'modulus-sms' ),
				'gsm7'            => __( 'GSM-7', 'modulus-sms' ),
				'ucs2'            => __( 'Unicode (UCS-2)', 'modulus-sms' ),
				/* translators: 1: number of characters, 2: encoding name, 3: number of SMS parts, 4: characters per part. */
				'counter'         => __( '%1$d characters · %2$s · %3$d SMS (%4$d per part)', 'modulus-sms' ),
			),
		);
	}

	private static function url( string $path ): string {
		return plugins_url( $path, MODULUS_SMS_FILE );
	}
}
