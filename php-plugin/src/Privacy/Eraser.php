<?php
/**
 * Personal data erasure: anonymise the messages sent to a person.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Privacy;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Messages\Repository as Messages;
use Modulus\Sms\Messages\RowFormat;

/**
 * Registered on `wp_privacy_personal_data_erasers`. Rows stay (the shop keeps its counts and costs) but lose the phone number,
 * the texts and the error details; a message still waiting to go out is skipped, so a "[deleted]" text is never sent.
 */
final class Eraser {

	public const ID       = 'modulus-sms';
	private const PER_PAGE = 50;

	/**
	 * @param array $erasers Registered erasers.
	 */
	public static function register( array $erasers ): array {
		$erasers[ self::ID ] = array(
			'eraser_friendly_name' => __( 'SMS and Viber messages', 'modulus-sms' ),
			'callback'             => array( self::class, 'erase' ),
		);
		return $erasers;
	}

	/**
	 * Always works on the first page of rows not yet anonymised: erasing shrinks that set, so offsets would skip rows.
	 *
	 * @param string $email E-mail address of the request.
	 * @param int    $page  1-based page (unused, see above).
	 * @return array{items_removed: bool, items_retained: bool, messages: string[], done: bool}
	 */
	public static function erase( string $email, int $page = 1 ): array {
		$marker   = self::marker();
		$person   = ( new PersonLookup() )->find( $email );
		$messages = new Messages();
		$rows     = $messages->find_for_person( $person['phones'], $person['order_ids'], $person['customer_id'], 1, self::PER_PAGE, $marker );
		foreach ( $rows as $row ) {
			$messages->update( (int) $row['id'], self::anonymised( $row, $marker ) );
		}
		return array(
			'items_removed'  => array() !== $rows,
			'items_retained' => false,
			'messages'       => array(),
			'done'           => count( $rows ) < self::PER_PAGE,
		);
	}

	/**
	 * The changes that anonymise one row.
	 *
	 * @param array  $row    Row.
	 * @param string $marker Replacement text.
	 */
	private static function anonymised( array $row, string $marker ): array {
		$attempts = array_map(
			static function ( array $attempt ): array {
				unset( $attempt['error'] );
				return $attempt;
			},
			$row['attempts']
		);
		$changes  = array(
			'phone'    => '',
			'text'     => $marker,
			'sms_text' => null === $row['sms_text'] ? null : $marker,
			'error'    => null,
			'attempts' => $attempts,
		);
		if ( ! in_array( $row['status'], RowFormat::FINAL_STATUSES, true ) ) {
			$changes['status'] = 'skipped';
			$changes['reason'] = 'erased';
		}
		return $changes;
	}

	private static function marker(): string {
		return function_exists( 'wp_privacy_anonymize_data' ) ? (string) wp_privacy_anonymize_data( 'text' ) : '[deleted]';
	}
}
