<?php
/**
 * The Action Scheduler worker: runs one message through the dispatcher and queues whatever the route says comes next.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Queue;

use Modulus\Sms\Messages\Dispatcher;
use Modulus\Sms\Messages\Repository;
use Modulus\Sms\Messages\RowFormat;
use Modulus\Sms\Orders\OrderNotes;

defined( 'ABSPATH' ) || exit;

/**
 * Sending itself (claim, route, mMP call with the row's uuid as Idempotency-Key, recording the attempt) is the
 * dispatcher's job; the worker owns time: when to run again, when to poll, when to stop everything.
 */
final class Worker {

	/** Seconds between two status polls of an accepted Viber message. */
	private const POLL_INTERVAL = 60;

	public static function register(): void {
		add_action( Scheduler::PROCESS_HOOK, array( self::class, 'run' ), 10, 1 );
		add_action( Scheduler::POLL_HOOK, array( StatusPoller::class, 'poll' ), 10, 1 );
	}

	/**
	 * Action Scheduler callback for `modulus_sms_process`.
	 *
	 * @param int|string $message_id Message row id (Action Scheduler passes the stored argument).
	 */
	public static function run( $message_id ): void {
		$message_id = (int) $message_id;
		$before     = ( new Repository() )->find( $message_id );
		if ( ! $before || in_array( $before['status'], RowFormat::FINAL_STATUSES, true ) ) {
			return;
		}

		$send_at = Scheduler::timestamp( $before['send_at'] ?? null );
		if ( 'scheduled' === $before['status'] && $send_at > time() ) {
			// Woken early (a stray or duplicate action): a deferred message (quiet hours, backoff) keeps its time.
			Scheduler::process_at( $message_id, $send_at );
			return;
		}

		// A held queue is handled by the dispatcher: it parks the row as `held` without calling mMP.
		$action = ( new Dispatcher() )->process( $message_id );
		self::follow( $message_id, $action, (string) $before['status'] );
	}

	/**
	 * Queues what the route decided.
	 *
	 * @param int    $message_id    Message row id.
	 * @param array  $action        The last route action returned by the dispatcher.
	 * @param string $status_before The row's status before this run (to write each order note once).
	 */
	public static function follow( int $message_id, array $action, string $status_before ): void {
		switch ( $action['action'] ?? '' ) {
			case 'send':
				Scheduler::process_at( $message_id, Scheduler::timestamp( $action['at'] ?? null ) );
				break;
			case 'await_status':
				$until = Scheduler::timestamp( $action['until'] ?? null );
				Scheduler::poll_at( $message_id, min( $until, time() + self::poll_interval() ) );
				break;
			case 'hold':
				Hold::engage( (string) ( $action['reason'] ?? 'unauthorized' ) );
				break;
		}

		$after = ( new Repository() )->find( $message_id );
		if ( $after && $after['status'] !== $status_before ) {
			OrderNotes::message_changed( $after );
		}
	}

	private static function poll_interval(): int {
		/**
		 * Filters the seconds between two status polls of a Viber message awaiting delivery.
		 *
		 * @param int $seconds Default 60.
		 */
		return max( 5, (int) apply_filters( 'modulus_sms_poll_interval', self::POLL_INTERVAL ) );
	}
}
