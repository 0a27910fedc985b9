<?php
/**
 * PHPUnit bootstrap: the test helpers' autoloader, after checking that WordPress is loaded and the plugin is active.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

if ( ! defined( 'ABSPATH' ) ) {
	fwrite( STDERR, "integration: WordPress is not loaded; run tests/integration/run.sh (it prepends load-wordpress.php)\n" );
	exit( 2 );
}

spl_autoload_register(
	static function ( string $class ): void {
		$prefix = 'Modulus\\Sms\\Tests\\Integration\\Support\\';
		if ( str_starts_with( $class, $prefix ) ) {
			$file = __DIR__ . '/' . str_replace( '\\', '/', substr( $class, strlen( $prefix ) ) ) . '.php';
			if ( is_file( $file ) ) {
				require $file;
			}
		}
	}
);

require_once ABSPATH . 'wp-admin/includes/plugin.php';
if ( ! is_plugin_active( \Modulus\Sms\Tests\Integration\Support\PluginState::PLUGIN_FILE ) ) {
	fwrite( STDERR, "integration: the plugin is not active on the wc-env site (install-plugin.sh failed?)\n" );
	exit( 2 );
}

// The tests hold Action Scheduler's async runner off while they run (ActionRunner::hold_async_runner); give it back at the end.
register_shutdown_function( array( \Modulus\Sms\Tests\Integration\Support\ActionRunner::class, 'release_async_runner' ) );
