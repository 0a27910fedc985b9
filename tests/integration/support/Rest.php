<?php
/**
 * Calls the plugin's REST routes as a given caller: in-process through rest_do_request, or over real HTTP on the loopback site.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Support;

/**
 * In-process calls exercise the same route registration, permission callbacks, argument validation and controllers as a browser
 * does, fast. Real HTTP (`http()`) goes through php -S, cookies-free with an application password, for the cases where the
 * transport matters: authentication of anonymous callers, JSON encoding on the wire, signed delivery reports.
 */
final class Rest {

	public const NS = '/modulus-sms/v1';

	/**
	 * One in-process REST request.
	 *
	 * @param string     $method HTTP method.
	 * @param string     $route  Route below the namespace ("/settings") or a full route ("/wc/v3/…").
	 * @param array|null $body   JSON body (sent as a JSON request).
	 * @param string     $as     Users::ANONYMOUS|CUSTOMER|SHOP_MANAGER|ADMIN.
	 * @param array      $query  Query parameters.
	 */
	public static function call( string $method, string $route, ?array $body = null, string $as = Users::ADMIN, array $query = array() ): RestResult {
		$previous = get_current_user_id();
		Users::act_as( $as );
		try {
			$request = new \WP_REST_Request( $method, self::full_route( $route ) );
			if ( $query ) {
				$request->set_query_params( $query );
			}
			if ( null !== $body ) {
				$request->set_header( 'Content-Type', 'application/json' );
				$request->set_body( (string) wp_json_encode( $body ) );
			}
			$response = rest_do_request( $request );
			$server   = rest_get_server();
			$data     = $server->response_to_data( $response, false );
			// Round-trip through JSON: exactly what a client would receive (objects become arrays, no PHP-only types).
			$data = json_decode( (string) wp_json_encode( $data ), true );
			return new RestResult( $response->get_status(), $data, $response->get_headers(), (string) wp_json_encode( $data ) );
		} finally {
			wp_set_current_user( $previous );
		}
	}

	/**
	 * One real HTTP request to the site (php -S on loopback), authenticated with an application password.
	 *
	 * @param string      $method  HTTP method.
	 * @param string      $route   Route below the namespace or a full route.
	 * @param array|null  $body    JSON body.
	 * @param string      $as      Caller kind.
	 * @param array       $headers Extra headers (name => value).
	 * @param string|null $raw     Raw body instead of $body (e.g. to sign exact bytes).
	 */
	public static function http( string $method, string $route, ?array $body = null, string $as = Users::ANONYMOUS, array $headers = array(), ?string $raw = null ): RestResult {
		$url  = rtrim( (string) getenv( 'ACC_URL' ) ?: home_url(), '/' ) . '/wp-json' . self::full_route( $route );
		$sent = array( 'Accept: application/json' );
		if ( null !== $raw || null !== $body ) {
			$sent[] = 'Content-Type: application/json';
		}
		foreach ( $headers as $name => $value ) {
			$sent[] = $name . ': ' . $value;
		}
		$auth   = Users::basic_auth( $as );
		$handle = curl_init( $url );
		curl_setopt_array(
			$handle,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_HEADER         => true,
				CURLOPT_TIMEOUT        => 60,
				CURLOPT_HTTPHEADER     => $sent,
			)
			+ ( null !== $auth ? array( CURLOPT_USERPWD => $auth ) : array() )
			+ ( null !== $raw || null !== $body ? array( CURLOPT_POSTFIELDS => $raw ?? (string) wp_json_encode( $body ) ) : array() )
		);
		$response = curl_exec( $handle );
		$status   = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE );
		$head_len = (int) curl_getinfo( $handle, CURLINFO_HEADER_SIZE );
		$error    = curl_error( $handle );
		curl_close( $handle );
		if ( false === $response ) {
			throw new \RuntimeException( "HTTP $method $url failed: $error" );
		}
		$text = substr( (string) $response, $head_len );
		return new RestResult( $status, json_decode( $text, true ), self::parse_headers( substr( (string) $response, 0, $head_len ) ), $text );
	}

	private static function full_route( string $route ): string {
		return str_starts_with( $route, self::NS . '/' ) || str_starts_with( $route, '/wc/' ) || str_starts_with( $route, '/wp/' )
			? $route
			: self::NS . '/' . ltrim( $route, '/' );
	}

	/** @return array<string, string> lower-case name => value (last one wins). */
	private static function parse_headers( string $head ): array {
		$headers = array();
		foreach ( preg_split( '/\r?\n/', $head ) as $line ) {
			if ( str_contains( $line, ':' ) ) {
				[ $name, $value ]                    = explode( ':', $line, 2 );
				$headers[ strtolower( trim( $name ) ) ] = trim( $value );
			}
		}
		return $headers;
	}
}
