<?php
/**
 * The dispatcher's route loop against an in-memory store, a scripted core and a scripted mMP client.
 */

declare( strict_types=1 );

use Modulus\Sms\Messages\Dispatcher;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Tests\Fakes\InMemoryMessages;
use Modulus\Sms\Tests\Fakes\ScriptedClient;
use PHPUnit\Framework\TestCase;

final class DispatcherTest extends TestCase {

	private const NOW = 1795860000; // 2026-11-28T10:00:00Z

	private InMemoryMessages $messages;

	/** @var array<int, array> Inputs the core's route received. */
	private array $routed = array();

	/** @var array<int, array> Actions the scripted core answers with. */
	private array $route_script = array();

	protected function setUp(): void {
		$GLOBALS['test_options'] = array( Settings::OPTION => array( 'api_url' => 'https://mmp.example', 'api_token' => 'tok-12345678' ) );
		$GLOBALS['test_actions'] = array();
		$this->messages          = new InMemoryMessages();
		$this->messages->now     = self::NOW;
		$this->routed            = array();
		$this->route_script      = array();
	}

	private function dispatcher( ScriptedClient $client ): Dispatcher {
		$core = function ( string $op, array $input ): array {
			$this->assertSame( 'route', $op );
			$this->routed[] = $input;
			return array_shift( $this->route_script ) ?? array( 'error' => array( 'code' => 'script', 'message' => 'route script exhausted' ) );
		};
		return new Dispatcher( $this->messages, $client, new Settings(), $core, static fn() => self::NOW );
	}

	private function message( array $row = array() ): int {
		return $this->messages->create(
			$row + array(
				'uuid'       => '11111111-2222-4333-8444-555555555555',
				'kind'       => 'order_status',
				'dedupe_key' => 'order:1042:completed',
				'phone'      => '+306912345678',
				'routing'    => 'sms',
				'text'       => 'Γεια σας Μαρία',
				'sms_text'   => 'ΓΕΙΑ ΣΑΣ ΜΑΡΙΑ',
				'segments'   => 1,
			)
		)['id'];
	}

	private static function send_now( string $channel ): array {
		return array( 'action' => 'send', 'channel' => $channel, 'at' => gmdate( 'Y-m-d\TH:i:s\Z', self::NOW ) );
	}

	public function test_accepted_sms_is_done_and_recorded(): void {
		$id                 = $this->message();
		$this->route_script = array( self::send_now( 'sms' ), array( 'action' => 'done', 'final' => 'sent' ) );
		$client             = new ScriptedClient( array( array( 'outcome' => 'accepted', 'provider_id' => 'm_1', 'segments' => 1, 'http_status' => 202 ) ) );

		$action = $this->dispatcher( $client )->process( $id );

		$this->assertSame( array( 'action' => 'done', 'final' => 'sent' ), $action );
		$this->assertCount( 1, $client->sent );
		$this->assertSame( '11111111-2222-4333-8444-555555555555', $client->sent[0]['key'] );
		$this->assertSame( 'ΓΕΙΑ ΣΑΣ ΜΑΡΙΑ', $client->sent[0]['text'], 'SMS carries the SMS text' );
		$this->assertSame( 'order:1042:completed', $client->sent[0]['reference'] );
		$this->assertNull( $client->sent[0]['callback'], 'no delivery reports without a secret to verify them' );

		$row = $this->messages->find( $id );
		$this->assertSame( 'sent', $row['status'] );
		$this->assertSame( 'm_1', $row['provider_id'] );
		$this->assertSame( 'sms', $row['channel'] );
		$this->assertNull( $row['lease_until'] );
		$this->assertSame( array( array( 'channel' => 'sms', 'outcome' => 'accepted', 'at' => '2026-11-28T10:00:00Z', 'http_status' => 202, 'provider_id' => 'm_1' ) ), $row['attempts'] );

		$this->assertSame( array(), $this->routed[0]['attempts'] );
		$this->assertSame( array( array( 'channel' => 'sms', 'outcome' => 'accepted', 'at' => '2026-11-28T10:00:00Z' ) ), $this->routed[1]['attempts'], 'route gets only its own fields' );
		$this->assertSame( 'sms', $this->routed[0]['routing'] );
		$this->assertSame( 600, $this->routed[0]['policy']['fallback_after_s'] );
		$this->assertSame( array( 'modulus_sms_processed', array( $id, $action ) ), end( $GLOBALS['test_actions'] ) );
	}

