<?php
/**
 * The templates a new shop starts with: complete, in both languages, and valid for the core.
 */

declare( strict_types=1 );

use Modulus\Sms\Install\DefaultTemplates;
use PHPUnit\Framework\TestCase;

final class DefaultTemplatesTest extends TestCase {

	private const STATUSES = array( 'processing', 'completed', 'on-hold', 'cancelled', 'refunded' );

	public function test_greek_and_english_for_every_common_status(): void {
		$all = DefaultTemplates::all();
		$this->assertSame( array( 'el', 'en' ), array_keys( $all ) );
		foreach ( $all as $language => $by_status ) {
			$this->assertSame( self::STATUSES, array_keys( $by_status ), $language );
			foreach ( $by_status as $status => $template ) {
				$this->assertNotSame( '', trim( $template['title'] ), "$language $status" );
				$this->assertLessThanOrEqual( 160, mb_strlen( $template['body'] ), "$language $status stays short" );
				preg_match_all( '/\{([a-z_]+)\}/', $template['body'], $vars );
				$this->assertSame( array(), array_diff( $vars[1], array( 'first_name', 'order_number', 'order_total', 'shop_name' ) ), "$language $status" );
			}
		}
		$this->assertMatchesRegularExpression( '/\p{Greek}/u', $all['el']['completed']['body'] );
	}

	public function test_language_follows_the_site_locale(): void {
		$this->assertSame( 'el', DefaultTemplates::language_for( 'el' ) );
		$this->assertSame( 'el', DefaultTemplates::language_for( 'el_GR' ) );
		$this->assertSame( 'en', DefaultTemplates::language_for( 'en_US' ) );
		$this->assertSame( 'en', DefaultTemplates::language_for( 'de_DE' ) );
	}

	public function test_the_core_accepts_every_default_template(): void {
		$binary = self::core_binary();
		if ( null === $binary ) {
			$this->markTestSkipped( 'the native core CLI (target/*/mmp-core) is not built' );
		}
		foreach ( DefaultTemplates::all() as $language => $by_status ) {
			foreach ( $by_status as $status => $template ) {
				$reply = self::call_core( $binary, 'validate_template', array( 'template' => $template['body'], 'context' => 'order' ) );
				$this->assertTrue( $reply['ok'] ?? false, "$language $status: " . json_encode( $reply ) );
			}
		}
	}

	private static function core_binary(): ?string {
		$candidates = array( getenv( 'MMP_CORE_BIN' ) ?: '', dirname( __DIR__, 2 ) . '/target/release/mmp-core', dirname( __DIR__, 2 ) . '/target/debug/mmp-core' );
		foreach ( $candidates as $candidate ) {
			if ( '' !== $candidate && is_executable( $candidate ) ) {
				return $candidate;
			}
		}
		return null;
	}

	private static function call_core( string $binary, string $op, array $input ): array {
		$process = proc_open( array( $binary, 'call', $op ), array( array( 'pipe', 'r' ), array( 'pipe', 'w' ), array( 'pipe', 'w' ) ), $pipes );
		fwrite( $pipes[0], (string) json_encode( $input ) );
		fclose( $pipes[0] );
		$output = (string) stream_get_contents( $pipes[1] );
		proc_close( $process );
		return (array) json_decode( $output, true );
	}
}
