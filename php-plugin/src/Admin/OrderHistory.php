<?php
/**
 * The message history of one order, as the "modulus SMS" box shows it.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Admin;

use Modulus\Sms\Messages\Repository;

defined( 'ABSPATH' ) || exit;

/**
 * One renderer for the box and its REST replies: time, channel, status, segments, text, error, and the fallback chain
 * read from the attempts (e.g. "Viber accepted → Viber expired → SMS accepted → SMS delivered").
 */
final class OrderHistory {

	private const LIMIT = 100;

	/** @return list<array> The order's messages, newest first. */
	public static function rows( int $order_id ): array {
		return ( new Repository() )->query( array( 'order_id' => $order_id ), 1, self::LIMIT )['rows'] ?? array();
	}

	/**
	 * The `<tbody>` content for the rows.
	 *
	 * @param list<array> $rows Message rows.
	 */
	public static function table_body( array $rows ): string {
		if ( ! $rows ) {
			return sprintf( '<tr class="modulus-sms-history-empty"><td colspan="8">%s</td></tr>', esc_html__( 'No messages for this order yet.', 'modulus-sms' ) );
		}
		$html = '';
		foreach ( $rows as $row ) {
			$html .= self::row_html( $row );
		}
		return $html;
	}

	private static function row_html( array $row ): string {
		$resend = '' === trim( (string) ( $row['text'] ?? '' ) ) ? '' : sprintf(
			'<button type="button" class="button button-small modulus-sms-resend" data-message-id="%1$d">%2$s</button>',
			(int) $row['id'],
			esc_html__( 'Resend', 'modulus-sms' )
		);
		$cells = array(
			'time'     => esc_html( self::local_time( ! empty( $row['sent_at'] ) ? $row['sent_at'] : ( $row['created_at'] ?? null ) ) ),
			'channel'  => esc_html( self::channel_label( (string) ( $row['channel'] ?? '' ), (string) ( $row['routing'] ?? '' ) ) ),
			'status'   => sprintf( '<mark class="modulus-sms-status status-%1$s">%2$s</mark>', esc_attr( (string) $row['status'] ), esc_html( self::status_label( $row ) ) ),
			'segments' => esc_html( null === ( $row['segments'] ?? null ) ? '–' : (string) $row['segments'] ),
			'text'     => esc_html( (string) ( $row['text'] ?? '' ) ),
			'error'    => esc_html( (string) ( $row['error'] ?? '' ) ),
			'chain'    => esc_html( self::chain( $row['attempts'] ?? array() ) ),
			'actions'  => $resend,
		);
		$html = sprintf( '<tr data-message-id="%1$d" data-status="%2$s">', (int) $row['id'], esc_attr( (string) $row['status'] ) );
		foreach ( $cells as $name => $cell ) {
			$html .= sprintf( '<td class="column-%1$s">%2$s</td>', esc_attr( $name ), $cell );
		}
		return $html . '</tr>';
	}

	/** Status, with the skip or hold reason when there is one. */
	private static function status_label( array $row ): string {
		$status = (string) $row['status'];
		$reason = (string) ( $row['reason'] ?? '' );
		return '' === $reason ? $status : sprintf( '%s (%s)', $status, $reason );
	}

	/**
	 * @param mixed $attempts Attempts list (route attempts and status events, oldest first).
	 */
	public static function chain( $attempts ): string {
		$steps = array();
		foreach ( is_array( $attempts ) ? $attempts : array() as $attempt ) {
			if ( ! is_array( $attempt ) || empty( $attempt['outcome'] ) ) {
				continue;
			}
			$steps[] = self::channel_label( (string) ( $attempt['channel'] ?? '' ), '' ) . ' ' . $attempt['outcome'];
		}
		return implode( ' → ', $steps );
	}

	private static function channel_label( string $channel, string $routing ): string {
		$labels = array(
			'sms'       => 'SMS',
			'viber'     => 'Viber',
			'viber2sms' => 'Viber → SMS',
		);
		if ( '' !== $channel ) {
			return $labels[ $channel ] ?? $channel;
		}
		return $labels[ $routing ] ?? $routing;
	}

	/** UTC RFC 3339 from the store → the site's date and time format. */
	private static function local_time( ?string $utc ): string {
		$ts = $utc ? strtotime( $utc ) : false;
		return false === $ts ? '' : wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $ts );
	}
}