	public function test_a_send_interrupted_mid_request_is_resent_with_the_same_key_and_never_twice(): void {
		$id                 = $this->message();
		$this->route_script = array( self::send_now( 'sms' ) );
		$crashing           = new ScriptedClient( array( new RuntimeException( 'worker killed' ) ) );
		try {
			$this->dispatcher( $crashing )->process( $id );
			$this->fail( 'the crash should surface' );
		} catch ( RuntimeException $crash ) {
			$this->assertSame( 'worker killed', $crash->getMessage() );
		}
		$row = $this->messages->find( $id );
		$this->assertSame( 'sending', $row['status'] );
		$this->assertSame( array( array( 'channel' => 'sms', 'outcome' => null, 'at' => '2026-11-28T10:00:00Z' ) ), $row['attempts'] );

		// The retry: mMP had accepted the first request, so it answers 409 duplicate (mapped to accepted with the original id).
		$this->route_script = array( array( 'action' => 'done', 'final' => 'sent' ) );
		$this->routed       = array();
		$retry              = new ScriptedClient( array( array( 'outcome' => 'accepted', 'provider_id' => 'm_orig', 'duplicate' => true, 'http_status' => 409 ) ) );
		$this->dispatcher( $retry )->process( $id );

		$this->assertSame( $crashing->sent[0]['key'], $retry->sent[0]['key'] );
		$this->assertCount( 1, $this->routed, 'the in-flight attempt is finished before route is asked again' );
		$this->assertSame( array( 'accepted' ), array_column( $this->routed[0]['attempts'], 'outcome' ) );
		$row = $this->messages->find( $id );
		$this->assertSame( 'sent', $row['status'] );
		$this->assertSame( 'm_orig', $row['provider_id'] );
		$this->assertCount( 1, $row['attempts'] );
		$this->assertSame( 'accepted', $row['attempts'][0]['outcome'] );
	}

	public function test_viber_refused_falls_back_to_sms_under_its_own_key(): void {
		$id                 = $this->message( array( 'routing' => 'viber2sms' ) );
		$this->route_script = array( self::send_now( 'viber' ), self::send_now( 'sms' ), array( 'action' => 'done', 'final' => 'sent' ) );
		$client             = new ScriptedClient(
			array(
				array( 'outcome' => 'rejected_channel', 'http_status' => 422, 'error' => 'viber_unavailable' ),
				array( 'outcome' => 'accepted', 'provider_id' => 'm_sms', 'segments' => 2, 'http_status' => 202 ),
			)
		);

		$this->dispatcher( $client )->process( $id );

		$this->assertSame( array( 'viber', 'sms' ), array_column( $client->sent, 'channel' ) );
		$this->assertSame( '11111111-2222-4333-8444-555555555555', $client->sent[0]['key'] );
		$this->assertSame( '11111111-2222-4333-8444-555555555555-sms', $client->sent[1]['key'] );
		$this->assertSame( 'Γεια σας Μαρία', $client->sent[0]['text'], 'Viber carries the Unicode text' );
		$this->assertSame( array( 'rejected_channel', 'accepted' ), array_column( $this->routed[2]['attempts'], 'outcome' ) );
		$row = $this->messages->find( $id );
		$this->assertSame( array( 'sent', 'sms', 'm_sms', 2, null ), array( $row['status'], $row['channel'], $row['provider_id'], $row['segments'], $row['error'] ) );
	}

