<?php
/**
 * The mMP client: what goes on the wire and how every answer of the contract maps to an outcome.
 */

declare( strict_types=1 );

use Modulus\Sms\Mmp\Client;
use Modulus\Sms\Settings\Settings;
use PHPUnit\Framework\TestCase;

final class ClientTest extends TestCase {

	/** @var array<int, array{url: string, args: array}> */
	private array $requests = array();

	protected function setUp(): void {
		$GLOBALS['test_options'] = array(
			Settings::OPTION => array(
				'api_url'      => 'http://127.0.0.1:8080/api/v1/',
				'api_token'    => 'tok-1234567890abcd',
				'sender_id'    => 'MyShop',
				'http_timeout' => 15,
			),
		);
		$this->requests          = array();
	}

	/**
	 * @param int                  $code    HTTP status.
	 * @param array|string|null    $body    JSON body (array) or raw text.
	 * @param array|\ArrayAccess   $headers Response headers.
	 */
	private function client_answering( int $code, array|string|null $body, array|\ArrayAccess $headers = array() ): Client {
		return new Client(
			new Settings(),
			function ( string $url, array $args ) use ( $code, $body, $headers ) {
				$this->requests[] = array( 'url' => $url, 'args' => $args );
				return array(
					'headers'  => $headers,
					'body'     => is_array( $body ) ? json_encode( $body ) : (string) $body,
					'response' => array( 'code' => $code, 'message' => '' ),
				);
			}
		);
	}

	private function send_with( Client $client ): array {
		return $client->send( 'uuid-1', '+306912345678', 'sms', 'Γεια σας Μαρία', 'order:1042:completed', 'https://shop.example/wp-json/modulus-sms/v1/dlr' );
	}

	public function test_send_request_follows_the_contract(): void {
		$this->send_with( $this->client_answering( 202, array( 'id' => 'm_1', 'status' => 'queued', 'segments' => 1, 'cost' => 0.045 ) ) );

		$this->assertCount( 1, $this->requests );
		$request = $this->requests[0];
		$this->assertSame( 'http://127.0.0.1:8080/api/v1/messages', $request['url'] );
		$this->assertSame( 'POST', $request['args']['method'] );
		$this->assertSame( 15, $request['args']['timeout'] );
		$this->assertTrue( $request['args']['sslverify'] );
		$this->assertSame( 'Bearer tok-1234567890abcd', $request['args']['headers']['Authorization'] );
		$this->assertSame( 'application/json', $request['args']['headers']['Accept'] );
		$this->assertSame( 'application/json; charset=utf-8', $request['args']['headers']['Content-Type'] );
		$this->assertSame( 'uuid-1', $request['args']['headers']['Idempotency-Key'] );
		$this->assertSame(
			array(
				'to'           => '+306912345678',
				'channel'      => 'sms',
				'text'         => 'Γεια σας Μαρία',
				'reference'    => 'order:1042:completed',
				'from'         => 'MyShop',
				'callback_url' => 'https://shop.example/wp-json/modulus-sms/v1/dlr',
			),
			json_decode( $request['args']['body'], true )
		);
		$this->assertStringContainsString( 'Γεια', $request['args']['body'], 'Greek travels as UTF-8, not \\u escapes' );
	}

	public function test_reference_is_cut_to_64_characters_and_optional_fields_are_left_out(): void {
		$GLOBALS['test_options'][ Settings::OPTION ]['sender_id'] = '';
		$client = $this->client_answering( 202, array( 'id' => 'm_2' ) );
		$client->send( 'k', '+30691', 'viber', 'x', str_repeat( 'ά', 80 ), null );

		$body = json_decode( $this->requests[0]['args']['body'], true );
		$this->assertSame( 64, mb_strlen( $body['reference'] ) );
		$this->assertArrayNotHasKey( 'from', $body );
		$this->assertArrayNotHasKey( 'callback_url', $body );
	}

	public function test_202_is_accepted_with_id_segments_and_cost(): void {
		$result = $this->send_with( $this->client_answering( 202, array( 'id' => 'm_8f2c', 'status' => 'queued', 'segments' => 2, 'cost' => 0.09 ) ) );
		$this->assertSame(
			array( 'outcome' => 'accepted', 'provider_id' => 'm_8f2c', 'segments' => 2, 'cost' => 0.09, 'http_status' => 202 ),
			$result
		);
	}

