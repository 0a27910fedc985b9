<?php
/**
 * Private order notes for what happened to an order's messages, so the order's own timeline tells the story.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Orders;

defined( 'ABSPATH' ) || exit;

/**
 * One note per send, failure or skip; delivery receipts live in the message history, not in notes.
 */
final class OrderNotes {

	/**
	 * Adds the note that fits the message's new status, if it belongs to an order.
	 *
	 * @param array $row The message row after the change.
	 */
	public static function message_changed( array $row ): void {
		$order = empty( $row['order_id'] ) ? null : wc_get_order( (int) $row['order_id'] );
		if ( ! $order ) {
			return;
		}
		$note = self::note_for( $row );
		if ( '' !== $note ) {
			$order->add_order_note( $note, 0, false );
		}
	}

	private static function note_for( array $row ): string {
		$channel = self::channel_label( (string) ( $row['channel'] ?? '' ) );
		$phone   = (string) ( $row['phone'] ?? '' );
		switch ( $row['status'] ?? '' ) {
			case 'sent':
			case 'awaiting_status':
				return sprintf(
					/* translators: 1: SMS or Viber, 2: phone number, 3: provider message id */
					__( 'modulus SMS: %1$s message sent to %2$s (mMP id %3$s).', 'modulus-sms' ),
					$channel,
					$phone,
					(string) ( $row['provider_id'] ?? '' )
				);
			case 'failed':
				return sprintf(
					/* translators: 1: phone number, 2: error */
					__( 'modulus SMS: the message to %1$s could not be sent: %2$s', 'modulus-sms' ),
					$phone,
					(string) ( $row['error'] ?: ( $row['reason'] ?? '' ) )
				);
			case 'skipped':
				return sprintf(
					/* translators: 1: message kind, 2: reason code */
					__( 'modulus SMS: %1$s message not sent (%2$s).', 'modulus-sms' ),
					(string) ( $row['kind'] ?? '' ),
					(string) ( $row['reason'] ?? '' )
				);
		}
		return '';
	}

	private static function channel_label( string $channel ): string {
		return 'viber' === $channel ? 'Viber' : 'SMS';
	}
}