	public function test_a_later_send_reschedules_without_calling_mmp(): void {
		$id                 = $this->message();
		$this->route_script = array( array( 'action' => 'send', 'channel' => 'sms', 'at' => gmdate( 'Y-m-d\TH:i:s\Z', self::NOW + 120 ) ) );
		$client             = new ScriptedClient( array() );

		$action = $this->dispatcher( $client )->process( $id );

		$this->assertSame( 'send', $action['action'] );
		$this->assertSame( array(), $client->sent );
		$row = $this->messages->find( $id );
		$this->assertSame( 'scheduled', $row['status'] );
		$this->assertSame( gmdate( 'Y-m-d\TH:i:s\Z', self::NOW + 120 ), $row['send_at'] );
	}

	public function test_transient_error_is_recorded_and_retried_later(): void {
		$id                 = $this->message();
		$this->route_script = array( self::send_now( 'sms' ), array( 'action' => 'send', 'channel' => 'sms', 'at' => gmdate( 'Y-m-d\TH:i:s\Z', self::NOW + 30 ) ) );
		$client             = new ScriptedClient( array( array( 'outcome' => 'transient', 'http_status' => 503, 'error' => 'Service Unavailable' ) ) );

		$this->dispatcher( $client )->process( $id );

		$row = $this->messages->find( $id );
		$this->assertSame( 'scheduled', $row['status'] );
		$this->assertSame( 'Service Unavailable', $row['error'] );
		$this->assertSame( 'transient', $row['attempts'][0]['outcome'] );
		$this->assertSame( 503, $row['attempts'][0]['http_status'] );
	}

	public function test_unauthorized_holds_the_message_and_tells_the_hold_logic(): void {
		$id                 = $this->message();
		$this->route_script = array( self::send_now( 'sms' ), array( 'action' => 'hold', 'reason' => 'unauthorized' ) );
		$client             = new ScriptedClient( array( array( 'outcome' => 'unauthorized', 'http_status' => 401, 'error' => 'unauthorized' ) ) );

		$this->dispatcher( $client )->process( $id );

		$row = $this->messages->find( $id );
		$this->assertSame( array( 'held', 'unauthorized' ), array( $row['status'], $row['reason'] ) );
		$hooks = array_column( $GLOBALS['test_actions'], 0 );
		$this->assertContains( 'modulus_sms_hold', $hooks );
	}

	public function test_while_the_queue_is_held_nothing_but_tests_goes_out(): void {
		$GLOBALS['test_options'][ Settings::OPTION ]['held'] = array( 'reason' => 'no_balance', 'since' => '2026-11-28T00:00:00Z' );
		$order_message                                       = $this->message();
		$client                                              = new ScriptedClient( array( array( 'outcome' => 'accepted', 'provider_id' => 'm_t' ) ) );

		$this->assertSame( array( 'action' => 'hold', 'reason' => 'no_balance' ), $this->dispatcher( $client )->process( $order_message ) );
		$this->assertSame( 'held', $this->messages->find( $order_message )['status'] );
		$this->assertSame( array(), $client->sent );
		$this->assertNotContains( 'modulus_sms_hold', array_column( $GLOBALS['test_actions'], 0 ), 'an existing hold is not announced again' );

		$test               = $this->message( array( 'kind' => 'test', 'dedupe_key' => null, 'uuid' => wp_generate_uuid4() ) );
		$this->route_script = array( self::send_now( 'sms' ), array( 'action' => 'done', 'final' => 'sent' ) );
		$this->dispatcher( $client )->process( $test );
		$this->assertCount( 1, $client->sent );
	}

	public function test_a_resumed_message_is_routed_without_the_refused_attempts(): void {
		$id = $this->message(
			array(
				'status'   => 'held',
				'attempts' => array(
					array( 'channel' => 'sms', 'outcome' => 'transient', 'at' => '2026-11-28T05:00:00Z' ),
					array( 'channel' => 'sms', 'outcome' => 'no_balance', 'at' => '2026-11-28T05:01:00Z', 'http_status' => 402 ),
				),
			)
		);
		$this->route_script = array( self::send_now( 'sms' ), array( 'action' => 'done', 'final' => 'sent' ) );
		$client             = new ScriptedClient( array( array( 'outcome' => 'accepted', 'provider_id' => 'm_r' ) ) );

		$this->dispatcher( $client )->process( $id );

		$this->assertSame( array( 'transient', 'no_balance' ), array_column( $this->routed[0]['attempts'], 'outcome' ), 'the core, not PHP, drops the refusals' );
		$this->assertSame( '2026-11-28T10:00:00Z', $this->routed[0]['resumed_at'], 'lifted after the refusal and not after now' );
		$this->assertArrayNotHasKey( 'resumed_at', $this->routed[1], 'refusals of this run are not cleared' );
		$this->assertSame( 'sent', $this->messages->find( $id )['status'] );
	}