	public function test_409_duplicate_is_accepted_with_the_original_id(): void {
		$result = $this->send_with( $this->client_answering( 409, array( 'error' => array( 'code' => 'duplicate', 'id' => 'm_orig' ) ) ) );
		$this->assertSame( 'accepted', $result['outcome'] );
		$this->assertSame( 'm_orig', $result['provider_id'] );
		$this->assertTrue( $result['duplicate'] );
	}

	/**
	 * @return array<string, array{int, array|string|null, string, string}>
	 */
	public static function error_statuses(): array {
		return array(
			'400 invalid number'     => array( 400, array( 'error' => array( 'code' => 'invalid_number', 'message' => 'The number +30 is not valid.' ) ), 'invalid', 'The number +30 is not valid.' ),
			'401 bad token'          => array( 401, array( 'error' => array( 'code' => 'unauthorized' ) ), 'unauthorized', 'unauthorized' ),
			'403 forbidden'          => array( 403, '', 'unauthorized', 'mMP answered with HTTP status 403.' ),
			'402 no balance'         => array( 402, array( 'error' => array( 'code' => 'insufficient_balance' ) ), 'no_balance', 'insufficient_balance' ),
			'409 not a duplicate'    => array( 409, array( 'error' => array( 'code' => 'conflict', 'message' => 'Other conflict' ) ), 'invalid', 'Other conflict' ),
			'422 viber unavailable'  => array( 422, array( 'error' => array( 'code' => 'viber_unavailable' ) ), 'rejected_channel', 'viber_unavailable' ),
			'422 other'              => array( 422, array( 'error' => array( 'code' => 'text_too_long', 'message' => 'Too long' ) ), 'invalid', 'Too long' ),
			'500 server error'       => array( 500, 'Internal Server Error', 'transient', 'mMP answered with HTTP status 500.' ),
			'503 with json message'  => array( 503, array( 'message' => 'Maintenance' ), 'transient', 'Maintenance' ),
			'408 request timeout'    => array( 408, '', 'transient', 'mMP answered with HTTP status 408.' ),
			'404 wrong url'          => array( 404, '<html>nope</html>', 'invalid', 'mMP answered with HTTP status 404.' ),
			'301 redirect not taken' => array( 301, '', 'invalid', 'mMP answered with HTTP status 301.' ),
		);
	}

	/**
	 * @dataProvider error_statuses
	 */
	public function test_error_statuses_map_to_outcomes_with_the_server_message( int $code, array|string|null $body, string $outcome, string $error ): void {
		$result = $this->send_with( $this->client_answering( $code, $body ) );
		$this->assertSame( $outcome, $result['outcome'] );
		$this->assertSame( $code, $result['http_status'] );
		$this->assertSame( $error, $result['error'] );
		$this->assertArrayNotHasKey( 'provider_id', $result );
	}

	public function test_429_carries_retry_after_in_seconds(): void {
		$result = $this->send_with( $this->client_answering( 429, '', array( 'Retry-After' => '42' ) ) );
		$this->assertSame( 'throttled', $result['outcome'] );
		$this->assertSame( 42, $result['retry_after'] );
	}

	public function test_429_retry_after_as_http_date_and_from_a_case_insensitive_dictionary(): void {
		$headers = new class() implements \ArrayAccess {
			public function offsetExists( mixed $offset ): bool {
				return 'retry-after' === strtolower( (string) $offset );
			}
			public function offsetGet( mixed $offset ): mixed {
				return $this->offsetExists( $offset ) ? gmdate( 'D, d M Y H:i:s', time() + 120 ) . ' GMT' : null;
			}
			public function offsetSet( mixed $offset, mixed $value ): void {
			}
			public function offsetUnset( mixed $offset ): void {
			}
		};
		$result  = $this->send_with( $this->client_answering( 429, '', $headers ) );
		$this->assertSame( 'throttled', $result['outcome'] );
		$this->assertEqualsWithDelta( 120, $result['retry_after'], 2 );
	}

	public function test_429_without_retry_after_has_none(): void {
		$result = $this->send_with( $this->client_answering( 429, '' ) );
		$this->assertSame( 'throttled', $result['outcome'] );
		$this->assertArrayNotHasKey( 'retry_after', $result );
	}

	public function test_timeouts_and_connection_errors_are_transient_with_their_message(): void {
		$client = new Client( new Settings(), static fn() => new WP_Error( 'http_request_failed', 'cURL error 28: Operation timed out after 15001 milliseconds' ) );
		$result = $this->send_with( $client );
		$this->assertSame( 'transient', $result['outcome'] );
		$this->assertSame( 'cURL error 28: Operation timed out after 15001 milliseconds', $result['error'] );
	}

