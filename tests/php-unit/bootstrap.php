<?php
/**
 * Unit-test bootstrap: the plugin's classes that do not need a database or a running WordPress, with the handful of WordPress
 * functions they call replaced by small in-memory stand-ins. The real-WordPress suite is tests/integration.
 */

declare( strict_types=1 );

define( 'ABSPATH', __DIR__ . '/' );
define( 'MODULUS_SMS_VERSION', '0.1.0-test' );

$GLOBALS['test_options'] = array();
$GLOBALS['test_actions'] = array();

function __( string $text, string $domain = 'default' ): string {
	return $text;
}

function esc_html__( string $text, string $domain = 'default' ): string {
	return htmlspecialchars( $text );
}

function get_option( string $name, mixed $default = false ): mixed {
	return $GLOBALS['test_options'][ $name ] ?? $default;
}

function update_option( string $name, mixed $value, mixed $autoload = null ): bool {
	$GLOBALS['test_options'][ $name ] = $value;
	return true;
}

function did_action( string $hook ): int {
	return 1;
}

function do_action( string $hook, mixed ...$args ): void {
	$GLOBALS['test_actions'][] = array( $hook, $args );
}

function apply_filters( string $hook, mixed $value, mixed ...$args ): mixed {
	return $value;
}

function wp_timezone_string(): string {
	return $GLOBALS['test_timezone'] ?? 'Europe/Athens';
}

function rest_url( string $path = '' ): string {
	return 'https://shop.example/wp-json/' . ltrim( $path, '/' );
}

function wp_generate_uuid4(): string {
	$bytes    = random_bytes( 16 );
	$bytes[6] = chr( ord( $bytes[6] ) & 0x0f | 0x40 );
	$bytes[8] = chr( ord( $bytes[8] ) & 0x3f | 0x80 );
	return vsprintf( '%s%s-%s-%s-%s-%s%s%s', str_split( bin2hex( $bytes ), 4 ) );
}

function wp_strip_all_tags( string $text ): string {
	return trim( strip_tags( $text ) );
}

function is_wp_error( mixed $thing ): bool {
	return $thing instanceof WP_Error;
}

/** The parts of WP_Error the plugin uses. */
class WP_Error {
	private array $data = array();

	public function __construct( private string $code = '', private string $message = '', mixed $data = '' ) {
		if ( '' !== $data ) {
			$this->data[ $code ] = $data;
		}
	}

	public function get_error_code(): string {
		return $this->code;
	}

	public function get_error_message(): string {
		return $this->message;
	}

	public function get_error_data( string $code = '' ): mixed {
		return $this->data[ '' === $code ? $this->code : $code ] ?? null;
	}

	public function add_data( mixed $data, string $code = '' ): void {
		$this->data[ '' === $code ? $this->code : $code ] = $data;
	}
}

spl_autoload_register(
	static function ( string $class_name ): void {
		$prefix = 'Modulus\\Sms\\';
		if ( str_starts_with( $class_name, $prefix ) ) {
			$file = dirname( __DIR__, 2 ) . '/php-plugin/src/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
			if ( is_readable( $file ) ) {
				require_once $file;
			}
		}
	}
);

require_once __DIR__ . '/Fakes/InMemoryMessages.php';
require_once __DIR__ . '/Fakes/ScriptedClient.php';
require_once __DIR__ . '/Fakes/RecordingWpdb.php';
require_once __DIR__ . '/Fakes/InMemoryTemplates.php';

const ARRAY_A = 'ARRAY_A';
$GLOBALS['wpdb'] = new wpdb();

function get_locale(): string {
	return $GLOBALS['test_locale'] ?? 'en_US';
}
