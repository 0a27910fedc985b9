<?php
/**
 * The host check that decides between booting and an admin notice.
 */

declare( strict_types=1 );

use Modulus\Sms\Compat\Requirements;
use PHPUnit\Framework\TestCase;

final class RequirementsTest extends TestCase {

	protected function tearDown(): void {
		unset( $GLOBALS['wp_version'] );
	}

	public function test_an_old_wordpress_is_reported_with_its_version(): void {
		$GLOBALS['wp_version'] = '6.6.2';
		$this->assertContains( array( 'wp', '6.6.2' ), Requirements::find_problems( false ) );
	}

	public function test_a_current_wordpress_without_woocommerce(): void {
		$GLOBALS['wp_version'] = '6.8.8';
		$this->assertSame( array(), Requirements::find_problems( false ), 'PHP 8.1+ on 64 bits and WordPress 6.8 are fine' );
		$this->assertSame( array( array( 'wc_missing', '' ) ), Requirements::find_problems( true ) );
	}

	public function test_too_old_woocommerce(): void {
		$GLOBALS['wp_version'] = '6.8.8';
		$script = sprintf(
			'define("ABSPATH", "/"); class WooCommerce {} define("WC_VERSION", "8.8.1"); $GLOBALS["wp_version"] = "6.7"; require %s; echo json_encode(Modulus\Sms\Compat\Requirements::find_problems(true));',
			var_export( dirname( __DIR__, 2 ) . '/php-plugin/src/Compat/Requirements.php', true )
		);
		// A separate process: WC_VERSION is a constant and must not leak into the other tests.
		$output = shell_exec( escapeshellarg( PHP_BINARY ) . ' -r ' . escapeshellarg( $script ) );
		$this->assertSame( '[["wc_old","8.8.1"]]', trim( (string) $output ) );
	}

	public function test_the_bootstrap_files_parse_on_old_php_syntax(): void {
		// They must load on the PHP versions they reject: no typed properties, union types, enums, arrow functions or match.
		foreach ( array( 'modulus-sms.php', 'src/Autoloader.php', 'src/Compat/Requirements.php', 'src/Compat/FeatureCompatibility.php', 'uninstall.php' ) as $file ) {
			$source = (string) file_get_contents( dirname( __DIR__, 2 ) . '/php-plugin/' . $file );
			$this->assertDoesNotMatchRegularExpression( '/\bfn\s*\(|\bmatch\s*\(|\benum\s|\breadonly\b|\):\s*\??[a-z|]+\s*\{|declare\(\s*strict_types|\?\?=|(private|public|protected)\s+(?!static\b)\??[a-z]+\s+\$/i', $source, $file );
		}
	}
}
