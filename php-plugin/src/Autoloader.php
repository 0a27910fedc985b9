<?php
/**
 * PSR-4 autoloader for the plugin's own classes.
 *
 * Kept to old PHP syntax: it is loaded before the requirement check runs.
 *
 * @package Modulus\Sms
 */

namespace Modulus\Sms;

defined( 'ABSPATH' ) || exit;

/**
 * Maps `Modulus\Sms\Foo\Bar` to `src/Foo/Bar.php`. The PHP translation of the core (`Modulus\Sms\Generated\…`, build output in
 * `generated/`) brings its own autoloader, which Core\CoreModule registers on the first core call — not here, so requests that
 * never use the core never load it, and a host too old for it still gets the requirements notice.
 */
final class Autoloader {

	const PREFIX           = 'Modulus\\Sms\\';
	const GENERATED_PREFIX = 'Modulus\\Sms\\Generated\\';

	/**
	 * The plugin's root directory, without a trailing slash.
	 *
	 * @var string
	 */
	private static $root = '';

	/**
	 * Register the autoloader once.
	 *
	 * @param string $plugin_dir The directory holding modulus-sms.php.
	 * @return void
	 */
	public static function register( $plugin_dir ) {
		if ( '' !== self::$root ) {
			return;
		}
		self::$root = rtrim( $plugin_dir, '/\\' );
		spl_autoload_register( array( __CLASS__, 'load' ) );
	}

	/**
	 * Load one class of ours, if the name is ours and the file exists.
	 *
	 * @param string $class_name Fully qualified class name.
	 * @return void
	 */
	public static function load( $class_name ) {
		if ( 0 !== strpos( $class_name, self::PREFIX ) || 0 === strpos( $class_name, self::GENERATED_PREFIX ) ) {
			return;
		}
		$relative = substr( $class_name, strlen( self::PREFIX ) );
		$file     = self::$root . '/src/' . str_replace( '\\', '/', $relative ) . '.php';
		if ( is_readable( $file ) ) {
			require_once $file;
		}
	}
}
