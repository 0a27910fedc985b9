<?php
/**
 * The mMP HTTP client: the only class that knows the wire format.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Mmp;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Settings\Settings;

/**
 * Speaks the mMP HTTP API (docs: mmp-http-api.md) and answers in the outcomes the core's `route` understands. Requests go through
 * `wp_remote_request` — not the "safe" variant, because the API URL is set by the shop manager and may be on any port — with the
 * Bearer token, a timeout and TLS verification on.
 */
class Client {

	/** Longest `reference` mMP accepts. */
	private const REFERENCE_MAX = 64;

	/** @var callable(string, array): (array|\WP_Error) */
	private $transport;

	/**
	 * @param Settings|null $settings  Where the URL, token, sender and timeout come from (read on every request).
	 * @param callable|null $transport fn(string $url, array $args): array|\WP_Error, default `wp_remote_request`.
	 */
	public function __construct( private ?Settings $settings = null, ?callable $transport = null ) {
		$this->settings ??= new Settings();
		$this->transport  = $transport ?? 'wp_remote_request';
	}

	/**
	 * Send one message.
	 *
	 * @param string      $uuid         Idempotency-Key: the same on every retry of the same message on the same channel.
	 * @param string      $to           E.164 number.
	 * @param string      $channel      sms or viber.
	 * @param string      $text         The text for that channel.
	 * @param string      $reference    Echoed in delivery reports (cut to 64 characters).
	 * @param string|null $callback_url Where mMP posts delivery reports, or null.
	 * @return array{outcome: string, provider_id?: string, segments?: int, cost?: float, retry_after?: int, http_status?: int, error?: string, error_code?: string, duplicate?: bool}
	 */
	public function send( string $uuid, string $to, string $channel, string $text, string $reference, ?string $callback_url ): array {
		$settings = $this->settings->get();
		$body     = array(
			'to'        => $to,
			'channel'   => $channel,
			'text'      => $text,
			'reference' => mb_substr( $reference, 0, self::REFERENCE_MAX ),
		);
		if ( '' !== (string) $settings['sender_id'] ) {
			$body['from'] = (string) $settings['sender_id'];
		}
		if ( null !== $callback_url && '' !== $callback_url ) {
			$body['callback_url'] = $callback_url;
		}

		$reply = $this->request( 'POST', '/messages', $body, array( 'Idempotency-Key' => $uuid ) );
		if ( isset( $reply['outcome'] ) ) {
			return $reply;
		}
		return self::send_outcome( $reply['code'], $reply['json'], $reply['retry_after'] );
	}

	/**
	 * The status of a message mMP accepted.
	 *
	 * @param string $provider_id mMP's message id.
	 * @return array{outcome: string, status?: string, channel?: string, updated_at?: string, http_status?: int, error?: string}
	 */
	public function status( string $provider_id ): array {
		$reply = $this->request( 'GET', '/messages/' . rawurlencode( $provider_id ), null, array() );
		if ( isset( $reply['outcome'] ) ) {
			return $reply;
		}
		return self::status_outcome( $reply['code'], $reply['json'], $reply['retry_after'] );
	}

	/**
	 * The account balance; also the cheapest check of the URL and token.
	 *
	 * @return array{ok: bool, balance?: float, currency?: string, outcome?: string, http_status?: int, error?: string}
	 */
	public function balance(): array {
		$reply = $this->request( 'GET', '/account/balance', null, array() );
		if ( isset( $reply['outcome'] ) ) {
			return array( 'ok' => false ) + $reply;
		}
		return self::balance_result( $reply['code'], $reply['json'], $reply['retry_after'] );
	}

