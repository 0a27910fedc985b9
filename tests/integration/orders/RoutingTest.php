<?php
/**
 * What happens after the first send: Viber fallback, retries, throttling, hold and resume, a killed worker.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Orders;

use Modulus\Sms\Queue\Hold;
use Modulus\Sms\Queue\Sweeper;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Tests\Integration\Support\ActionRunner;
use Modulus\Sms\Tests\Integration\Support\PluginState;
use Modulus\Sms\Tests\Integration\Support\Users;

require_once __DIR__ . '/OrdersTestCase.php';

final class RoutingTest extends OrdersTestCase {

	private int $mails = 0;

	protected function setUp(): void {
		parent::setUp();
		$this->mails = 0;
		add_filter( 'wp_mail', array( $this, 'count_mail' ) );
	}

	protected function tearDown(): void {
		remove_filter( 'wp_mail', array( $this, 'count_mail' ) );
		remove_filter( 'modulus_sms_callback_url', '__return_null' );
		parent::tearDown();
	}

	/**
	 * Counts the hold e-mails (WooCommerce's own order e-mails go through wp_mail too).
	 *
	 * @param array $mail wp_mail() arguments.
	 */
	public function count_mail( array $mail ): array {
		if ( str_contains( (string) ( $mail['subject'] ?? '' ), 'sending is on hold' ) ) {
			++$this->mails;
		}
		return $mail;
	}

	public function test_viber2sms_with_viber_unavailable_falls_back_to_sms_at_once(): void {
		$this->configure( array( 'routing' => 'viber2sms' ) );
		self::$emulator->fault( array( 'viber_unavailable' => array( self::E164_PHONE ) ) );
		$order = $this->new_order();
		$order->update_status( 'completed' );
		$row = $this->message_for( $order );

		$this->run_queue();

		$sends = self::$emulator->send_requests();
		$this->assertSame( array( 'viber', 'sms' ), array_map( static fn ( $s ) => $s['body']['channel'], $sends ) );
		$this->assertSame( 422, $sends[0]['response_status'] );
		$this->assertSame( 202, $sends[1]['response_status'] );
		$this->assertSame( $row['uuid'], $sends[0]['idempotency_key'] );
		$row = $this->reload( $row );
		$this->assertSame( 'sent', $row['status'] );
		$this->assertSame( 'sms', $row['channel'] );
	}

	public function test_viber_expired_by_delivery_report_falls_back_to_sms(): void {
		$row = $this->viber_message_awaiting_status();

		$advanced = self::$emulator->advance( $row['provider_id'], 'expired' );
		$answers  = array_column( $advanced['reports'], 'http_status' );
		$this->assertNotEmpty( $answers, 'the emulator posted delivery reports' );
		$this->assertSame( array( 200 ), array_values( array_unique( $answers ) ), 'the site accepted the signed reports' );
		PluginState::flush_caches();

		$this->run_queue();

		$this->assert_sms_followed_viber( $row );
	}

	public function test_viber_expired_found_by_polling_falls_back_to_sms(): void {
		add_filter( 'modulus_sms_callback_url', '__return_null' );
		$row = $this->viber_message_awaiting_status();
		$this->assertArrayNotHasKey( 'callback_url', self::$emulator->send_requests()[0]['body'], 'no reports requested: only polling can tell' );

		self::$emulator->advance( $row['provider_id'], 'expired' );
		$this->assertSame( array(), self::$emulator->reports() );

		$this->travel( 61 );
		$this->run_queue();

		$this->assertNotEmpty( self::$emulator->requests( array( 'method' => 'GET' ) ), 'the worker asked mMP for the status' );
		$this->assert_sms_followed_viber( $row );
	}

	public function test_viber_not_delivered_within_the_fallback_timeout_goes_by_sms(): void {
		add_filter( 'modulus_sms_callback_url', '__return_null' );
		$row = $this->viber_message_awaiting_status();
		self::$emulator->advance( $row['provider_id'], 'sent' );

		$this->travel( 300 );
		$this->run_queue();
		$this->assertCount( 1, self::$emulator->send_requests(), 'still waiting inside the fallback timeout' );

		$this->travel( 301 );
		$this->drain_queue( 61 );
		$this->assert_sms_followed_viber( $row, null );
	}

	public function test_three_503s_then_202_make_exactly_one_accepted_message(): void {
		self::$emulator->fault(
			array(
				'status' => 503,
				'count'  => 3,
			)
		);
		$order = $this->new_order();
		$order->update_status( 'completed' );
		$row = $this->message_for( $order );

		$this->run_queue();
		$this->assertSame( 'scheduled', $this->reload( $row )['status'], 'a 503 is retried later, not dropped' );
		$this->drain_queue();

		$sends = self::$emulator->send_requests();
		$this->assertSame( array( 503, 503, 503, 202 ), array_column( $sends, 'response_status' ) );
		$this->assertSame( array( $row['uuid'] ), array_values( array_unique( array_column( $sends, 'idempotency_key' ) ) ), 'one Idempotency-Key on every retry' );
		$this->assertCount( 1, self::$emulator->messages()['messages'], 'mMP accepted one message' );
		$this->assertSame( 'sent', $this->reload( $row )['status'] );
	}

	public function test_429_retry_after_is_honoured(): void {
		self::$emulator->fault(
			array(
				'status'      => 429,
				'retry_after' => 120,
			)
		);
		$order = $this->new_order();
		$order->update_status( 'completed' );
		$row = $this->message_for( $order );

		$before = time();
		$this->run_queue();
		$row = $this->reload( $row );
		$this->assertSame( 'scheduled', $row['status'] );
		$wait = strtotime( $row['send_at'] ) - $before;
		$this->assertGreaterThanOrEqual( 118, $wait, 'not before Retry-After' );
		$this->assertLessThanOrEqual( 125, $wait );
		$pending = ActionRunner::pending( ActionRunner::GROUP, 'modulus_sms_process' );
		$this->assertCount( 1, $pending );
		$this->assertEqualsWithDelta( strtotime( $row['send_at'] ), strtotime( $pending[0]['scheduled_gmt'] . ' UTC' ), 2 );

		$this->travel( 60 );
		ActionRunner::make_due();
		$this->run_queue();
		$this->assertCount( 1, self::$emulator->send_requests(), 'an early wake-up does not send before Retry-After' );

		$this->travel( 65 );
		$this->run_queue();
		$this->assertSame( array( 429, 202 ), array_column( self::$emulator->send_requests(), 'response_status' ) );
		$this->assertSame( 'sent', $this->reload( $row )['status'] );
	}

	public function test_401_holds_everything_with_one_notice_and_one_mail_then_resumes_when_the_token_is_fixed(): void {
		$this->configure( array( 'api_token' => 'wrong-token-that-mmp-refuses' ) );
		$first = $this->new_order();
		$first->update_status( 'completed' );
		$this->run_queue();

		PluginState::flush_caches();
		$held = ( new Settings() )->get()['held'];
		$this->assertSame( 'unauthorized', $held['reason'] ?? null, 'the queue is on hold' );
		$this->assertSame( 'held', $this->message_for( $first )['status'] );
		$this->assertSame( 1, $this->mails, 'the admin got one e-mail' );

		$second = $this->new_order();
		$second->update_status( 'completed' );
		$this->run_queue();
		$this->assertSame( 'held', $this->message_for( $second )['status'] );
		$this->assertCount( 1, self::$emulator->send_requests(), 'nothing more is sent while held' );
		$this->assertSame( 1, $this->mails, 'still one e-mail' );

		Users::act_as( Users::ADMIN );
		ob_start();
		Hold::render_notice();
		$notice = (string) ob_get_clean();
		wp_set_current_user( 0 );
		$this->assertStringContainsString( 'sending is on hold', $notice );
		$this->assertStringContainsString( 'token', $notice );

		( new Settings() )->update( array( 'api_token' => PluginState::token() ) );
		PluginState::flush_caches();
		$this->assertNull( ( new Settings() )->get()['held'], 'fixing the token lifts the hold' );
		$this->run_queue();

		$this->assertSame( 'sent', $this->message_for( $first )['status'] );
		$this->assertSame( 'sent', $this->message_for( $second )['status'] );
		$this->assertCount( 2, self::$emulator->messages()['messages'] );
		$this->assertSame( 1, $this->mails );
	}

	public function test_no_balance_holds_and_a_later_balance_check_resumes(): void {
		self::$emulator->fault( array( 'status' => 402 ) );
		$order = $this->new_order();
		$order->update_status( 'completed' );
		$this->run_queue();

		PluginState::flush_caches();
		$this->assertSame( 'no_balance', ( new Settings() )->get()['held']['reason'] ?? null );
		$this->assertSame( 'held', $this->message_for( $order )['status'] );
		$this->assertCount( 1, ActionRunner::pending( ActionRunner::GROUP, 'modulus_sms_hold_probe' ), 'a balance probe is queued' );

		// The account was topped up (the 402 was a one-off): the probe finds a balance and lifts the hold.
		$this->travel( 601 );
		$this->run_queue();
		PluginState::flush_caches();
		$this->assertNull( ( new Settings() )->get()['held'] );
		$this->run_queue();
		$this->assertSame( 'sent', $this->message_for( $order )['status'] );
		$this->assertSame( array( 402, 202 ), array_column( self::$emulator->send_requests(), 'response_status' ) );
		$this->assertSame( 1, $this->mails );
	}

	public function test_a_due_message_whose_action_went_missing_is_queued_again_by_the_sweep(): void {
		$order = $this->new_order();
		$order->update_status( 'completed' );
		$row = $this->message_for( $order );
		self::clear_queue(); // the action is lost (a crashed request, a purged queue)
		$this->travel( 900 );

		$this->assertContains( (int) $row['id'], Sweeper::sweep() );
		$this->run_queue();
		$this->onlySendRequest();
		$this->assertSame( 'sent', $this->reload( $row )['status'] );
	}

	public function test_a_worker_killed_after_the_http_call_is_retried_with_the_same_key_and_mmp_counts_one(): void {
		$order = $this->new_order();
		$order->update_status( 'completed' );
		$row = $this->message_for( $order );
		self::clear_queue();

		// A separate PHP process runs the worker and is SIGKILLed as soon as mMP's answer arrives,
		// before the dispatcher can write it down.
		$status = $this->run_in_site_and_get_killed(
			sprintf(
				'add_action( "http_api_debug", static function () { posix_kill( getmypid(), SIGKILL ); } );
				\Modulus\Sms\Queue\Worker::run( %d );
				echo "survived";',
				(int) $row['id']
			)
		);
		$this->assertNotSame( 0, $status, 'the worker process was killed' );
		PluginState::flush_caches();
		$stuck = $this->reload( $row );
		$this->assertSame( 'sending', $stuck['status'], 'the row shows the interrupted send' );
		$this->assertCount( 1, self::$emulator->messages()['messages'], 'mMP had accepted it' );

		$this->assertContains( (int) $row['id'], Sweeper::sweep( 0 ), 'the sweep picks up the abandoned row' );
		$this->run_queue();

		$sends = self::$emulator->send_requests();
		$this->assertSame( array( 202, 409 ), array_column( $sends, 'response_status' ) );
		$this->assertSame( array( $row['uuid'], $row['uuid'] ), array_column( $sends, 'idempotency_key' ) );
		$this->assertCount( 1, self::$emulator->messages()['messages'], 'mMP counts one message' );
		$done = $this->reload( $row );
		$this->assertSame( 'sent', $done['status'] );
		$this->assertSame( self::$emulator->messages()['messages'][0]['id'], $done['provider_id'], 'the original id from the 409' );
	}

	public function test_a_response_lost_after_mmp_accepted_is_retried_without_a_second_message(): void {
		self::$emulator->fault( array( 'accept_then_drop' => 1 ) );
		$order = $this->new_order();
		$order->update_status( 'completed' );
		$row = $this->message_for( $order );

		$this->drain_queue();

		$this->assertCount( 1, self::$emulator->messages()['messages'] );
		$this->assertSame( 'sent', $this->reload( $row )['status'] );
		$keys = array_column( self::$emulator->send_requests(), 'idempotency_key' );
		$this->assertGreaterThanOrEqual( 2, count( $keys ) );
		$this->assertSame( array( $row['uuid'] ), array_values( array_unique( $keys ) ) );
	}

	/** A viber2sms message accepted on Viber, its worker now waiting for a status. */
	private function viber_message_awaiting_status(): array {
		$this->configure( array( 'routing' => 'viber2sms' ) );
		$order = $this->new_order();
		$order->update_status( 'completed' );
		$this->run_queue();
		$row = $this->message_for( $order );
		$this->assertSame( 'awaiting_status', $row['status'] );
		$this->assertSame( 'viber', $row['channel'] );
		$this->assertNotEmpty( $row['provider_id'] );
		$this->assertCount( 1, ActionRunner::pending( ActionRunner::GROUP, 'modulus_sms_poll' ), 'a status poll is queued' );
		return $row;
	}

	/**
	 * @param array       $row       The message row.
	 * @param string|null $viber_end The Viber status event that must be recorded (null: the fallback timeout decided).
	 */
	private function assert_sms_followed_viber( array $row, ?string $viber_end = 'expired' ): void {
		$sends = self::$emulator->send_requests();
		$this->assertSame( array( 'viber', 'sms' ), array_map( static fn ( $s ) => $s['body']['channel'], $sends ) );
		$this->assertSame( $row['uuid'], $sends[0]['idempotency_key'] );
		$this->assertNotSame( $sends[0]['idempotency_key'], $sends[1]['idempotency_key'], 'the SMS fallback is its own send' );
		$after = $this->reload( $row );
		$this->assertSame( 'sent', $after['status'] );
		$this->assertSame( 'sms', $after['channel'] );
		$outcomes = array_map( static fn ( $a ) => $a['channel'] . ':' . $a['outcome'], $after['attempts'] );
		$this->assertContains( 'viber:accepted', $outcomes );
		if ( null !== $viber_end ) {
			$this->assertContains( 'viber:' . $viber_end, $outcomes );
		}
		$this->assertContains( 'sms:accepted', $outcomes );
	}

	/**
	 * Runs PHP inside the site in a child process (wc-env's wp-php.sh); returns its exit status.
	 *
	 * @param string $code PHP code.
	 */
	private function run_in_site_and_get_killed( string $code ): int {
		$script = rtrim( (string) getenv( 'WC_ENV_DIR' ), '/' ) . '/wp-php.sh';
		$this->assertFileExists( $script );
		$process = proc_open( array( 'bash', $script, $code ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
		$this->assertIsResource( $process );
		$out = stream_get_contents( $pipes[1] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$status = proc_close( $process );
		$this->assertStringNotContainsString( 'survived', (string) $out );
		return $status;
	}
}