	public function test_without_url_or_token_nothing_is_sent_and_the_answer_is_unauthorized(): void {
		$GLOBALS['test_options'][ Settings::OPTION ]['api_token'] = '';
		$client = $this->client_answering( 202, array( 'id' => 'never' ) );
		$this->assertSame( 'unauthorized', $this->send_with( $client )['outcome'] );
		$this->assertSame( array(), $this->requests );
	}

	public function test_status_maps_provider_statuses(): void {
		$expected = array( 'queued' => 'accepted', 'sent' => 'accepted', 'delivered' => 'delivered', 'read' => 'read', 'failed' => 'failed', 'expired' => 'expired' );
		foreach ( $expected as $status => $outcome ) {
			$result = $this->client_answering( 200, array( 'id' => 'm_1', 'channel' => 'viber', 'status' => $status, 'updated_at' => '2026-11-28T10:00:00Z' ) )->status( 'm_1' );
			$this->assertSame( $outcome, $result['outcome'], $status );
			$this->assertSame( $status, $result['status'] );
			$this->assertSame( 'viber', $result['channel'] );
		}
		$last = end( $this->requests );
		$this->assertSame( 'http://127.0.0.1:8080/api/v1/messages/m_1', $last['url'] );
		$this->assertSame( 'GET', $last['args']['method'] );
		$this->assertArrayNotHasKey( 'body', $last['args'] );
		$this->assertArrayNotHasKey( 'Idempotency-Key', $last['args']['headers'] );
	}

	public function test_status_escapes_the_id_and_maps_errors(): void {
		$result = $this->client_answering( 404, array( 'error' => array( 'code' => 'not_found', 'message' => 'No such message' ) ) )->status( 'm/../x' );
		$this->assertSame( 'http://127.0.0.1:8080/api/v1/messages/m%2F..%2Fx', $this->requests[0]['url'] );
		$this->assertSame( 'invalid', $result['outcome'] );
		$this->assertSame( 'No such message', $result['error'] );
		$this->assertSame( 'transient', $this->client_answering( 200, array( 'status' => 'weird' ) )->status( 'm_1' )['outcome'] );
	}

	public function test_balance_success_and_failure(): void {
		$this->assertSame(
			array( 'ok' => true, 'balance' => 12.5, 'currency' => 'EUR', 'http_status' => 200 ),
			$this->client_answering( 200, array( 'balance' => 12.50, 'currency' => 'EUR' ) )->balance()
		);
		$this->assertSame( 'http://127.0.0.1:8080/api/v1/account/balance', $this->requests[0]['url'] );

		$failed = $this->client_answering( 401, array( 'error' => array( 'code' => 'unauthorized', 'message' => 'Invalid API key' ) ) )->balance();
		$this->assertFalse( $failed['ok'] );
		$this->assertSame( 'unauthorized', $failed['outcome'] );
		$this->assertSame( 'Invalid API key', $failed['error'] );
		$this->assertFalse( $this->client_answering( 200, array( 'currency' => 'EUR' ) )->balance()['ok'] );
	}

	public function test_any_2xx_is_accepted_even_without_a_body(): void {
		$this->assertSame( array( 'outcome' => 'accepted', 'http_status' => 200 ), $this->send_with( $this->client_answering( 200, '' ) ) );
		$this->assertSame( array( 'outcome' => 'accepted', 'provider_id' => 'm_x', 'http_status' => 201 ), $this->send_with( $this->client_answering( 201, array( 'id' => 'm_x' ) ) ) );
	}

	public function test_duplicate_without_an_id_is_still_accepted_so_nothing_is_sent_again(): void {
		$result = $this->send_with( $this->client_answering( 409, array( 'error' => array( 'code' => 'duplicate' ) ) ) );
		$this->assertSame( array( 'outcome' => 'accepted', 'duplicate' => true, 'http_status' => 409 ), $result );
	}

	public function test_the_configured_timeout_is_used(): void {
		$GLOBALS['test_options'][ Settings::OPTION ]['http_timeout'] = 40;
		$this->client_answering( 200, array( 'balance' => 1 ) )->balance();
		$this->assertSame( 40, $this->requests[0]['args']['timeout'] );
		$this->assertSame( 0, $this->requests[0]['args']['redirection'], 'a redirect is never followed with the token' );
	}

	public function test_invalid_utf8_in_the_text_still_makes_valid_json(): void {
		$this->client_answering( 202, array( 'id' => 'm' ) )->send( 'k', '+30691', 'sms', "bad \xC3\x28 byte", 'r', null );
		$this->assertIsArray( json_decode( $this->requests[0]['args']['body'], true ) );
	}
}
