<?php
/**
 * Pausing all sending when mMP refuses the credentials (401) or the account has no balance (402), and resuming.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Queue;

use Modulus\Sms\Messages\Repository;
use Modulus\Sms\Mmp\Client;
use Modulus\Sms\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * While held, workers park their rows as `held` instead of sending. The hold ends when the owner changes the
 * connection settings (a new token, URL or sender) or when a periodic balance probe succeeds (a topped-up account);
 * then every held message is queued again, with its original uuid, so nothing is lost and nothing doubles.
 */
final class Hold {

	/** Set with add_option(), which fails when the row exists: only one worker engages a hold and mails the admin. */
	private const LOCK_OPTION = 'modulus_sms_hold_lock';

	/** Reason and time of the last e-mail, so a hold that comes straight back does not flood the admin's inbox. */
	private const MAIL_OPTION = 'modulus_sms_hold_mail';

	/** Settings whose change may fix a hold. */
	private const CONNECTION_KEYS = array( 'api_url', 'api_token', 'sender_id', 'routing' );

	private const PROBE_INTERVAL = 600;
	private const MAIL_AGAIN_AFTER = DAY_IN_SECONDS;

	private static bool $resuming = false;

	public static function register(): void {
		add_action( 'update_option_' . Settings::OPTION, array( self::class, 'on_settings_updated' ), 10, 2 );
		add_action( Scheduler::PROBE_HOOK, array( self::class, 'probe' ) );
		add_action( 'admin_notices', array( self::class, 'render_notice' ) );
	}

	/** The current hold, or null when sending runs. */
	public static function current(): ?array {
		$held = ( new Settings() )->get()['held'] ?? null;
		return is_array( $held ) && ! empty( $held['reason'] ) ? $held : null;
	}

	public static function is_active(): bool {
		return null !== self::current();
	}

	/**
	 * Stops the queue. Idempotent: concurrent workers hitting the same 401 engage it once and send one e-mail.
	 *
	 * @param string $reason unauthorized | no_balance.
	 */
	public static function engage( string $reason ): void {
		$reason = 'no_balance' === $reason ? 'no_balance' : 'unauthorized';
		if ( ! add_option( self::LOCK_OPTION, (string) time(), '', false ) ) {
			if ( self::is_active() ) {
				return;
			}
			// A lock left by a hold that was cleared elsewhere (the settings screen, a restore): take it afresh.
			delete_option( self::LOCK_OPTION );
			if ( ! add_option( self::LOCK_OPTION, (string) time(), '', false ) ) {
				return;
			}
		}
		self::store_hold(
			array(
				'reason' => $reason,
				'since'  => gmdate( 'Y-m-d\TH:i:s\Z' ),
			)
		);
		self::mail_admin_once( $reason );
		if ( function_exists( 'as_schedule_single_action' ) ) {
			as_schedule_single_action( time() + self::PROBE_INTERVAL, Scheduler::PROBE_HOOK, array(), Scheduler::GROUP );
		}
	}

	/**
	 * Ends the hold and queues every held message now.
	 */
	public static function resume(): void {
		if ( self::$resuming ) {
			return;
		}
		self::$resuming = true;
		try {
			self::store_hold( null );
			delete_option( self::LOCK_OPTION );
			if ( function_exists( 'as_unschedule_all_actions' ) ) {
				as_unschedule_all_actions( Scheduler::PROBE_HOOK, array(), Scheduler::GROUP );
			}
			self::requeue_held();
		} finally {
			self::$resuming = false;
		}
	}

	/**
	 * `update_option_modulus_sms_settings`: a change of the connection settings may be the fix, so try again.
	 * If it was not, the first send fails the same way and the hold comes back (without a second e-mail).
	 * A hold cleared by hand resumes too.
	 *
	 * @param mixed $old Previous option value.
	 * @param mixed $new New option value.
	 */
	public static function on_settings_updated( $old, $new ): void {
		// An option never saved in full lacks keys: they held their defaults, which is not a change.
		$old = array_merge( ( new Settings() )->defaults(), is_array( $old ) ? $old : array() );
		if ( self::$resuming || ! is_array( $new ) ) {
			return;
		}
		if ( empty( $new['held'] ) ) {
			if ( ! empty( $old['held'] ) ) {
				self::resume(); // cleared by hand: the held messages still have to go out
			}
			return;
		}
		foreach ( self::CONNECTION_KEYS as $key ) {
			if ( ( $old[ $key ] ?? null ) !== ( $new[ $key ] ?? null ) ) {
				self::resume();
				return;
			}
		}
	}