	public function test_resumed_at_is_never_before_the_refusals_it_clears(): void {
		$id                 = $this->message( array( 'status' => 'held', 'attempts' => array( array( 'channel' => 'sms', 'outcome' => 'unauthorized', 'at' => '2026-11-28T10:05:00Z' ) ) ) );
		$this->route_script = array( array( 'action' => 'give_up', 'reason' => 'invalid' ) );
		$this->dispatcher( new ScriptedClient( array() ) )->process( $id );
		$this->assertSame( '2026-11-28T10:05:00Z', $this->routed[0]['resumed_at'], 'an attempt stamped by a clock ahead of ours is still cleared' );

		$scheduled          = $this->message( array( 'dedupe_key' => 'order:9:completed', 'uuid' => wp_generate_uuid4(), 'attempts' => array( array( 'channel' => 'sms', 'outcome' => 'unauthorized', 'at' => '2026-11-28T09:00:00Z' ) ) ) );
		$this->route_script = array( array( 'action' => 'hold', 'reason' => 'unauthorized' ) );
		$this->dispatcher( new ScriptedClient( array() ) )->process( $scheduled );
		$this->assertArrayNotHasKey( 'resumed_at', $this->routed[1], 'only a held row is resumed' );
	}

	/**
	 * The hold and resume through the real core's `route` (the PHP translation build.sh writes), not a script.
	 */
	public function test_the_core_sends_a_resumed_message_once_and_holds_it_again_on_a_new_refusal(): void {
		$core = self::real_core();
		$id   = $this->message( array( 'status' => 'held', 'attempts' => array( array( 'channel' => 'sms', 'outcome' => 'no_balance', 'at' => gmdate( 'Y-m-d\TH:i:s\Z', self::NOW ), 'http_status' => 402 ) ) ) );

		$client = new ScriptedClient( array( array( 'outcome' => 'unauthorized', 'http_status' => 401, 'error' => 'still wrong' ) ) );
		$action = ( new Dispatcher( $this->messages, $client, new Settings(), $core, static fn() => self::NOW ) )->process( $id );
		$this->assertSame( array( 'action' => 'hold', 'reason' => 'unauthorized' ), $action, 'a refusal in the same second as the resume still holds' );
		$this->assertCount( 1, $client->sent, 'one try, then held again: no loop' );

		$client = new ScriptedClient( array( array( 'outcome' => 'accepted', 'provider_id' => 'm_ok', 'http_status' => 202 ) ) );
		$action = ( new Dispatcher( $this->messages, $client, new Settings(), $core, static fn() => self::NOW + 60 ) )->process( $id );
		$this->assertSame( array( 'action' => 'done', 'final' => 'sent' ), $action );
		$this->assertCount( 1, $client->sent );
		$this->assertSame( array( 'no_balance', 'unauthorized', 'accepted' ), array_column( $this->messages->find( $id )['attempts'], 'outcome' ) );
		$this->assertSame( 'sent', $this->messages->find( $id )['status'] );
	}

	/**
	 * `Core::call` backed by the generated core, or the test is skipped when ./build.sh has not written it.
	 */
	private static function real_core(): callable {
		if ( ! is_readable( dirname( __DIR__, 2 ) . '/php-plugin/generated/core/autoload.php' ) ) {
			self::markTestSkipped( 'the PHP translation of the core is not built (./build.sh)' );
		}
		return array( \Modulus\Sms\Core\Core::class, 'call' );
	}

