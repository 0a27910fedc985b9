<?php
/**
 * Runs queued work in-process the way production does: WP-Cron events and Action Scheduler actions through AS's own runner.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Support;

/**
 * The same steps as wc-env's cron.sh (claim due actions in batches, run each through `ActionScheduler::runner()`), callable
 * between assertions. wc-env sets DISABLE_WP_CRON, so nothing runs unless a test asks for it.
 */
final class ActionRunner {

	public const GROUP = 'modulus-sms';

	/** ActionScheduler_OptionLock's option for the async request runner, and the owner tag the tests write into it. */
	public const ASYNC_LOCK_OPTION  = 'action_scheduler_lock_async-request-runner';
	private const ASYNC_LOCK_OWNER  = 'modulus-sms-integration-tests';

	/**
	 * Run every due Action Scheduler action once (optionally only a group and/or hook). Actions a run schedules for "now" are picked
	 * up too, until nothing due is left or $max actions ran.
	 *
	 * @param string $group Group filter ('' = all groups).
	 * @param string $hook  Hook filter ('' = all hooks).
	 * @param int    $max   Safety limit.
	 * @return array<int, array{id: int, hook: string, args: array, status: string, error: ?string}>
	 */
	public static function run_due( string $group = self::GROUP, string $hook = '', int $max = 200 ): array {
		$errors = array();
		$record = static function ( $action_id, $exception ) use ( &$errors ): void {
			$errors[ (int) $action_id ] = $exception instanceof \Throwable ? $exception->getMessage() : (string) $exception;
		};
		add_action( 'action_scheduler_failed_execution', $record, 10, 2 );

		$store = self::claim_store();
		$ran   = array();
		$seen  = array();
		try {
			while ( count( $ran ) < $max ) {
				try {
					$claim = $store->stake_claim( 25, null, $hook ? array( $hook ) : array(), $group );
				} catch ( \InvalidArgumentException $no_such_group ) {
					break; // The group does not exist: nothing was ever scheduled in it.
				}
				$ids = array_diff( $claim->get_actions(), $seen );
				if ( ! $ids ) {
					$store->release_claim( $claim );
					break;
				}
				foreach ( $ids as $id ) {
					$seen[] = $id;
					$action = \ActionScheduler::store()->fetch_action( $id );
					\ActionScheduler::runner()->process_action( $id, 'modulus-sms integration tests' );
					$ran[] = array(
						'id'     => (int) $id,
						'hook'   => $action->get_hook(),
						'args'   => $action->get_args(),
						'status' => \ActionScheduler::store()->get_status( $id ),
						'error'  => $errors[ (int) $id ] ?? null,
					);
				}
				$store->release_claim( $claim );
			}
		} finally {
			remove_action( 'action_scheduler_failed_execution', $record, 10 );
		}
		return $ran;
	}

	/**
	 * Keep Action Scheduler's async loopback runner from starting for the next $seconds. On a real site any wp-admin page load may
	 * start it and run due actions in the background; in tests that would race the explicit `run_due()` calls (and wp-admin pages
	 * are loaded by the tests themselves and by install-plugin.sh). Holding its own lock is what AS does between two starts.
	 *
	 * @param int $seconds How long.
	 */
	public static function hold_async_runner( int $seconds = 600 ): void {
		update_option( self::ASYNC_LOCK_OPTION, self::ASYNC_LOCK_OWNER . '|' . ( time() + $seconds ), false );
	}

	/** Give the async runner back to the site (only if the tests still hold its lock). */
	public static function release_async_runner(): void {
		if ( str_starts_with( (string) get_option( self::ASYNC_LOCK_OPTION, '' ), self::ASYNC_LOCK_OWNER . '|' ) ) {
			delete_option( self::ASYNC_LOCK_OPTION );
		}
	}

