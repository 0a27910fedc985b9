<?php
/**
 * Status events (delivered, read, failed, expired) appended to a message's attempts, from reports or polls.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Queue;

use Modulus\Sms\Messages\Repository;

defined( 'ABSPATH' ) || exit;

/**
 * Reports may come twice or out of order: an event already known, or older than what is known for the same provider
 * message, is dropped, so a final status is never overwritten by an earlier one.
 */
final class StatusEvents {

	/**
	 * How far along a provider message is; a report is kept only if it moves it forward.
	 * `read` follows `delivered` on Viber; failed and expired are as final as read.
	 */
	private const RANK = array(
		'delivered' => 1,
		'read'      => 2,
		'failed'    => 2,
		'expired'   => 2,
	);

	/**
	 * Appends a status event unless it is a duplicate or stale.
	 *
	 * @param array       $row         The message row.
	 * @param string      $outcome     delivered | read | failed | expired.
	 * @param string      $source      dlr | poll.
	 * @param string|null $provider_id The provider message the event is about (default: the row's current one).
	 * @param string|null $channel     Channel the provider reported (default: the row's current one).
	 * @return bool Whether the event was new and recorded.
	 */
	public static function record( array $row, string $outcome, string $source, ?string $provider_id = null, ?string $channel = null ): bool {
		if ( ! isset( self::RANK[ $outcome ] ) ) {
			return false;
		}
		$provider_id = $provider_id ?? (string) ( $row['provider_id'] ?? '' );
		if ( self::known_rank( $row, $provider_id ) >= self::RANK[ $outcome ] ) {
			return false;
		}
		( new Repository() )->append_attempt(
			(int) $row['id'],
			array(
				'channel'     => $channel ?: (string) ( $row['channel'] ?? '' ),
				'outcome'     => $outcome,
				'at'          => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'provider_id' => $provider_id,
				'source'      => $source,
			)
		);
		return true;
	}

	/**
	 * The furthest status already recorded for a provider message (0: none).
	 */
	private static function known_rank( array $row, string $provider_id ): int {
		$known = 0;
		foreach ( self::attempts_of( $row ) as $attempt ) {
			$outcome = (string) ( $attempt['outcome'] ?? '' );
			if ( isset( self::RANK[ $outcome ] ) && (string) ( $attempt['provider_id'] ?? '' ) === $provider_id ) {
				$known = max( $known, self::RANK[ $outcome ] );
			}
		}
		return $known;
	}

	/** @return list<array> The row's attempts, decoded if the repository hands them over as JSON. */
	public static function attempts_of( array $row ): array {
		$attempts = $row['attempts'] ?? array();
		if ( is_string( $attempts ) ) {
			$attempts = json_decode( $attempts, true );
		}
		return is_array( $attempts ) ? array_values( array_filter( $attempts, 'is_array' ) ) : array();
	}
}
