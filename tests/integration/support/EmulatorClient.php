<?php
/**
 * Drives the mMP emulator's control API (tests/emulator/README.md) from PHPUnit.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Support;

/**
 * Talks to the emulator with PHP's curl extension, not the WordPress HTTP API, so that the control traffic never shows up in
 * wc-env's `http.jsonl` log or in any filter the plugin hooks into the WordPress HTTP API.
 */
final class EmulatorClient {

	public const DEFAULT_URL = 'http://127.0.0.1:8080';

	public function __construct( private string $base_url = self::DEFAULT_URL ) {
		$this->base_url = rtrim( $base_url, '/' );
	}

	/** The emulator run.sh started (MMP_EMULATOR_URL), or the default 127.0.0.1:8080. */
	public static function from_env(): self {
		$url = getenv( 'MMP_EMULATOR_URL' );
		return new self( $url ? $url : self::DEFAULT_URL );
	}

	/** What the plugin's "API URL" setting must be to reach this emulator. */
	public function api_url(): string {
		return $this->base_url . '/api/v1';
	}

	public function is_up(): bool {
		try {
			return true === ( $this->call( 'GET', 'health' )['ok'] ?? false );
		} catch ( \RuntimeException $e ) {
			return false;
		}
	}

	/** Forget messages, log, reports and faults; config back to the command-line defaults. */
	public function reset(): void {
		$this->call( 'POST', 'reset' );
	}

	/**
	 * Partial config update: token, secret, balance, currency, enforce_balance, auto_advance, viber_read, delays_ms, prices.
	 *
	 * @param array $patch Keys to change.
	 * @return array The whole config afterwards.
	 */
	public function config( array $patch = array() ): array {
		return $patch ? $this->call( 'POST', 'config', $patch ) : $this->call( 'GET', 'config' );
	}

	/**
	 * Add faults, e.g. ['status' => 503, 'count' => 3], ['drop' => true], ['accept_then_drop' => 1],
	 * ['viber_unavailable' => ['+30…']], ['viber_outcome' => ['+30…' => 'expired']], ['delay_ms' => 5000].
	 *
	 * @param array $spec Fault description.
	 * @return array The fault state afterwards.
	 */
	public function fault( array $spec ): array {
		return $this->call( 'POST', 'faults', $spec );
	}

	/**
	 * Move a message (or every unfinished one) to a status, or one step along its life, sending its delivery reports.
	 *
	 * @param string|null $provider_id Message id (m_…) or null for all.
	 * @param string|null $status      sent, delivered, read, failed, expired, or null for the next step.
	 * @return array{messages: array, reports: array}
	 */
	public function advance( ?string $provider_id = null, ?string $status = null ): array {
		return $this->call( 'POST', 'advance', array_filter( array( 'id' => $provider_id, 'status' => $status ) ) );
	}

	/**
	 * Send one delivery report without moving the message: signature valid|wrong|none, optional status, body, url.
	 *
	 * @param array $spec Report description (id required).
	 * @return array The report as sent, with the site's http_status and response.
	 */
	public function report( array $spec ): array {
		return $this->call( 'POST', 'report', $spec )['reports'][0];
	}

	/**
	 * The request log, oldest first; filters: method, path (suffix), since (seq), idempotency_key.
	 *
	 * @param array $filters Query filters.
	 */
	public function requests( array $filters = array() ): array {
		$query = $filters ? '?' . http_build_query( $filters ) : '';
		return $this->call( 'GET', 'requests' . $query )['requests'];
	}

	/** The send requests (POST …/messages) in the log, oldest first. */
	public function send_requests(): array {
		return $this->requests(
			array(
				'method' => 'POST',
				'path'   => '/messages',
			)
		);
	}

	/** @return array{messages: array, count: int, by_idempotency_key: array} Accepted messages. */
	public function messages(): array {
		return $this->call( 'GET', 'messages' );
	}

	/** Every delivery report sent so far. */
	public function reports(): array {
		return $this->call( 'GET', 'reports' )['reports'];
	}

	/**
	 * One control call; throws with the emulator's own error text when it is not 200.
	 *
	 * @param string     $method GET or POST.
	 * @param string     $name   Route below /__emulator/ (with any query string).
	 * @param array|null $body   JSON body.
	 * @return array Decoded JSON.
	 * @throws \RuntimeException When the emulator is unreachable or refuses the call.
	 */
	private function call( string $method, string $name, ?array $body = null ): array {
		$handle = curl_init( $this->base_url . '/__emulator/' . $name );
		$json   = null === $body ? ( 'POST' === $method ? '{}' : null ) : (string) json_encode( $body, JSON_UNESCAPED_SLASHES );
		curl_setopt_array(
			$handle,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_TIMEOUT        => 30,
				CURLOPT_HTTPHEADER     => array( 'Content-Type: application/json' ),
			) + ( null === $json ? array() : array( CURLOPT_POSTFIELDS => $json ) )
		);
		$raw    = curl_exec( $handle );
		$status = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE );
		$error  = curl_error( $handle );
		curl_close( $handle );
		if ( false === $raw ) {
			throw new \RuntimeException( "mMP emulator at {$this->base_url} unreachable: {$error}" );
		}
		$decoded = json_decode( (string) $raw, true );
		if ( 200 !== $status || ! is_array( $decoded ) ) {
			throw new \RuntimeException( "mMP emulator {$method} /__emulator/{$name} -> {$status}: {$raw}" );
		}
		return $decoded;
	}
}