	public function test_the_row_is_routed_as_it_is_after_the_claim(): void {
		$id                           = $this->message( array( 'routing' => 'viber2sms' ) );
		$this->messages->before_claim = function ( int $claimed ): void {
			// Another worker sent the message between this worker's first read and its claim, then released the row.
			$this->messages->append_attempt( $claimed, array( 'channel' => 'viber', 'outcome' => 'accepted', 'at' => '2026-11-28T09:59:00Z' ) );
			$this->messages->update( $claimed, array( 'status' => 'awaiting_status' ) );
		};
		$this->route_script = array( array( 'action' => 'await_status', 'until' => '2026-11-28T10:09:00Z' ) );
		$client             = new ScriptedClient( array() );

		$this->dispatcher( $client )->process( $id );

		$this->assertSame( array( 'accepted' ), array_column( $this->routed[0]['attempts'], 'outcome' ), 'the fresh attempts, not the stale read' );
		$this->assertSame( array(), $client->sent );
	}

	public function test_give_up_fails_and_await_status_waits(): void {
		$failing            = $this->message();
		$this->route_script = array( array( 'action' => 'give_up', 'reason' => 'invalid' ) );
		$this->dispatcher( new ScriptedClient( array() ) )->process( $failing );
		$this->assertSame( array( 'failed', 'invalid' ), array( $this->messages->find( $failing )['status'], $this->messages->find( $failing )['reason'] ) );

		$waiting            = $this->message( array( 'dedupe_key' => 'order:7:completed', 'uuid' => wp_generate_uuid4(), 'routing' => 'viber2sms' ) );
		$this->route_script = array( array( 'action' => 'await_status', 'until' => '2026-11-28T05:30:00Z' ) );
		$this->dispatcher( new ScriptedClient( array() ) )->process( $waiting );
		$row = $this->messages->find( $waiting );
		$this->assertSame( array( 'awaiting_status', '2026-11-28T05:30:00Z' ), array( $row['status'], $row['send_at'] ) );
	}

	public function test_final_missing_and_claimed_rows_are_left_alone(): void {
		$dispatcher = $this->dispatcher( new ScriptedClient( array() ) );
		$this->assertSame( array( 'action' => 'none', 'reason' => 'not_found' ), $dispatcher->process( 999 ) );

		$sent = $this->message( array( 'status' => 'sent' ) );
		$this->assertSame( array( 'action' => 'none', 'reason' => 'final' ), $dispatcher->process( $sent ) );

		$busy = $this->message( array( 'dedupe_key' => 'order:8:completed', 'uuid' => wp_generate_uuid4() ) );
		$this->assertTrue( $this->messages->claim( $busy, 60 ) );
		$this->assertSame( array( 'action' => 'none', 'reason' => 'locked' ), $dispatcher->process( $busy ) );
		$this->assertSame( array(), $this->routed );
	}

	public function test_a_core_failure_is_reported_and_the_row_kept(): void {
		$id     = $this->message();
		$action = $this->dispatcher( new ScriptedClient( array() ) )->process( $id );
		$this->assertSame( 'script', $action['error']['code'] );
		$row = $this->messages->find( $id );
		$this->assertSame( 'scheduled', $row['status'] );
		$this->assertSame( 'core: route script exhausted', $row['error'] );

		$throwing = new Dispatcher( $this->messages, new ScriptedClient( array() ), new Settings(), static fn() => throw new Error( 'Class "Core" not found' ), static fn() => self::NOW );
		$this->assertSame( 'core_unavailable', $throwing->process( $id )['error']['code'] );

		$this->route_script = array( array( 'action' => 'dance' ) );
		$this->assertSame( 'bad_route', $this->dispatcher( new ScriptedClient( array() ) )->process( $id )['error']['code'] );

		$this->route_script = array( array( 'action' => 'send', 'channel' => 'pigeon', 'at' => '2026-11-28T10:00:00Z' ) );
		$client             = new ScriptedClient( array() );
		$this->assertSame( 'bad_route', $this->dispatcher( $client )->process( $id )['error']['code'] );
		$this->assertSame( array(), $client->sent );
	}

