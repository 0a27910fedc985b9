<?php
/**
 * What a REST call answered.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Support;

/**
 * Status, decoded JSON body, headers and the raw JSON text (to search for strings that must never appear, such as the token).
 */
final class RestResult {

	/**
	 * @param int        $status  HTTP status.
	 * @param mixed      $data    Decoded JSON (arrays), or null when the body was not JSON.
	 * @param array      $headers Response headers.
	 * @param string     $raw     The JSON text.
	 */
	public function __construct( public readonly int $status, public readonly mixed $data, public readonly array $headers, public readonly string $raw ) {
	}

	/** The WP_Error code of an error response ('' when the body is not an error). */
	public function error_code(): string {
		return is_array( $this->data ) ? (string) ( $this->data['code'] ?? '' ) : '';
	}

	/** The `data` member of an error response. */
	public function error_data(): array {
		return is_array( $this->data ) && is_array( $this->data['data'] ?? null ) ? $this->data['data'] : array();
	}

	/** For assertion messages. */
	public function describe(): string {
		return $this->status . ' ' . substr( $this->raw, 0, 1500 );
	}
}
