<?php
/**
 * Personal data export: the messages sent to a person.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Privacy;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Messages\Repository as Messages;

/**
 * Registered on `wp_privacy_personal_data_exporters`. Exports every message to the person's phone numbers, about their orders or
 * to their account: date, phone, channel, kind, status and text.
 */
final class Exporter {

	public const ID       = 'modulus-sms';
	private const PER_PAGE = 50;

	/**
	 * @param array $exporters Registered exporters.
	 */
	public static function register( array $exporters ): array {
		$exporters[ self::ID ] = array(
			'exporter_friendly_name' => __( 'SMS and Viber messages', 'modulus-sms' ),
			'callback'               => array( self::class, 'export' ),
		);
		return $exporters;
	}

	/**
	 * @param string $email E-mail address of the request.
	 * @param int    $page  1-based page.
	 * @return array{data: array, done: bool}
	 */
	public static function export( string $email, int $page = 1 ): array {
		$person = ( new PersonLookup() )->find( $email );
		$rows   = ( new Messages() )->find_for_person( $person['phones'], $person['order_ids'], $person['customer_id'], $page, self::PER_PAGE );
		$data   = array();
		foreach ( $rows as $row ) {
			$data[] = array(
				'group_id'    => 'modulus-sms-messages',
				'group_label' => __( 'SMS and Viber messages', 'modulus-sms' ),
				'item_id'     => 'modulus-sms-message-' . $row['id'],
				'data'        => array(
					array(
						'name'  => __( 'Date', 'modulus-sms' ),
						'value' => (string) ( $row['sent_at'] ?? $row['created_at'] ),
					),
					array(
						'name'  => __( 'Phone', 'modulus-sms' ),
						'value' => (string) $row['phone'],
					),
					array(
						'name'  => __( 'Channel', 'modulus-sms' ),
						'value' => (string) ( $row['channel'] ?? $row['routing'] ),
					),
					array(
						'name'  => __( 'Kind', 'modulus-sms' ),
						'value' => (string) $row['kind'],
					),
					array(
						'name'  => __( 'Status', 'modulus-sms' ),
						'value' => (string) $row['status'],
					),
					array(
						'name'  => __( 'Order', 'modulus-sms' ),
						'value' => null === $row['order_id'] ? '' : (string) $row['order_id'],
					),
					array(
						'name'  => __( 'Text', 'modulus-sms' ),
						'value' => (string) $row['text'],
					),
				),
			);
		}
		return array(
			'data' => $data,
			'done' => count( $rows ) < self::PER_PAGE,
		);
	}
}