	/**
	 * Action Scheduler callback: while held, ask mMP for the balance now and then; a good answer ends the hold.
	 */
	public static function probe(): void {
		if ( ! self::is_active() ) {
			return;
		}
		$held    = self::current();
		$balance = ( new Client() )->balance();
		$fixed   = ! empty( $balance['ok'] ) && ( 'no_balance' !== ( $held['reason'] ?? '' ) || (float) ( $balance['balance'] ?? 0 ) > 0 );
		if ( $fixed ) {
			self::resume();
			return;
		}
		as_schedule_single_action( time() + self::PROBE_INTERVAL, Scheduler::PROBE_HOOK, array(), Scheduler::GROUP );
	}

	/**
	 * The persistent notice on every admin screen (the SMS Settings screen shows its own).
	 */
	public static function render_notice(): void {
		$held = self::current();
		if ( null === $held || ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only decides where a notice shows.
		if ( isset( $_GET['page'] ) && 'modulus-sms' === sanitize_key( wp_unslash( $_GET['page'] ) ) ) {
			return;
		}
		printf(
			'<div class="notice notice-error modulus-sms-hold-notice"><p><strong>%1$s</strong> %2$s <a href="%3$s">%4$s</a></p></div>',
			esc_html__( 'modulus SMS: sending is on hold.', 'modulus-sms' ),
			esc_html( self::explain( (string) $held['reason'] ) ),
			esc_url( admin_url( 'admin.php?page=modulus-sms' ) ),
			esc_html__( 'Open SMS Settings', 'modulus-sms' )
		);
	}

	private static function explain( string $reason ): string {
		return 'no_balance' === $reason
			? __( 'The mMP account has no balance left. Messages are kept and go out automatically once the account is topped up.', 'modulus-sms' )
			: __( 'mMP rejected the API token. Messages are kept and go out automatically once the token is fixed.', 'modulus-sms' );
	}

	private static function store_hold( ?array $held ): void {
		$result = ( new Settings() )->update( array( 'held' => $held ) );
		if ( is_wp_error( $result ) ) {
			// Another stored setting fails validation (e.g. a deleted template): the hold must still be recorded.
			$stored         = get_option( Settings::OPTION, array() );
			$stored         = is_array( $stored ) ? $stored : array();
			$stored['held'] = $held;
			update_option( Settings::OPTION, $stored, true );
		}
	}

	/**
	 * Queues every held message. The rows stay `held` until their worker runs: that status tells the dispatcher to
	 * leave the refused attempts out of the route's history, so the message is tried afresh with its own uuid.
	 */
	private static function requeue_held(): void {
		$messages = new Repository();
		for ( $page = 1; $page <= 1000; $page++ ) {
			$rows = $messages->query( array( 'status' => 'held' ), $page, 100 )['rows'] ?? array();
			foreach ( $rows as $row ) {
				Scheduler::process_at( (int) $row['id'], time() );
			}
			if ( count( $rows ) < 100 ) {
				return;
			}
		}
	}

	private static function mail_admin_once( string $reason ): void {
		$last = get_option( self::MAIL_OPTION );
		if ( is_array( $last ) && ( $last['reason'] ?? '' ) === $reason && time() - (int) ( $last['at'] ?? 0 ) < self::MAIL_AGAIN_AFTER ) {
			return;
		}
		update_option(
			self::MAIL_OPTION,
			array(
				'reason' => $reason,
				'at'     => time(),
			),
			false
		);
		$site = wp_specialchars_decode( get_bloginfo( 'name' ), ENT_QUOTES );
		wp_mail(
			(string) get_option( 'admin_email' ),
			/* translators: %s: site name */
			sprintf( __( '[%s] SMS and Viber sending is on hold', 'modulus-sms' ), $site ),
			self::explain( $reason ) . "\n\n" . admin_url( 'admin.php?page=modulus-sms' )
		);
	}
}