	public function test_a_route_that_keeps_saying_send_now_is_cut_off(): void {
		$id                 = $this->message();
		$this->route_script = array_fill( 0, 20, self::send_now( 'sms' ) );
		$client             = new ScriptedClient( array_fill( 0, 20, array( 'outcome' => 'transient' ) ) );

		$this->dispatcher( $client )->process( $id );

		$this->assertCount( 4, $client->sent );
		$this->assertSame( 'scheduled', $this->messages->find( $id )['status'] );
	}

	public function test_delivery_reports_are_requested_when_a_secret_can_verify_them(): void {
		$GLOBALS['test_options'][ Settings::OPTION ]['api_secret'] = 'whsec';
		$id                 = $this->message();
		$this->route_script = array( self::send_now( 'sms' ), array( 'action' => 'done', 'final' => 'sent' ) );
		$client             = new ScriptedClient( array( array( 'outcome' => 'accepted', 'provider_id' => 'm_9' ) ) );
		$this->dispatcher( $client )->process( $id );
		$this->assertSame( 'https://shop.example/wp-json/modulus-sms/v1/dlr', $client->sent[0]['callback'] );
	}

	public function test_a_scheduled_message_waits_for_its_send_at(): void {
		$id                 = $this->message( array( 'send_at' => gmdate( 'Y-m-d\TH:i:s\Z', self::NOW + 3600 ) ) );
		$this->route_script = array( self::send_now( 'sms' ) );
		$client             = new ScriptedClient( array() );

		$action = $this->dispatcher( $client )->process( $id );

		$this->assertSame( array( 'action' => 'send', 'channel' => 'sms', 'at' => gmdate( 'Y-m-d\TH:i:s\Z', self::NOW + 3600 ) ), $action );
		$this->assertSame( array(), $client->sent, 'quiet hours are kept even when a worker wakes early' );
		$this->assertSame( gmdate( 'Y-m-d\TH:i:s\Z', self::NOW + 3600 ), $this->messages->find( $id )['send_at'] );
	}

	public function test_a_resumed_message_refused_again_is_held_again(): void {
		$id                 = $this->message( array( 'status' => 'held', 'attempts' => array( array( 'channel' => 'sms', 'outcome' => 'unauthorized', 'at' => '2026-11-28T09:00:00Z' ) ) ) );
		$route              = function ( string $op, array $input ): array {
			$this->routed[] = $input;
			$last           = end( $input['attempts'] );
			$cleared        = false !== $last && isset( $input['resumed_at'] ) && strtotime( $last['at'] ) <= strtotime( $input['resumed_at'] );
			return false !== $last && 'unauthorized' === $last['outcome'] && ! $cleared ? array( 'action' => 'hold', 'reason' => 'unauthorized' ) : self::send_now( 'sms' );
		};
		$client             = new ScriptedClient( array( array( 'outcome' => 'unauthorized', 'http_status' => 401, 'error' => 'still wrong' ) ) );
		$dispatcher         = new Dispatcher( $this->messages, $client, new Settings(), $route, static fn() => self::NOW );

		$this->assertSame( array( 'action' => 'hold', 'reason' => 'unauthorized' ), $dispatcher->process( $id ) );
		$this->assertCount( 1, $client->sent, 'one try, then held again: no loop' );
		$this->assertSame( array( array( 'unauthorized' ), array( 'unauthorized', 'unauthorized' ) ), array_map( static fn( $input ) => array_column( $input['attempts'], 'outcome' ), $this->routed ) );
		$this->assertSame( array( true, false ), array_map( static fn( $input ) => isset( $input['resumed_at'] ), $this->routed ) );
		$this->assertSame( 'held', $this->messages->find( $id )['status'] );
	}

	public function test_idempotency_keys(): void {
		$row = array( 'uuid' => 'u', 'routing' => 'viber2sms' );
		$this->assertSame( 'u', Dispatcher::idempotency_key( $row, 'viber' ) );
		$this->assertSame( 'u-sms', Dispatcher::idempotency_key( $row, 'sms' ) );
		$this->assertSame( 'u', Dispatcher::idempotency_key( array( 'uuid' => 'u', 'routing' => 'sms' ), 'sms' ) );
	}
}
