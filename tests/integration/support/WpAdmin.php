<?php
/**
 * wp-admin pages over real HTTP, logged in through the real wp-login.php form.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Support;

/**
 * One cookie jar per caller kind for the PHP process. Pages come back as [status, html].
 */
final class WpAdmin {

	/** @var array<string, string> caller kind => cookie jar file. */
	private static array $jars = array();

	/**
	 * GET a page of the site as a logged-in caller.
	 *
	 * @param string $path Path below the site URL, e.g. "wp-admin/admin.php?page=modulus-sms".
	 * @param string $who  Users::CUSTOMER|SHOP_MANAGER|ADMIN.
	 * @return array{0: int, 1: string} HTTP status and body.
	 */
	public static function get( string $path, string $who ): array {
		return self::request( self::site_url() . '/' . ltrim( $path, '/' ), self::jar( $who ) );
	}

	private static function site_url(): string {
		return rtrim( getenv( 'ACC_URL' ) ? (string) getenv( 'ACC_URL' ) : home_url(), '/' );
	}

	private static function jar( string $who ): string {
		if ( ! isset( self::$jars[ $who ] ) ) {
			$jar = (string) tempnam( sys_get_temp_dir(), 'modulus-sms-jar' );
			register_shutdown_function( static fn() => is_file( $jar ) && unlink( $jar ) );
			$user = get_userdata( Users::id( $who ) );
			[ $status ] = self::request(
				self::site_url() . '/wp-login.php',
				$jar,
				array(
					'log'         => $user->user_login,
					'pwd'         => Users::password( $who ),
					'wp-submit'   => 'Log In',
					'testcookie'  => '1',
					'redirect_to' => self::site_url() . '/wp-admin/',
				)
			);
			if ( ! in_array( $status, array( 200, 302 ), true ) || ! str_contains( (string) file_get_contents( $jar ), 'wordpress_logged_in' ) ) {
				throw new \RuntimeException( "could not log in as $who through wp-login.php (HTTP $status)" );
			}
			self::$jars[ $who ] = $jar;
		}
		return self::$jars[ $who ];
	}

	/**
	 * @param string     $url  URL.
	 * @param string     $jar  Cookie jar.
	 * @param array|null $form POST fields, or null for GET.
	 * @return array{0: int, 1: string}
	 */
	private static function request( string $url, string $jar, ?array $form = null ): array {
		$handle = curl_init( $url );
		curl_setopt_array(
			$handle,
			array(
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_TIMEOUT        => 60,
				CURLOPT_COOKIEJAR      => $jar,
				CURLOPT_COOKIEFILE     => $jar,
				CURLOPT_COOKIE         => 'wordpress_test_cookie=WP%20Cookie%20check',
			) + ( null === $form ? array() : array( CURLOPT_POSTFIELDS => http_build_query( $form ) ) )
		);
		$body   = curl_exec( $handle );
		$status = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE );
		$error  = curl_error( $handle );
		$handle = null; // Frees the handle, which is when curl writes the cookie jar (curl_close() is a no-op since PHP 8).
		if ( false === $body ) {
			throw new \RuntimeException( "GET $url failed: $error" );
		}
		return array( $status, (string) $body );
	}
}
