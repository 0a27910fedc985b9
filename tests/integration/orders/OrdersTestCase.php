<?php
/**
 * Shared set-up of the order-messaging tests: a mapped "completed" template, a clean queue, orders to play with,
 * and a way to let time pass for the queue.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Orders;

use Modulus\Sms\Install\Schema;
use Modulus\Sms\Messages\Repository;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Templates\Repository as Templates;
use Modulus\Sms\Tests\Integration\Support\ActionRunner;
use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\PluginState;

abstract class OrdersTestCase extends IntegrationTestCase {

	/** The wc-env customer's billing phone (local Greek format) and what the core must make of it. */
	protected const LOCAL_PHONE = '6912345678';
	protected const E164_PHONE  = '+306912345678';

	protected const TEMPLATE = 'Hi {first_name}, order #{order_number} is complete. Total {order_total}.';

	protected int $template_id = 0;

	/** @var int[] Orders made by the test, deleted afterwards. */
	private array $orders = array();

	/** @var array Settings this class changes, as they were, restored after each test (the site is shared with other suites). */
	private array $saved_settings = array();

	protected function setUp(): void {
		parent::setUp();
		$this->saved_settings = array_intersect_key( ( new Settings() )->get(), array_flip( array( 'order_statuses', 'consent', 'quiet_hours' ) ) );
		PluginState::clear_messages();
		self::clear_queue();
		delete_option( 'modulus_sms_hold_lock' );
		delete_option( 'modulus_sms_hold_mail' );

		$template = ( new Templates() )->create(
			array(
				'title'   => 'Order completed (test)',
				'body'    => self::TEMPLATE,
				'context' => 'order',
			)
		);
		$this->assertNotNull( $template, 'template stored' );
		$this->template_id = (int) $template['id'];
		$this->configure( array() );
	}

	protected function tearDown(): void {
		foreach ( $this->orders as $order_id ) {
			$order = wc_get_order( $order_id );
			if ( $order ) {
				$order->delete( true );
			}
		}
		$this->orders = array();
		self::clear_queue();
		// Restored before the template goes: the settings may not point at a template that no longer exists.
		$restored = ( new Settings() )->update( $this->saved_settings );
		$this->assertNotInstanceOf( \WP_Error::class, $restored, 'settings restored' );
		if ( $this->template_id ) {
			( new Templates() )->delete( $this->template_id );
		}
		parent::tearDown();
	}

	/**
	 * The emulator's settings plus "completed → our template", consent and quiet hours off, SMS routing.
	 *
	 * @param array $overrides Settings to change on top.
	 */
	protected function configure( array $overrides ): array {
		return PluginState::configure_for_emulator(
			self::$emulator,
			array_replace(
				array(
					'routing'        => 'sms',
					'order_statuses' => $this->only_completed_mapped(),
					'consent'        => array( 'enabled' => false ),
					'quiet_hours'    => array( 'enabled' => false ),
				),
				$overrides
			)
		);
	}

	/** Every status of the shop switched off (the plugin ships defaults for several), "completed" → our template. */
	protected function only_completed_mapped(): array {
		$statuses = array();
		foreach ( array_keys( wc_get_order_statuses() ) as $slug ) {
			$statuses[ substr( $slug, 3 ) ] = array(
				'enabled'     => false,
				'template_id' => 0,
			);
		}
		$statuses['completed'] = array(
			'enabled'     => true,
			'template_id' => $this->template_id,
		);
		return $statuses;
	}

	/**
	 * A processing order of one Sample T-shirt (19.90 €, no shipping) billed to Maria.
	 *
	 * Created straight into $status.
	 *
	 * @param array  $billing Billing fields to override.
	 * @param string $status  Status of the new order.
	 */
	protected function new_order( array $billing = array(), string $status = 'processing' ): \WC_Order {
		$order   = new \WC_Order();
		$product = wc_get_product( wc_get_product_id_by_sku( 'SAMPLE-TSHIRT' ) );
		$this->assertInstanceOf( \WC_Product::class, $product, 'wc-env product SAMPLE-TSHIRT' );
		$order->add_product( $product, 1 );
		$order->set_address(
			array_replace(
				array(
					'first_name' => 'Maria',
					'last_name'  => 'Papadopoulou',
					'phone'      => self::LOCAL_PHONE,
					'country'    => 'GR',
					'city'       => 'Athens',
					'email'      => 'maria@example.test',
				),
				$billing
			),
			'billing'
		);
		$order->set_payment_method( 'cod' );
		$order->set_payment_method_title( 'Cash on delivery' );
		// The shop's sample stock is shared with the other suites: these orders never take from it.
		$order->set_order_stock_reduced( true );
		$order->set_status( $status );
		$order->calculate_totals( false ); // saves: the order's first save already carries its status.
		$this->orders[] = $order->get_id();
		return $order;
	}

	/** The automatic message of an order for a status, as stored. */
	protected function message_for( \WC_Order $order, string $status = 'completed' ): ?array {
		return ( new Repository() )->find_by_dedupe_key( sprintf( 'order:%d:%s', $order->get_id(), $status ) );
	}

	protected function reload( array $row ): array {
		$fresh = ( new Repository() )->find( (int) $row['id'] );
		$this->assertNotNull( $fresh );
		return $fresh;
	}

	/** Runs every due action of the plugin's group; fails on an action that threw. */
	protected function run_queue(): array {
		$ran = ActionRunner::run_due();
		foreach ( $ran as $action ) {
			$this->assertNull( $action['error'], 'action ' . $action['hook'] . ' failed: ' . (string) $action['error'] );
		}
		return $ran;
	}

	/**
	 * Lets $seconds pass for the queue: every time in the message rows (send_at, sent_at, leases, attempt times) moves
	 * back by that much, and the pending actions become due. The core's route reads those times, so this is what a
	 * real wait looks like to it.
	 */
	protected function travel( int $seconds ): void {
		global $wpdb;
		$table = Schema::messages_table();
		foreach ( $wpdb->get_results( $wpdb->prepare( 'SELECT id, attempts FROM %i', $table ), ARRAY_A ) as $row ) {
			$attempts = json_decode( (string) $row['attempts'], true );
			foreach ( is_array( $attempts ) ? $attempts : array() as $i => $attempt ) {
				if ( isset( $attempt['at'] ) && false !== strtotime( (string) $attempt['at'] ) ) {
					$attempts[ $i ]['at'] = gmdate( 'Y-m-d\TH:i:s\Z', strtotime( (string) $attempt['at'] ) - $seconds );
				}
			}
			$wpdb->query(
				$wpdb->prepare(
					'UPDATE %i SET attempts = %s,
					send_at = IF(send_at IS NULL, NULL, send_at - INTERVAL %d SECOND),
					sent_at = IF(sent_at IS NULL, NULL, sent_at - INTERVAL %d SECOND),
					lease_until = IF(lease_until IS NULL, NULL, lease_until - INTERVAL %d SECOND)
					WHERE id = %d',
					$table,
					(string) wp_json_encode( is_array( $attempts ) ? $attempts : array() ),
					$seconds,
					$seconds,
					$seconds,
					(int) $row['id']
				)
			);
		}
		$wpdb->query(
			$wpdb->prepare(
				'UPDATE %i a JOIN %i g ON g.group_id = a.group_id
				SET a.scheduled_date_gmt = a.scheduled_date_gmt - INTERVAL %d SECOND, a.scheduled_date_local = a.scheduled_date_local - INTERVAL %d SECOND
				WHERE a.status = %s AND g.slug = %s',
				$wpdb->prefix . 'actionscheduler_actions',
				$wpdb->prefix . 'actionscheduler_groups',
				$seconds,
				$seconds,
				\ActionScheduler_Store::STATUS_PENDING,
				ActionRunner::GROUP
			)
		);
		PluginState::flush_caches();
	}

	/** Runs the queue, letting time pass between rounds, until nothing of ours is pending (bounded). */
	protected function drain_queue( int $step_seconds = 7300, int $max_rounds = 12 ): void {
		for ( $round = 0; $round < $max_rounds; $round++ ) {
			$this->run_queue();
			if ( ! ActionRunner::pending( ActionRunner::GROUP, 'modulus_sms_process' ) && ! ActionRunner::pending( ActionRunner::GROUP, 'modulus_sms_poll' ) ) {
				return;
			}
			$this->travel( $step_seconds );
		}
		$this->fail( 'the queue did not drain: ' . wp_json_encode( ActionRunner::pending() ) );
	}

	/** Sends the emulator accepted, keyed by Idempotency-Key. */
	protected function accepted_by_key(): array {
		return self::$emulator->messages()['by_idempotency_key'] ?? array();
	}

	/** Cancels everything the plugin queued, so each test starts from an empty queue. */
	protected static function clear_queue(): void {
		foreach ( array( 'modulus_sms_process', 'modulus_sms_poll', 'modulus_sms_hold_probe' ) as $hook ) {
			as_unschedule_all_actions( $hook, null, ActionRunner::GROUP );
		}
	}
}
