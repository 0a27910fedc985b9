<?php
/**
 * The mMP client against the emulator over real HTTP (WordPress's HTTP API, curl): the contract's headers and body, and every
 * response of the contract mapped to the outcome the core's `route` understands.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Plugin;

use Modulus\Sms\Mmp\Client;
use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\PluginState;

final class MmpClientTest extends IntegrationTestCase {

	private const TO = '+306912345678';

	private function send( string $uuid = 'uuid-0001', string $channel = 'sms', string $text = 'Γεια σας Μαρία, η παραγγελία #1042 στάλθηκε.' ): array {
		return ( new Client() )->send( $uuid, self::TO, $channel, $text, 'order:1042:completed', 'http://127.0.0.1:8890/wp-json/modulus-sms/v1/dlr' );
	}

	public function test_a_send_carries_the_contract_headers_and_json_body(): void {
		$result = $this->send( '4b6f0f0e-6a43-4d7e-9a55-1f2b3c4d5e6f' );
		$this->assertSame( 'accepted', $result['outcome'], wp_json_encode( $result ) );

		$request = $this->onlySendRequest();
		$this->assertStringEndsWith( '/api/v1/messages', $request['path'] );
		$this->assertSame( 'Bearer ' . PluginState::token(), $request['authorization'] );
		$this->assertSame( '4b6f0f0e-6a43-4d7e-9a55-1f2b3c4d5e6f', $request['idempotency_key'] );
		$headers = array_change_key_case( $request['headers'], CASE_LOWER );
		$this->assertSame( 'application/json', $headers['accept'] );
		$this->assertSame( 'application/json; charset=utf-8', strtolower( $headers['content-type'] ) );
		$this->assertSame(
			array(
				'to'           => self::TO,
				'from'         => 'MyShop',
				'channel'      => 'sms',
				'text'         => 'Γεια σας Μαρία, η παραγγελία #1042 στάλθηκε.',
				'reference'    => 'order:1042:completed',
				'callback_url' => 'http://127.0.0.1:8890/wp-json/modulus-sms/v1/dlr',
			),
			$this->sorted_like( array( 'to', 'from', 'channel', 'text', 'reference', 'callback_url' ), $request['body'] )
		);
	}

	public function test_202_is_accepted_with_the_provider_id_segments_and_cost(): void {
		$result  = $this->send();
		$message = self::$emulator->messages()['messages'][0];
		$this->assertSame( 'accepted', $result['outcome'] );
		$this->assertSame( $message['id'], $result['provider_id'] );
		$this->assertSame( $message['segments'], $result['segments'] );
		$this->assertEqualsWithDelta( $message['cost'], $result['cost'], 0.0001 );
		$this->assertSame( 202, $result['http_status'] );
	}

	/**
	 * @return array<string, array{0: array, 1: string}>
	 */
	public function error_statuses(): array {
		return array(
			'400 invalid number'     => array( array( 'status' => 400 ), 'invalid' ),
			'401 bad token'          => array( array( 'status' => 401 ), 'unauthorized' ),
			'402 no balance'         => array( array( 'status' => 402 ), 'no_balance' ),
			'422 viber unavailable'  => array( array( 'status' => 422 ), 'rejected_channel' ),
			'500 server error'       => array( array( 'status' => 500 ), 'transient' ),
			'502 html from a proxy'  => array( array( 'status' => 502, 'body' => '<html>Bad gateway</html>' ), 'transient' ),
			'503 unavailable'        => array( array( 'status' => 503 ), 'transient' ),
			'dropped connection'     => array( array( 'drop' => true ), 'transient' ),
		);
	}

	/**
	 * @dataProvider error_statuses
	 */
	public function test_each_error_response_maps_to_its_outcome( array $fault, string $outcome ): void {
		self::$emulator->fault( $fault );
		$result = $this->send();
		$this->assertSame( $outcome, $result['outcome'], wp_json_encode( $result ) );
		$this->assertArrayNotHasKey( 'provider_id', array_filter( $result ), 'nothing was accepted' );
		$this->assertSame( 0, self::$emulator->messages()['count'] );
		if ( isset( $fault['status'] ) ) {
			$this->assertSame( $fault['status'], $result['http_status'] ?? null );
		}
	}

	public function test_real_contract_errors_without_injection(): void {
		$invalid = ( new Client() )->send( 'uuid-bad-number', '6912345678', 'sms', 'x', 'ref', null );
		$this->assertSame( 'invalid', $invalid['outcome'], 'the emulator itself answers 400 invalid_number' );

		self::$emulator->fault( array( 'viber_unavailable' => array( self::TO ) ) );
		$this->assertSame( 'rejected_channel', $this->send( 'uuid-viber', 'viber' )['outcome'] );

		self::$emulator->config( array( 'balance' => 0.01 ) );
		$this->assertSame( 'no_balance', $this->send( 'uuid-poor' )['outcome'] );

		self::$emulator->config( array( 'token' => 'rotated-token-0000' ) );
		$this->assertSame( 'unauthorized', $this->send( 'uuid-rotated' )['outcome'] );
	}

	public function test_429_is_throttled_with_the_retry_after_seconds(): void {
		self::$emulator->fault(
			array(
				'status'      => 429,
				'retry_after' => 42,
			)
		);
		$result = $this->send();
		$this->assertSame( 'throttled', $result['outcome'] );
		$this->assertSame( 42, $result['retry_after'] );
	}

	public function test_409_duplicate_is_accepted_with_the_original_id(): void {
		$first  = $this->send( 'uuid-dup' );
		$second = $this->send( 'uuid-dup' );
		$this->assertSame( 'accepted', $second['outcome'] );
		$this->assertSame( $first['provider_id'], $second['provider_id'] );
		$this->assertSame( 409, $second['http_status'] );
		$this->assertSame( 1, self::$emulator->messages()['count'] );
	}

	public function test_a_timeout_is_transient_and_a_retry_with_the_same_key_never_doubles(): void {
		PluginState::configure_for_emulator( self::$emulator, array( 'http_timeout' => 3 ) );
		self::$emulator->fault( array( 'delay_ms' => 4500 ) );
		$started = microtime( true );
		$result  = $this->send( 'uuid-slow' );
		$this->assertSame( 'transient', $result['outcome'] );
		$this->assertLessThan( 4.4, microtime( true ) - $started, 'the client gave up at its timeout' );
		$this->assertNotEmpty( $result['error'] );

		usleep( 1700000 ); // mMP finishes the slow request and accepts the message meanwhile.
		$retry = $this->send( 'uuid-slow' );
		$this->assertSame( 'accepted', $retry['outcome'] );
		$this->assertSame( 1, self::$emulator->messages()['count'] );
		$this->assertSame( $retry['provider_id'], self::$emulator->messages()['messages'][0]['id'] );
	}

	public function test_accepted_then_dropped_is_transient_and_the_retry_gets_the_stored_id(): void {
		self::$emulator->fault( array( 'accept_then_drop' => 1 ) );
		$lost = $this->send( 'uuid-lost-reply' );
		$this->assertSame( 'transient', $lost['outcome'] );
		$stored = self::$emulator->messages();
		$this->assertSame( 1, $stored['count'] );

		$retry = $this->send( 'uuid-lost-reply' );
		$this->assertSame( 'accepted', $retry['outcome'] );
		$this->assertSame( $stored['messages'][0]['id'], $retry['provider_id'] );
		$this->assertSame( array( 'messages' => 1, 'requests' => 2 ), array_intersect_key( self::$emulator->messages()['by_idempotency_key']['uuid-lost-reply'], array( 'messages' => 0, 'requests' => 0 ) ) );
	}

	public function test_status_follows_the_message_life(): void {
		$id     = $this->send( 'uuid-viber', 'viber', 'Hello' )['provider_id'];
		$client = new Client();
		$this->assertSame( 'queued', $client->status( $id )['status'] ?? null );
		self::$emulator->advance( $id, 'delivered' );
		$delivered = $client->status( $id );
		$this->assertSame( array( 'delivered', 'delivered' ), array( $delivered['outcome'], $delivered['status'] ) );
		self::$emulator->advance( $id, 'read' );
		$this->assertSame( 'read', $client->status( $id )['outcome'] );

		$expired_id = $this->send( 'uuid-viber-2', 'viber', 'Hello' )['provider_id'];
		self::$emulator->advance( $expired_id, 'expired' );
		$this->assertSame( 'expired', $client->status( $expired_id )['outcome'] );

		self::$emulator->fault(
			array(
				'status' => 503,
				'scope'  => 'status',
			)
		);
		$this->assertSame( 'transient', $client->status( $id )['outcome'] );
	}

	public function test_balance_shows_the_account_or_the_exact_error(): void {
		$balance = ( new Client() )->balance();
		$this->assertTrue( $balance['ok'] );
		$this->assertEqualsWithDelta( 100.0, $balance['balance'], 0.0001 );
		$this->assertSame( 'EUR', $balance['currency'] );
		$this->assertSame( 'Bearer ' . PluginState::token(), self::$emulator->requests( array( 'path' => '/account/balance' ) )[0]['authorization'] );

		self::$emulator->config( array( 'token' => 'another-token-9999' ) );
		$refused = ( new Client() )->balance();
		$this->assertFalse( $refused['ok'] );
		$this->assertSame( 'unauthorized', $refused['outcome'] );
	}

	/**
	 * The listed keys of $actual in the listed order (for readable failure diffs).
	 *
	 * @param string[] $keys   Keys.
	 * @param array    $actual Decoded body.
	 */
	private function sorted_like( array $keys, array $actual ): array {
		$this->assertEqualsCanonicalizing( $keys, array_keys( $actual ), 'exactly the contract fields' );
		return array_merge( array_flip( $keys ), $actual );
	}
}
