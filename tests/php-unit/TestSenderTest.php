<?php
/**
 * Test SMS: stored first, planned as kind "test", sent at once, one immediate retry, never left queued.
 */

declare( strict_types=1 );

use Modulus\Sms\Messages\Dispatcher;
use Modulus\Sms\Messages\TestSender;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Tests\Fakes\InMemoryMessages;
use Modulus\Sms\Tests\Fakes\ScriptedClient;
use PHPUnit\Framework\TestCase;

final class TestSenderTest extends TestCase {

	private InMemoryMessages $messages;

	/** @var array<int, array{string, array}> */
	private array $calls = array();

	/** @var array<string, array<int, array>> op => answers */
	private array $answers = array();

	protected function setUp(): void {
		$GLOBALS['test_options'] = array(
			'woocommerce_default_country' => 'GR:I',
			Settings::OPTION              => array( 'api_url' => 'https://mmp.example', 'api_token' => 'tok-12345678', 'routing' => 'viber2sms' ),
		);
		$this->messages          = new InMemoryMessages();
		$this->calls             = array();
	}

	private function sender( ScriptedClient $client ): TestSender {
		$core     = function ( string $op, array $input ): array {
			$this->calls[] = array( $op, $input );
			return array_shift( $this->answers[ $op ] ) ?? array( 'error' => array( 'code' => 'script', 'message' => "no $op answer" ) );
		};
		$settings = new Settings();
		$policy   = array( 'backoff_s' => array( 0 ), 'max_tries' => 2, 'fallback_after_s' => 600 );
		return new TestSender( $this->messages, $settings, new Dispatcher( $this->messages, $client, $settings, $core, null, $policy ), $core );
	}

	private static function plan( string $text ): array {
		return array( 'action' => 'send', 'to' => '+306912345678', 'text' => $text, 'sms_text' => strtoupper( $text ), 'encoding' => 'gsm7', 'segments' => 1, 'channels' => array( 'sms' ), 'send_at' => '2026-11-28T10:00:00Z', 'deferred' => false );
	}

	public function test_a_test_is_stored_planned_and_sent_at_once(): void {
		$this->answers = array(
			'plan'  => array( self::plan( 'Hello {x}' ) ),
			'route' => array( array( 'action' => 'send', 'channel' => 'sms', 'at' => utc_now() ), array( 'action' => 'done', 'final' => 'sent' ) ),
		);
		$client        = new ScriptedClient( array( array( 'outcome' => 'accepted', 'provider_id' => 'm_t', 'segments' => 1, 'http_status' => 202 ) ) );

		$result = $this->sender( $client )->send( ' 69 1234 5678 ', 'Hello {x}', 'sms' );

		$this->assertTrue( $result['ok'] );
		$this->assertSame( array( 'sent', 'accepted', 'm_t', 1, 'sms', 202, null ), array( $result['status'], $result['outcome'], $result['provider_id'], $result['segments'], $result['channel'], $result['http_status'], $result['error'] ) );
		list( $op, $plan_input ) = $this->calls[0];
		$this->assertSame( 'plan', $op );
		$this->assertSame( 'test', $plan_input['kind'] );
		$this->assertSame( 'Hello {{x}}', $plan_input['template'], 'free text is literal' );
		$this->assertSame( '69 1234 5678', $plan_input['recipient']['phone'] );
		$this->assertSame( 'GR', $plan_input['recipient']['country'] );
		$this->assertSame( 'sms', $plan_input['settings']['routing'], 'the chosen channel overrides the routing' );

		$row = $this->messages->find( $result['id'] );
		$this->assertSame( array( 'test', '+306912345678', 'sms', 'HELLO {X}' ), array( $row['kind'], $row['phone'], $row['routing'], $row['sms_text'] ) );
		$this->assertSame( $row['uuid'], $client->sent[0]['key'] );
	}

