<?php
/**
 * Puts message work on Action Scheduler.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Queue;

defined( 'ABSPATH' ) || exit;

/**
 * One pending worker action per message at most, at the earliest time it is needed.
 *
 * Action Scheduler's own `$unique` flag is not used: it makes an action unique per hook and group, ignoring the
 * arguments (ActionScheduler_DBStore::build_where_clause_for_insert), so with it only ONE message could be queued at
 * a time and a running worker could never queue its own follow-up. Uniqueness per message is kept here instead, and
 * the message row's claim makes a stray duplicate action harmless.
 */
final class Scheduler {

	public const PROCESS_HOOK = 'modulus_sms_process';
	public const POLL_HOOK    = 'modulus_sms_poll';
	public const SWEEP_HOOK   = 'modulus_sms_sweep';
	public const PROBE_HOOK   = 'modulus_sms_hold_probe';
	public const GROUP        = 'modulus-sms';

	/**
	 * Runs the worker for a message at $timestamp (or now, if earlier).
	 *
	 * @param int $message_id Message row id.
	 * @param int $timestamp  Unix time.
	 */
	public static function process_at( int $message_id, int $timestamp ): void {
		self::schedule_once( self::PROCESS_HOOK, $message_id, $timestamp );
	}

	/**
	 * Queues a message row just written: no action can exist for it yet, so none is looked up.
	 *
	 * @param int $message_id Message row id.
	 * @param int $timestamp  Unix time.
	 */
	public static function first_run_at( int $message_id, int $timestamp ): void {
		if ( function_exists( 'as_schedule_single_action' ) ) {
			as_schedule_single_action( max( $timestamp, time() ), self::PROCESS_HOOK, array( $message_id ), self::GROUP );
		}
	}

	/**
	 * Asks mMP for the status of an accepted message at $timestamp.
	 *
	 * @param int $message_id Message row id.
	 * @param int $timestamp  Unix time.
	 */
	public static function poll_at( int $message_id, int $timestamp ): void {
		self::schedule_once( self::POLL_HOOK, $message_id, $timestamp );
	}

	/**
	 * RFC 3339 time (the core's `send_at`, `at`, `until`) to a Unix timestamp; unreadable means now.
	 *
	 * @param string|null $rfc3339 Time from the core.
	 */
	public static function timestamp( ?string $rfc3339 ): int {
		$ts = is_string( $rfc3339 ) && '' !== $rfc3339 ? strtotime( $rfc3339 ) : false;
		return false === $ts ? time() : (int) $ts;
	}

	/**
	 * Keeps a pending action that already runs early enough; otherwise replaces the pending ones with one at $timestamp.
	 * A running action with the same arguments (the worker that calls us) is left alone.
	 */
	private static function schedule_once( string $hook, int $message_id, int $timestamp ): void {
		if ( ! function_exists( 'as_schedule_single_action' ) ) {
			return;
		}
		$args      = array( $message_id );
		$timestamp = max( $timestamp, time() );
		$pending   = as_get_scheduled_actions(
			array(
				'hook'     => $hook,
				'args'     => $args,
				'group'    => self::GROUP,
				'status'   => \ActionScheduler_Store::STATUS_PENDING,
				'per_page' => 5,
			),
			'ids'
		);
		foreach ( $pending as $action_id ) {
			$action = \ActionScheduler::store()->fetch_action( (int) $action_id );
			$date   = $action->get_schedule()->get_date();
			if ( $date && (int) $date->format( 'U' ) <= $timestamp ) {
				return;
			}
		}
		if ( $pending ) {
			as_unschedule_all_actions( $hook, $args, self::GROUP );
		}
		as_schedule_single_action( $timestamp, $hook, $args, self::GROUP );
	}
}