	/**
	 * One HTTP exchange. Returns either a finished outcome (not configured, transport error) or the raw parts to map.
	 *
	 * @param string     $method  GET or POST.
	 * @param string     $path    Path below the API URL.
	 * @param array|null $body    JSON body.
	 * @param array      $headers Extra headers.
	 * @return array{outcome: string, error: string, http_status?: int}|array{code: int, json: array, retry_after: ?int}
	 */
	private function request( string $method, string $path, ?array $body, array $headers ): array {
		$settings = $this->settings->get();
		$base     = rtrim( (string) $settings['api_url'], '/' );
		$token    = (string) $settings['api_token'];
		if ( '' === $base || '' === $token ) {
			return array(
				'outcome' => 'unauthorized',
				'error'   => __( 'The mMP API URL and API token are not set.', 'modulus-sms' ),
			);
		}

		$args = array(
			'method'      => $method,
			'timeout'     => max( 1, (int) $settings['http_timeout'] ),
			'redirection' => 0,
			'sslverify'   => true,
			'user-agent'  => 'modulus-sms/' . ( defined( 'MODULUS_SMS_VERSION' ) ? MODULUS_SMS_VERSION : '0' ),
			'headers'     => array(
				'Authorization' => 'Bearer ' . $token,
				'Accept'        => 'application/json',
			) + $headers,
		);
		if ( null !== $body ) {
			$args['headers']['Content-Type'] = 'application/json; charset=utf-8';
			$args['body']                    = (string) json_encode( $body, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE );
			$args['data_format']             = 'body';
		}

		$response = ( $this->transport )( $base . $path, $args );
		if ( $response instanceof \WP_Error || ! is_array( $response ) ) {
			return array(
				'outcome' => 'transient',
				'error'   => $response instanceof \WP_Error ? $response->get_error_message() : __( 'No response from mMP.', 'modulus-sms' ),
			);
		}
		$json = json_decode( (string) ( $response['body'] ?? '' ), true );
		return array(
			'code'        => (int) ( $response['response']['code'] ?? 0 ),
			'json'        => is_array( $json ) ? $json : array(),
			'retry_after' => self::retry_after_seconds( self::header( $response, 'retry-after' ), time() ),
		);
	}

	/**
	 * A response header by name, whether the headers are a plain array or WordPress's case-insensitive dictionary.
	 *
	 * @param array  $response wp_remote_request() response.
	 * @param string $name     Lower-case header name.
	 */
	private static function header( array $response, string $name ): ?string {
		$headers = $response['headers'] ?? array();
		$value   = null;
		if ( $headers instanceof \ArrayAccess ) {
			$value = $headers[ $name ] ?? null;
		} elseif ( is_array( $headers ) ) {
			$value = array_change_key_case( $headers, CASE_LOWER )[ $name ] ?? null;
		}
		if ( is_array( $value ) ) {
			$value = reset( $value );
		}
		return null === $value || false === $value ? null : (string) $value;
	}

	/**
	 * POST /messages: 202 accepted; 409 duplicate = accepted earlier under this Idempotency-Key (with the original id);
	 * 422 viber_unavailable = this channel cannot reach the recipient; the rest as in `error_outcome()`.
	 *
	 * @param int      $code        HTTP status.
	 * @param array    $json        Decoded body.
	 * @param int|null $retry_after Retry-After in seconds.
	 */
	private static function send_outcome( int $code, array $json, ?int $retry_after ): array {
		$error_code = self::error_code( $json );
		if ( $code >= 200 && $code < 300 ) {
			return array_filter(
				array(
					'outcome'     => 'accepted',
					'provider_id' => isset( $json['id'] ) ? (string) $json['id'] : null,
					'segments'    => isset( $json['segments'] ) ? (int) $json['segments'] : null,
					'cost'        => isset( $json['cost'] ) && is_numeric( $json['cost'] ) ? (float) $json['cost'] : null,
					'http_status' => $code,
				),
				static fn( $value ) => null !== $value
			);
		}
		if ( 409 === $code && 'duplicate' === $error_code ) {
			return array_filter(
				array(
					'outcome'     => 'accepted',
					'provider_id' => isset( $json['error']['id'] ) ? (string) $json['error']['id'] : null,
					'duplicate'   => true,
					'http_status' => $code,
				),
				static fn( $value ) => null !== $value
			);
		}
		if ( 422 === $code && 'viber_unavailable' === $error_code ) {
			return self::failure( 'rejected_channel', $code, $json );
		}
		return self::error_outcome( $code, $json, $retry_after );
	}

	/**
	 * GET /messages/{id}: queued and sent are still `accepted`; delivered, read, failed and expired are themselves.
	 *
	 * @param int      $code        HTTP status.
	 * @param array    $json        Decoded body.
	 * @param int|null $retry_after Retry-After in seconds.
	 */
	private static function status_outcome( int $code, array $json, ?int $retry_after ): array {
		if ( 200 !== $code ) {
			return self::error_outcome( $code, $json, $retry_after );
		}
		$status   = (string) ( $json['status'] ?? '' );
		$outcomes = array(
			'queued'    => 'accepted',
			'sent'      => 'accepted',
			'delivered' => 'delivered',
			'read'      => 'read',
			'failed'    => 'failed',
			'expired'   => 'expired',
		);
		if ( ! isset( $outcomes[ $status ] ) ) {
			return array(
				'outcome'     => 'transient',
				'http_status' => $code,
				/* translators: %s: status sent by mMP */
				'error'       => sprintf( __( 'mMP answered with an unknown message status "%s".', 'modulus-sms' ), $status ),
			);
		}
		return array_filter(
			array(
				'outcome'     => $outcomes[ $status ],
				'status'      => $status,
				'channel'     => isset( $json['channel'] ) ? (string) $json['channel'] : null,
				'updated_at'  => isset( $json['updated_at'] ) ? (string) $json['updated_at'] : null,
				'http_status' => $code,
			),
			static fn( $value ) => null !== $value
		);
	}