	/**
	 * The store to claim actions in. While Action Scheduler's migration from posts to its own tables is not complete (as on a
	 * fresh wc-env site), `ActionScheduler::store()` is the hybrid store, whose stake_claim() first asks the old posts store, and
	 * that one throws "The group … does not exist" for any group it never saw, although the actions are in the tables. New actions
	 * always go to the tables, so claim there directly; running and status reads still go through the hybrid store.
	 */
	private static function claim_store(): \ActionScheduler_Store {
		$store = \ActionScheduler::store();
		return $store instanceof \ActionScheduler_HybridStore ? new \ActionScheduler_DBStore() : $store;
	}

	/**
	 * Cancel every pending action of a group (test cleanup).
	 *
	 * @param string $group Group name.
	 * @return int How many were cancelled.
	 */
	public static function cancel_pending( string $group ): int {
		$pending = self::pending( $group );
		foreach ( $pending as $action ) {
			\ActionScheduler::store()->cancel_action( $action['id'] );
		}
		return count( $pending );
	}

	/**
	 * Pending actions (due or not) of a group/hook, soonest first.
	 *
	 * @param string $group Group ('' = all).
	 * @param string $hook  Hook ('' = all).
	 * @return array<int, array{id: int, hook: string, args: array, scheduled_gmt: string}>
	 */
	public static function pending( string $group = self::GROUP, string $hook = '' ): array {
		$query = array(
			'status'   => \ActionScheduler_Store::STATUS_PENDING,
			'per_page' => 500,
			'orderby'  => 'date',
			'order'    => 'ASC',
		);
		if ( '' !== $group ) {
			$query['group'] = $group;
		}
		if ( '' !== $hook ) {
			$query['hook'] = $hook;
		}
		$store = \ActionScheduler::store();
		$rows  = array();
		foreach ( $store->query_actions( $query ) as $id ) {
			$action = $store->fetch_action( $id );
			$date   = $action->get_schedule()->get_date();
			$rows[] = array(
				'id'            => (int) $id,
				'hook'          => $action->get_hook(),
				'args'          => $action->get_args(),
				'scheduled_gmt' => $date ? $date->format( 'Y-m-d H:i:s' ) : '',
			);
		}
		return $rows;
	}

	/**
	 * Make every pending action of a group due now (time travel for deferred sends), without touching their arguments. Both the
	 * date columns the claim query reads and the stored schedule (what `pending()` and the admin screen show) move.
	 *
	 * @param string $group Group name.
	 * @return int How many actions moved.
	 */
	public static function make_due( string $group = self::GROUP ): int {
		global $wpdb;
		$now   = as_get_datetime_object();
		$moved = 0;
		foreach ( self::pending( $group ) as $action ) {
			$schedule = \ActionScheduler::store()->fetch_action( $action['id'] )->get_schedule();
			$columns  = array(
				'scheduled_date_gmt'   => $now->format( 'Y-m-d H:i:s' ),
				'scheduled_date_local' => get_date_from_gmt( $now->format( 'Y-m-d H:i:s' ) ),
			);
			if ( ! $schedule->is_recurring() ) {
				$columns['schedule'] = serialize( new \ActionScheduler_SimpleSchedule( $now ) ); // phpcs:ignore -- Action Scheduler's own storage format.
			}
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- test helper on Action Scheduler's own table.
			$moved += (int) $wpdb->update( $wpdb->prefix . 'actionscheduler_actions', $columns, array( 'action_id' => $action['id'] ) );
		}
		return $moved;
	}

	/**
	 * Run the WP-Cron events that are due, like wp-cron.php.
	 *
	 * @return string[] The hooks that ran.
	 */
	public static function run_wp_cron(): array {
		$ran = array();
		foreach ( wp_get_ready_cron_jobs() as $timestamp => $hooks ) {
			foreach ( $hooks as $hook => $events ) {
				foreach ( $events as $event ) {
					if ( $event['schedule'] ) {
						wp_reschedule_event( $timestamp, $event['schedule'], $hook, $event['args'] );
					}
					wp_unschedule_event( $timestamp, $hook, $event['args'] );
					do_action_ref_array( $hook, $event['args'] );
					$ran[] = $hook;
				}
			}
		}
		return $ran;
	}
}
