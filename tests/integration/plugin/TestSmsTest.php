<?php
/**
 * `POST modulus-sms/v1/test`: a Test SMS is stored, sent at once (not queued), reaches mMP with the contract's headers, and each
 * answer of mMP is reported to the owner as it is.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Plugin;

use Modulus\Sms\Tests\Integration\Support\ActionRunner;
use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\PluginState;
use Modulus\Sms\Tests\Integration\Support\Rest;
use Modulus\Sms\Tests\Integration\Support\RestResult;

final class TestSmsTest extends IntegrationTestCase {

	private const LOCAL_NUMBER = '6912345678';
	private const E164         = '+306912345678';

	private function send_test( array $body = array() ): RestResult {
		return Rest::call( 'POST', '/test', $body + array( 'to' => self::LOCAL_NUMBER, 'text' => 'Δοκιμαστικό μήνυμα από το MyShop' ) );
	}

	private function row( int $id ): array {
		$rows = PluginState::messages( array( 'id' => $id ) );
		$this->assertCount( 1, $rows, "message row $id" );
		return $rows[0];
	}

	/**
	 * The outcome of a Test SMS mMP did not take: 502 (the upstream failed) with the message row's id and the outcome in the
	 * error data, and the exact error as the message.
	 *
	 * @param RestResult $result The response.
	 */
	private function failure( RestResult $result ): array {
		$this->assertStatus( 502, $result, 'mMP refused the test' );
		$data = $result->error_data();
		$this->assertFalse( $data['ok'] ?? null, $result->describe() );
		$this->assertNotSame( '', (string) ( $result->data['message'] ?? '' ), 'the owner sees the error' );
		$this->assertGreaterThan( 0, (int) ( $data['id'] ?? 0 ) );
		return $data;
	}

	public function test_a_test_sms_reaches_mmp_at_once_with_the_contract_headers_and_body(): void {
		$result = $this->send_test();
		$this->assertStatus( 200, $result );
		$this->assertTrue( $result->data['ok'], $result->describe() );
		$this->assertSame( 'accepted', $result->data['outcome'] );
		$this->assertSame( 'sms', $result->data['channel'] );
		$this->assertSame( 1, $result->data['segments'] );

		$request = $this->onlySendRequest();
		$row     = $this->row( (int) $result->data['id'] );
		$this->assertSame( 'test', $row['kind'] );
		$this->assertSame( $row['uuid'], $request['idempotency_key'], 'Idempotency-Key = the row uuid' );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/', $row['uuid'] );
		$this->assertSame( 'Bearer ' . PluginState::token(), $request['authorization'] );
		$this->assertSame( self::E164, $request['body']['to'], 'normalised to E.164 with the store country' );
		$this->assertSame( 'sms', $request['body']['channel'] );
		$this->assertSame( 'Δοκιμαστικό μήνυμα από το MyShop', $request['body']['text'] );
		$this->assertSame( 'MyShop', $request['body']['from'] );
		$this->assertLessThanOrEqual( 64, mb_strlen( $request['body']['reference'] ?? '' ) );

		$accepted = self::$emulator->messages()['messages'][0];
		$this->assertSame( $accepted['id'], $result->data['provider_id'] );
		$this->assertSame( $accepted['id'], $row['provider_id'] );
		$this->assertSame( self::E164, $row['phone'] );
		$queued_for_it = array_filter(
			ActionRunner::pending( ActionRunner::GROUP, 'modulus_sms_process' ),
			static fn( array $action ): bool => in_array( (int) $result->data['id'], array_map( 'intval', array_values( $action['args'] ) ), true )
		);
		$this->assertSame( array(), $queued_for_it, 'a test is sent now, not queued' );
	}

	public function test_a_viber_test_uses_the_viber_channel(): void {
		$result = $this->send_test( array( 'channel' => 'viber' ) );
		$this->assertStatus( 200, $result );
		$this->assertSame( 'viber', $this->onlySendRequest()['body']['channel'] );
		$this->assertSame( 'viber', $result->data['channel'] );
	}

	public function test_greek_to_gsm7_conversion_makes_the_sms_cheaper_but_leaves_viber_alone(): void {
		$greek = 'Γεια σας Μαρία, η παραγγελία σας #1042 στάλθηκε! Ευχαριστούμε που ψωνίσατε από το κατάστημά μας.';
		$this->assertGreaterThan( 70, mb_strlen( $greek ), 'two UCS-2 segments without the conversion' );
		PluginState::configure_for_emulator( self::$emulator, array( 'gsm7_transliterate' => true ) );

		$sms = $this->send_test( array( 'text' => $greek ) );
		$this->assertStatus( 200, $sms );
		$this->assertSame( array( 'gsm7', 1 ), array( $sms->data['encoding'], $sms->data['segments'] ) );
		$sent = self::$emulator->messages()['messages'][0];
		$this->assertSame( array( 'gsm7', 1 ), array( $sent['encoding'], $sent['segments'] ), 'mMP counts it as one GSM-7 SMS too' );
		$this->assertSame( $this->row( (int) $sms->data['id'] )['sms_text'], $sent['text'] );
		$this->assertSame( mb_strtoupper( $sent['text'] ), $sent['text'], 'converted Greek is upper case' );

		$viber = $this->send_test( array( 'text' => $greek, 'channel' => 'viber' ) );
		$this->assertStatus( 200, $viber );
		$this->assertSame( $greek, self::$emulator->messages()['messages'][1]['text'], 'Viber carries the text as written' );
	}

	/**
	 * mMP's answer, the outcome the owner sees, the channel, and how many requests mMP gets: a transient error is retried once at
	 * once with the same Idempotency-Key (TestSender's policy), so those faults are injected twice.
	 *
	 * @return array<string, array{0: array, 1: string, 2: string, 3: int}>
	 */
	public function mmp_answers(): array {
		return array(
			'400 invalid'        => array( array( 'status' => 400 ), 'invalid', 'sms', 1 ),
			'401 bad token'      => array( array( 'status' => 401 ), 'unauthorized', 'sms', 1 ),
			'402 no balance'     => array( array( 'status' => 402 ), 'no_balance', 'sms', 1 ),
			'422 on viber'       => array( array( 'status' => 422 ), 'rejected_channel', 'viber', 1 ),
			'429 + Retry-After'  => array( array( 'status' => 429, 'retry_after' => 30 ), 'throttled', 'sms', 1 ),
			'503 twice'          => array( array( 'status' => 503, 'count' => 2 ), 'transient', 'sms', 2 ),
			'dropped twice'      => array( array( 'drop' => true, 'count' => 2 ), 'transient', 'sms', 2 ),
		);
	}

	/**
	 * @dataProvider mmp_answers
	 */
	public function test_each_mmp_error_is_reported_and_recorded( array $fault, string $outcome, string $channel, int $requests ): void {
		self::$emulator->fault( $fault );
		$result = $this->send_test( array( 'channel' => $channel ) );
		$failed = $this->failure( $result );
		$this->assertSame( $outcome, $failed['outcome'] );
		$this->assertSame( $fault['status'] ?? null, $failed['http_status'] );
		$sends = self::$emulator->send_requests();
		$this->assertCount( $requests, $sends, 'sent at once, retried at once only after a transient error' );
		$this->assertCount( 1, array_unique( array_column( $sends, 'idempotency_key' ) ), 'a retry keeps the Idempotency-Key' );

		$row = $this->row( (int) $failed['id'] );
		$this->assertSame( 'failed', $row['status'], 'a test is never retried later' );
		$this->assertSame( $row['uuid'], $sends[0]['idempotency_key'] );
		$this->assertNotEmpty( $row['error'] );
		$attempts = json_decode( (string) $row['attempts'], true );
		$this->assertSame( array_fill( 0, $requests, $outcome ), array_column( $attempts, 'outcome' ), 'each attempt is recorded with its outcome' );
		if ( isset( $fault['retry_after'] ) ) {
			$this->assertSame( 30, $attempts[0]['retry_after'] ?? null );
		}
		$this->assertSame( 0, self::$emulator->messages()['count'] );
	}

	public function test_one_transient_error_is_retried_at_once_with_the_same_key(): void {
		self::$emulator->fault( array( 'status' => 503 ) );
		$result = $this->send_test();
		$this->assertStatus( 200, $result );
		$sends = self::$emulator->send_requests();
		$this->assertSame( array( 503, 202 ), array_column( $sends, 'response_status' ) );
		$this->assertSame( $sends[0]['idempotency_key'], $sends[1]['idempotency_key'] );
		$this->assertSame( 1, self::$emulator->messages()['count'] );
	}

	public function test_409_duplicate_counts_as_sent_with_the_original_id(): void {
		self::$emulator->fault(
			array(
				'status' => 409,
				'body'   => array(
					'error' => array(
						'code' => 'duplicate',
						'id'   => 'm_feedfacefeedfacefeedface',
					),
				),
			)
		);
		$result = $this->send_test();
		$this->assertStatus( 200, $result );
		$this->assertTrue( $result->data['ok'] );
		$this->assertSame( 'm_feedfacefeedfacefeedface', $result->data['provider_id'] );
		$this->assertSame( 'm_feedfacefeedfacefeedface', $this->row( (int) $result->data['id'] )['provider_id'] );
	}

	public function test_a_timeout_after_mmp_accepted_is_retried_without_a_second_message(): void {
		PluginState::configure_for_emulator( self::$emulator, array( 'http_timeout' => 3 ) );
		self::$emulator->fault( array( 'delay_ms' => 4500 ) ); // The first request outlives the client's timeout; mMP answers it late.
		$started = microtime( true );
		$result  = $this->send_test();
		$this->assertLessThan( 4.3, microtime( true ) - $started, 'the client gave up at its timeout and retried at once' );
		$this->assertStatus( 200, $result );
		usleep( 1700000 ); // Let the slow first request finish inside the emulator.
		$sends = self::$emulator->send_requests();
		$this->assertCount( 2, $sends );
		$this->assertSame( $sends[0]['idempotency_key'], $sends[1]['idempotency_key'] );
		$this->assertSame( 1, self::$emulator->messages()['count'], 'mMP holds one message' );
		$this->assertSame( self::$emulator->messages()['messages'][0]['id'], $result->data['provider_id'] );
	}

	public function test_bad_input_is_400_with_the_field_and_nothing_is_sent(): void {
		foreach ( array(
			'to'      => array( 'to' => '' ),
			'text'    => array( 'text' => '' ),
			'channel' => array( 'channel' => 'fax' ),
		) as $field => $body ) {
			$this->assertFieldError( $field, $this->send_test( $body ) );
		}
		$this->assertFieldError( 'to', $this->send_test( array( 'to' => '12' ) ) );
		$this->assertSame( array(), self::$emulator->send_requests() );
	}
}
