<?php
/**
 * Order status changes → planned rows → Action Scheduler → one message at mMP.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Orders;

use Modulus\Sms\Checkout\ConsentStore;
use Modulus\Sms\Orders\MessagePlanner;
use Modulus\Sms\Orders\OrderFacts;
use Modulus\Sms\Orders\StatusListener;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Tests\Integration\Support\ActionRunner;
use Modulus\Sms\Tests\Integration\Support\PluginState;
use Modulus\Sms\Tests\Integration\Support\Rest;
use Modulus\Sms\Tests\Integration\Support\Users;

require_once __DIR__ . '/OrdersTestCase.php';

final class StatusMessagesTest extends OrdersTestCase {

	public function test_a_status_change_sends_one_message_with_the_right_text_number_channel_and_key(): void {
		$order = $this->new_order();
		$order->update_status( 'completed' );

		$row = $this->message_for( $order );
		$this->assertNotNull( $row, 'the status change planned a message' );
		$this->assertSame( 'scheduled', $row['status'], 'written before anything is sent' );
		$this->assertSame( array(), self::$emulator->send_requests(), 'nothing is sent inside the request that changed the status' );
		$this->assertCount( 1, ActionRunner::pending( ActionRunner::GROUP, 'modulus_sms_process' ) );

		$this->run_queue();

		$send = $this->onlySendRequest();
		$body = $send['body'];
		$this->assertSame( self::E164_PHONE, $body['to'] );
		$this->assertSame( 'sms', $body['channel'] );
		$this->assertSame( sprintf( 'Hi Maria, order #%s is complete. Total 19,90 €.', $order->get_order_number() ), $body['text'] );
		$this->assertSame( sprintf( 'order:%d:completed', $order->get_id() ), $body['reference'] );
		$this->assertSame( $row['uuid'], $send['idempotency_key'] );

		$row = $this->reload( $row );
		$this->assertSame( 'sent', $row['status'] );
		$this->assertSame( 'sms', $row['channel'] );
		$this->assertSame( self::E164_PHONE, $row['phone'] );
		$this->assertNotEmpty( $row['provider_id'] );
		$this->assertStringContainsString( 'modulus SMS: SMS message sent to ' . self::E164_PHONE, $this->order_notes( $order ) );
	}

	public function test_the_same_change_fired_twice_yields_one_message(): void {
		$order = $this->new_order();
		$order->update_status( 'completed' );
		// The hook fires again for the same transition (a gateway webhook retried, a plugin calling it by hand).
		do_action( 'woocommerce_order_status_changed', $order->get_id(), 'processing', 'completed', $order );
		( new MessagePlanner() )->plan_status_message( wc_get_order( $order->get_id() ), 'completed' );

		$this->assertCount( 1, $this->rows_of( $order ), 'one row per order and status' );
		$this->run_queue();
		$this->onlySendRequest();
	}

	public function test_two_processes_racing_on_the_same_change_make_one_message(): void {
		$order = $this->new_order();
		$order->set_status( 'completed' );
		$order->save(); // planned here once …
		PluginState::clear_messages();
		self::clear_queue();

		// … and now planned by two PHP processes at the same moment: the unique dedupe key lets one row in.
		$code      = sprintf( 'usleep( 300000 - (int) ( microtime( true ) * 1e6 ) %% 300000 ); ( new \Modulus\Sms\Orders\MessagePlanner() )->plan_status_message( wc_get_order( %d ), "completed" ); echo "planned";', $order->get_id() );
		$script    = rtrim( (string) getenv( 'WC_ENV_DIR' ), '/' ) . '/wp-php.sh';
		$processes = array();
		for ( $i = 0; $i < 2; $i++ ) {
			$processes[] = proc_open( array( 'bash', $script, $code ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes[ $i ] );
		}
		foreach ( $processes as $i => $process ) {
			$this->assertSame( 'planned', trim( (string) stream_get_contents( $pipes[ $i ][1] ) ) );
			fclose( $pipes[ $i ][1] );
			fclose( $pipes[ $i ][2] );
			$this->assertSame( 0, proc_close( $process ) );
		}

		PluginState::flush_caches();
		$this->assertCount( 1, $this->rows_of( $order ) );
		$this->assertCount( 1, ActionRunner::pending( ActionRunner::GROUP, 'modulus_sms_process' ), 'only the process that wrote the row queued it' );
		$this->run_queue();
		$this->onlySendRequest();
	}

	public function test_a_change_through_the_woocommerce_rest_api_without_a_logged_in_admin_session_is_sent(): void {
		$order  = $this->new_order();
		$result = Rest::call( 'PUT', '/wc/v3/orders/' . $order->get_id(), array( 'status' => 'completed' ), Users::ADMIN );
		$this->assertStatus( 200, $result );
		wp_set_current_user( 0 ); // the worker runs later, as cron does, with nobody logged in
		$this->run_queue();
		$this->assertSame( self::E164_PHONE, $this->onlySendRequest()['body']['to'] );
	}

	public function test_an_unmapped_status_plans_nothing(): void {
		$order = $this->new_order();
		$order->update_status( 'on-hold' );
		$this->assertSame( array(), $this->rows_of( $order ) );
	}

	public function test_new_order_from_checkout_hooks_plans_its_mapped_status(): void {
		$order = $this->new_order( array(), 'completed' );
		// Whatever the creation path fired, start from an order without messages: the checkout hooks alone must plan.
		PluginState::clear_messages();
		self::clear_queue();

		do_action( 'woocommerce_store_api_checkout_order_processed', $order );
		do_action( 'woocommerce_checkout_order_processed', $order->get_id(), array(), $order );

		$this->assertCount( 1, $this->rows_of( $order ), 'both checkout hooks, one message' );
		$this->run_queue();
		$this->onlySendRequest();
	}

	public function test_consent_required_and_not_given_is_skipped_with_a_reason(): void {
		$this->configure(
			array(
				'consent' => array(
					'enabled'                    => true,
					'required_for_order_updates' => true,
				),
			)
		);
		$declined = $this->new_order();
		ConsentStore::record_checkout_answer( $declined, false, 'Send me order updates by SMS.', 'classic_checkout' );
		$declined->save();
		$declined->update_status( 'completed' );

		$row = $this->message_for( $declined );
		$this->assertNotNull( $row, 'a skip is recorded, not dropped' );
		$this->assertSame( 'skipped', $row['status'] );
		$this->assertNotEmpty( $row['reason'] );
		$this->assertStringContainsString( 'consent', (string) $row['reason'] );

		$given = $this->new_order();
		ConsentStore::record_checkout_answer( $given, true, 'Send me order updates by SMS.', 'classic_checkout' );
		$given->save();
		$given->update_status( 'completed' );
		$this->assertSame( 'scheduled', $this->message_for( $given )['status'] );

		$this->run_queue();
		$send = $this->onlySendRequest();
		$this->assertSame( $this->message_for( $given )['uuid'], $send['idempotency_key'] );
	}

	public function test_quiet_hours_defer_to_the_window_end_and_send_only_then(): void {
		$zone  = new \DateTimeZone( 'Europe/Athens' );
		$now   = new \DateTimeImmutable( 'now', $zone );
		$start = $now->modify( '-1 hour' )->format( 'H:i' );
		$end   = $now->modify( '+2 hours' )->format( 'H:i' );
		$this->configure(
			array(
				'quiet_hours' => array(
					'enabled'    => true,
					'start'      => $start,
					'end'        => $end,
					'timezone'   => 'Europe/Athens',
					'applies_to' => array( 'order_status' ),
				),
			)
		);
		$order = $this->new_order();
		$order->update_status( 'completed' );

		$row      = $this->message_for( $order );
		$expected = \DateTimeImmutable::createFromFormat( 'Y-m-d H:i', $now->modify( '+2 hours' )->format( 'Y-m-d H:i' ), $zone );
		$this->assertSame( 'scheduled', $row['status'] );
		$this->assertSame( $expected->setTimezone( new \DateTimeZone( 'UTC' ) )->format( 'Y-m-d\TH:i:s\Z' ), $row['send_at'], 'moved to the end of the window' );

		$pending = ActionRunner::pending( ActionRunner::GROUP, 'modulus_sms_process' );
		$this->assertCount( 1, $pending );
		$this->assertSame( $expected->setTimezone( new \DateTimeZone( 'UTC' ) )->format( 'Y-m-d H:i:s' ), $pending[0]['scheduled_gmt'], 'the action waits for the window end' );

		$this->run_queue();
		$this->assertSame( array(), self::$emulator->send_requests(), 'nothing goes out inside the window' );

		// Even an action that runs early (a stray duplicate) keeps the message for the window end.
		ActionRunner::make_due();
		$this->run_queue();
		$this->assertSame( array(), self::$emulator->send_requests(), 'an early run does not send' );

		$this->travel( 2 * HOUR_IN_SECONDS + 60 );
		$this->run_queue();
		$this->onlySendRequest();
	}

	public function test_added_latency_of_a_status_change_is_small(): void {
		$runs    = 50;
		$with    = array();
		$without = array();
		$orders  = array();
		for ( $i = 0; $i < 2 * $runs; $i++ ) {
			$orders[] = $this->new_order();
		}
		$listener = array( StatusListener::class, 'on_status_changed' );
		\Modulus\Sms\Core\Core::call( 'segments', array( 'text' => 'warm-up' ) ); // the first call loads the translated core once per process
		foreach ( $orders as $i => $order ) {
			$plugin_on = 0 === $i % 2;
			if ( ! $plugin_on ) {
				remove_action( 'woocommerce_order_status_changed', $listener, 20 );
			}
			$started = hrtime( true );
			$order->update_status( 'completed' );
			$elapsed = ( hrtime( true ) - $started ) / 1e6;
			if ( $plugin_on ) {
				$with[] = $elapsed;
			} else {
				$without[] = $elapsed;
				add_action( 'woocommerce_order_status_changed', $listener, 20, 4 );
			}
		}

		$planned = array_filter( $orders, fn ( $order ) => null !== $this->message_for( $order ) );
		$this->assertCount( $runs, $planned, 'every change with the plugin planned its message' );
		$this->assertSame( array(), self::$emulator->send_requests(), 'the request that changes the status never calls mMP' );

		$plan_times = array();
		$sample     = reset( $orders );
		for ( $i = 0; $i < 20; $i++ ) {
			$started = hrtime( true );
			\Modulus\Sms\Core\Core::call(
				'plan',
				array(
					'kind'      => 'order_status',
					'now'       => gmdate( 'Y-m-d\TH:i:s\Z' ),
					'settings'  => ( new Settings() )->core_settings(),
					'recipient' => OrderFacts::from_order( $sample, 'GR' )->recipient(),
					'template'  => self::TEMPLATE,
					'context'   => 'order',
					'vars'      => OrderFacts::from_order( $sample, 'GR' )->vars(),
				)
			);
			$plan_times[] = ( hrtime( true ) - $started ) / 1e6;
		}

		$added = self::median( $with ) - self::median( $without );
		fwrite(
			STDERR,
			sprintf(
				"\nstatus-change latency (median of %d changes each): with the plugin %.2f ms, without %.2f ms, added %.2f ms (of which Core::call('plan') %.2f ms)\n",
				$runs,
				self::median( $with ),
				self::median( $without ),
				$added,
				self::median( $plan_times )
			)
		);
		// A regression guard, not the target: sending inside the request, or a slow query per change, would break it.
		$this->assertLessThan( 50.0, $added );
	}

	private static function median( array $values ): float {
		sort( $values );
		$n = count( $values );
		return 0 === $n % 2 ? ( $values[ $n / 2 - 1 ] + $values[ $n / 2 ] ) / 2 : $values[ intdiv( $n, 2 ) ];
	}

	private function rows_of( \WC_Order $order ): array {
		return ( new \Modulus\Sms\Messages\Repository() )->query( array( 'order_id' => $order->get_id() ), 1, 50 )['rows'];
	}

	private function order_notes( \WC_Order $order ): string {
		return implode( "\n", array_map( static fn ( $note ) => $note->content, wc_get_order_notes( array( 'order_id' => $order->get_id() ) ) ) );
	}
}
