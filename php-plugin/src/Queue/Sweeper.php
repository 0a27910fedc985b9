<?php
/**
 * The safety net that makes "nothing lost" hold when a PHP process dies mid-send or an action goes missing.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Queue;

use Modulus\Sms\Messages\Repository;

defined( 'ABSPATH' ) || exit;

/**
 * Every few minutes:
 * - a row stuck in `sending` past its claim (the worker was killed between the mMP call and the status update)
 *   is queued again; the retry carries the same uuid as Idempotency-Key, so mMP answers 409 duplicate and the
 *   message is counted once;
 * - a `scheduled` or `awaiting_status` row whose time has passed but which has no pending action is queued again;
 * - so is a `held` row once the queue is no longer held (Hold::resume() queues them all, but an action can still go missing).
 */
final class Sweeper {

	private const INTERVAL = 300;

	/** Seconds after its last update a `sending` row counts as abandoned (well above one mMP timeout). */
	private const STALE_AFTER = 300;

	/** Seconds a due row may wait before the sweeper assumes its action is gone. */
	private const ORPHAN_AFTER = 600;

	private const CHECKED_OPTION = 'modulus_sms_sweep_checked';

	public static function register(): void {
		add_action( Scheduler::SWEEP_HOOK, array( self::class, 'sweep' ) );
		add_action( 'action_scheduler_init', array( self::class, 'ensure_scheduled' ) );
	}

	/**
	 * Makes sure the recurring sweep exists. Runs on every request, so the queue is asked at most once an hour
	 * (the time of the last check is an autoloaded option, read from memory).
	 */
	public static function ensure_scheduled(): void {
		if ( time() - (int) get_option( self::CHECKED_OPTION, 0 ) < HOUR_IN_SECONDS ) {
			return;
		}
		update_option( self::CHECKED_OPTION, time(), true );
		if ( ! as_has_scheduled_action( Scheduler::SWEEP_HOOK, array(), Scheduler::GROUP ) ) {
			as_schedule_recurring_action( time() + self::INTERVAL, self::INTERVAL, Scheduler::SWEEP_HOOK, array(), Scheduler::GROUP );
		}
	}

	/**
	 * @param int|null $stale_after  Seconds since the last update after which a `sending` row is taken as abandoned
	 *                               whatever its lease says (tests pass 0); by default a row is abandoned when its
	 *                               lease ran out, or STALE_AFTER seconds after its last update when it has none.
	 * @param int|null $orphan_after Seconds a due row may wait for its action before it is queued again.
	 * @return int[] Ids of the rows queued again.
	 */
	public static function sweep( $stale_after = null, $orphan_after = null ): array {
		$now      = time();
		$requeued = array();

		foreach ( self::rows_with_status( 'sending' ) as $row ) {
			if ( self::abandoned( $row, is_numeric( $stale_after ) ? (int) $stale_after : null, $now ) ) {
				// The dead worker's claim goes; its in-flight attempt stays, so the dispatcher re-sends on that channel with the same key.
				( new Repository() )->release( (int) $row['id'] );
				Scheduler::process_at( (int) $row['id'], $now );
				$requeued[] = (int) $row['id'];
			}
		}

		$orphan_after = is_numeric( $orphan_after ) ? (int) $orphan_after : self::ORPHAN_AFTER;
		$waiting      = Hold::is_active() ? array( 'scheduled', 'awaiting_status' ) : array( 'scheduled', 'awaiting_status', 'held' );
		foreach ( $waiting as $status ) {
			foreach ( self::rows_with_status( $status ) as $row ) {
				// A held row waits since it was held (its send_at is the time it was first due, and may be empty).
				$due = Scheduler::timestamp( self::utc( 'held' === $status ? ( $row['updated_at'] ?? null ) : ( $row['send_at'] ?? null ) ) );
				if ( $now - $due < $orphan_after || self::has_pending_action( (int) $row['id'] ) ) {
					continue;
				}
				Scheduler::process_at( (int) $row['id'], $now );
				$requeued[] = (int) $row['id'];
			}
		}
		return $requeued;
	}

	private static function abandoned( array $row, ?int $forced_after, int $now ): bool {
		$updated = Scheduler::timestamp( self::utc( $row['updated_at'] ?? null ) );
		if ( null !== $forced_after ) {
			return $now - $updated >= $forced_after;
		}
		if ( ! empty( $row['lease_until'] ) ) {
			return $now >= Scheduler::timestamp( self::utc( $row['lease_until'] ) );
		}
		return $now - $updated >= (int) apply_filters( 'modulus_sms_stale_claim_after', self::STALE_AFTER );
	}

	/** Message-table times are UTC `Y-m-d H:i:s` without a zone; make that explicit for strtotime(). */
	private static function utc( ?string $time ): ?string {
		if ( null === $time || '' === $time || preg_match( '/(Z|[+-]\d{2}:?\d{2})$/', $time ) ) {
			return $time;
		}
		return $time . ' UTC';
	}

	/** @return list<array> Up to 200 rows in a status (the sweep runs again in a few minutes for the rest). */
	private static function rows_with_status( string $status ): array {
		return ( new Repository() )->query( array( 'status' => $status ), 1, 200 )['rows'] ?? array();
	}

	private static function has_pending_action( int $message_id ): bool {
		return as_has_scheduled_action( Scheduler::PROCESS_HOOK, array( $message_id ), Scheduler::GROUP )
			|| as_has_scheduled_action( Scheduler::POLL_HOOK, array( $message_id ), Scheduler::GROUP );
	}
}
