<?php
/**
 * Asks mMP what became of an accepted message when no delivery report has told us yet.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Queue;

use Modulus\Sms\Messages\Repository;
use Modulus\Sms\Mmp\Client;

defined( 'ABSPATH' ) || exit;

/**
 * Records a final status as a status event on the row, then lets the worker ask the route again: a delivered or
 * read message is done, a failed or expired Viber message (or one past the fallback timeout) goes out as SMS.
 */
final class StatusPoller {

	/** Provider statuses that end a message's life on its channel. */
	private const FINAL_OUTCOMES = array( 'delivered', 'read', 'failed', 'expired' );

	/**
	 * Action Scheduler callback for `modulus_sms_poll`.
	 *
	 * @param int|string $message_id Message row id.
	 */
	public static function poll( $message_id ): void {
		$message_id = (int) $message_id;
		$row        = ( new Repository() )->find( $message_id );
		if ( ! $row || 'awaiting_status' !== $row['status'] || empty( $row['provider_id'] ) ) {
			return;
		}

		$status  = ( new Client() )->status( (string) $row['provider_id'] );
		$outcome = (string) ( $status['outcome'] ?? '' );
		if ( in_array( $outcome, self::FINAL_OUTCOMES, true ) ) {
			StatusEvents::record( $row, $outcome, 'poll' );
		}

		// Even without news the route is asked again: past the fallback timeout it sends the SMS,
		// before it the worker queues the next poll.
		Worker::run( $message_id );
	}
}