	/**
	 * GET /account/balance.
	 *
	 * @param int      $code        HTTP status.
	 * @param array    $json        Decoded body.
	 * @param int|null $retry_after Retry-After in seconds.
	 */
	private static function balance_result( int $code, array $json, ?int $retry_after ): array {
		if ( 200 === $code && isset( $json['balance'] ) && is_numeric( $json['balance'] ) ) {
			return array(
				'ok'          => true,
				'balance'     => (float) $json['balance'],
				'currency'    => (string) ( $json['currency'] ?? '' ),
				'http_status' => $code,
			);
		}
		if ( 200 === $code ) {
			return array(
				'ok'          => false,
				'outcome'     => 'transient',
				'http_status' => $code,
				'error'       => __( 'mMP answered without a balance.', 'modulus-sms' ),
			);
		}
		return array( 'ok' => false ) + self::error_outcome( $code, $json, $retry_after );
	}

	/**
	 * The error statuses every endpoint shares: 401/403 unauthorized, 402 no_balance, 429 throttled (+ Retry-After),
	 * 408/425/5xx/no status transient, anything else (400, 404, other 4xx, unexpected 3xx) permanent `invalid`.
	 *
	 * @param int      $code        HTTP status.
	 * @param array    $json        Decoded body.
	 * @param int|null $retry_after Retry-After in seconds.
	 */
	private static function error_outcome( int $code, array $json, ?int $retry_after ): array {
		if ( 401 === $code || 403 === $code ) {
			return self::failure( 'unauthorized', $code, $json );
		}
		if ( 402 === $code ) {
			return self::failure( 'no_balance', $code, $json );
		}
		if ( 429 === $code ) {
			$throttled = self::failure( 'throttled', $code, $json );
			if ( null !== $retry_after ) {
				$throttled['retry_after'] = $retry_after;
			}
			return $throttled;
		}
		if ( 0 === $code || 408 === $code || 425 === $code || $code >= 500 ) {
			return self::failure( 'transient', $code, $json );
		}
		return self::failure( 'invalid', $code, $json );
	}

	/**
	 * @param string $outcome Outcome.
	 * @param int    $code    HTTP status.
	 * @param array  $json    Decoded body.
	 */
	private static function failure( string $outcome, int $code, array $json ): array {
		$failure = array(
			'outcome'     => $outcome,
			'http_status' => $code,
			'error'       => self::error_message( $code, $json ),
		);
		$error_code = self::error_code( $json );
		if ( '' !== $error_code ) {
			$failure['error_code'] = $error_code;
		}
		return $failure;
	}

	/**
	 * The server's own words for the screen: its message, else its error code, else the HTTP status.
	 *
	 * @param int   $code HTTP status.
	 * @param array $json Decoded body.
	 */
	private static function error_message( int $code, array $json ): string {
		$error = $json['error'] ?? null;
		if ( is_array( $error ) && isset( $error['message'] ) && '' !== trim( (string) $error['message'] ) ) {
			return (string) $error['message'];
		}
		if ( is_string( $error ) && '' !== trim( $error ) ) {
			return $error;
		}
		if ( isset( $json['message'] ) && is_string( $json['message'] ) && '' !== trim( $json['message'] ) ) {
			return $json['message'];
		}
		$error_code = self::error_code( $json );
		if ( '' !== $error_code ) {
			return $error_code;
		}
		/* translators: %d: HTTP status code */
		return sprintf( __( 'mMP answered with HTTP status %d.', 'modulus-sms' ), $code );
	}

	/**
	 * @param array $json Decoded body.
	 */
	private static function error_code( array $json ): string {
		return is_array( $json['error'] ?? null ) && isset( $json['error']['code'] ) ? (string) $json['error']['code'] : '';
	}

	/**
	 * Retry-After as seconds from now: either delta-seconds or an HTTP date. Null when absent or unreadable.
	 *
	 * @param string|null $header Header value.
	 * @param int         $now    Unix time.
	 */
	private static function retry_after_seconds( ?string $header, int $now ): ?int {
		$header = null === $header ? '' : trim( $header );
		if ( '' === $header ) {
			return null;
		}
		if ( ctype_digit( $header ) ) {
			return (int) $header;
		}
		$at = strtotime( $header );
		return false === $at ? null : max( 0, $at - $now );
	}
}