	public function test_a_lost_answer_is_retried_once_at_once_with_the_same_key(): void {
		$this->answers = array(
			'plan'  => array( self::plan( 'x' ) ),
			'route' => array( array( 'action' => 'send', 'channel' => 'viber', 'at' => utc_now() ), array( 'action' => 'send', 'channel' => 'viber', 'at' => utc_now() ), array( 'action' => 'await_status', 'until' => '2026-11-28T10:10:00Z' ) ),
		);
		$client        = new ScriptedClient(
			array(
				array( 'outcome' => 'transient', 'error' => 'cURL error 52: Empty reply from server' ),
				array( 'outcome' => 'accepted', 'provider_id' => 'm_dup', 'duplicate' => true, 'http_status' => 409 ),
			)
		);

		$result = $this->sender( $client )->send( '6912345678', 'x' );

		$this->assertTrue( $result['ok'] );
		$this->assertSame( 'awaiting_status', $result['status'] );
		$this->assertSame( $client->sent[0]['key'], $client->sent[1]['key'] );
		$this->assertSame( 'viber2sms', $this->calls[0][1]['settings']['routing'], 'no channel: the configured routing' );
		$this->assertSame( array( 'backoff_s' => array( 0 ), 'max_tries' => 2, 'fallback_after_s' => 600 ), $this->calls[1][1]['policy'] );
	}

	public function test_a_refused_test_reports_mmp_words_and_is_not_left_queued(): void {
		$this->answers = array(
			'plan'  => array( self::plan( 'x' ) ),
			'route' => array( array( 'action' => 'send', 'channel' => 'sms', 'at' => utc_now() ), array( 'action' => 'send', 'channel' => 'sms', 'at' => gmdate( 'Y-m-d\TH:i:s\Z', time() + 60 ) ) ),
		);
		$client        = new ScriptedClient( array( array( 'outcome' => 'throttled', 'retry_after' => 60, 'http_status' => 429, 'error' => 'Slow down' ) ) );

		$result = $this->sender( $client )->send( '6912345678', 'x', 'sms' );

		$this->assertFalse( $result['ok'] );
		$this->assertSame( array( 'failed', 'throttled', 429, 'Slow down' ), array( $result['status'], $result['outcome'], $result['http_status'], $result['error'] ) );
		$this->assertSame( 'test_not_retried', $this->messages->find( $result['id'] )['reason'] );
	}

	public function test_unsendable_input_is_a_400_with_the_field(): void {
		$sender = $this->sender( new ScriptedClient( array() ) );
		$this->assertSame( 'to', $sender->send( ' ', 'x' )->get_error_data()['field'] );
		$this->assertSame( 'text', $sender->send( '69', '  ' )->get_error_data()['field'] );
		$this->assertSame( 'channel', $sender->send( '69', 'x', 'fax' )->get_error_data()['field'] );
		$this->assertSame( array(), $this->messages->rows, 'nothing stored for input that cannot be sent' );

		$this->answers = array( 'plan' => array( array( 'error' => array( 'code' => 'invalid_phone', 'message' => 'not a phone number: abc' ) ) ) );
		$error         = $sender->send( 'abc', 'x' );
		$this->assertSame( array( 400, 'to' ), array( $error->get_error_data()['status'], $error->get_error_data()['field'] ) );
		$this->assertSame( 'not a phone number: abc', $error->get_error_message() );
		$this->assertSame( array( 'skipped', 'invalid_phone' ), array( $this->messages->find( 1 )['status'], $this->messages->find( 1 )['reason'] ) );

		$broken = new TestSender( $this->messages, new Settings(), null, static fn() => throw new Error( 'Class "Modulus\\Sms\\Core\\Core" not found' ) );
		$error  = $broken->send( '6912345678', 'x' );
		$this->assertSame( array( 500, 'core_unavailable' ), array( $error->get_error_data()['status'], $error->get_error_data()['code'] ) );
		$this->assertArrayNotHasKey( 'field', $error->get_error_data(), 'not the owner\'s input to blame' );
	}
}

function utc_now(): string {
	return gmdate( 'Y-m-d\TH:i:s\Z' );
}
