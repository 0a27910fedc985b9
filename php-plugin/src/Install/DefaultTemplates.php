<?php
/**
 * The templates a new shop starts with.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Install;

defined( 'ABSPATH' ) || exit;

/**
 * One Greek and one English template per common order status. They are shop content, not interface text, so they are not passed
 * through gettext: the Greek ones stay Greek and the English ones English whatever the admin's language. They use only the order
 * variables first_name, order_number, order_total and shop_name.
 */
final class DefaultTemplates {

	/** Statuses that send automatically out of the box (the others are mapped but off). */
	public const ENABLED_STATUSES = array( 'processing', 'completed' );

	/**
	 * @return array<string, array<string, array{title: string, body: string}>> language => status slug => template.
	 */
	public static function all(): array {
		return array(
			'el' => array(
				'processing' => array(
					'title' => 'Σε επεξεργασία (EL)',
					'body'  => 'Γεια σας {first_name}, λάβαμε την παραγγελία σας #{order_number} ({order_total}) και την ετοιμάζουμε. {shop_name}',
				),
				'completed'  => array(
					'title' => 'Ολοκληρώθηκε (EL)',
					'body'  => 'Γεια σας {first_name}, η παραγγελία σας #{order_number} ολοκληρώθηκε. Ευχαριστούμε που ψωνίσατε από το {shop_name}!',
				),
				'on-hold'    => array(
					'title' => 'Σε αναμονή (EL)',
					'body'  => 'Γεια σας {first_name}, η παραγγελία σας #{order_number} είναι σε αναμονή μέχρι να επιβεβαιωθεί η πληρωμή. {shop_name}',
				),
				'cancelled'  => array(
					'title' => 'Ακυρώθηκε (EL)',
					'body'  => 'Γεια σας {first_name}, η παραγγελία σας #{order_number} ακυρώθηκε. Για απορίες επικοινωνήστε μαζί μας. {shop_name}',
				),
				'refunded'   => array(
					'title' => 'Επιστροφή χρημάτων (EL)',
					'body'  => 'Γεια σας {first_name}, επιστρέψαμε το ποσό της παραγγελίας σας #{order_number} ({order_total}). {shop_name}',
				),
			),
			'en' => array(
				'processing' => array(
					'title' => 'Processing (EN)',
					'body'  => 'Hi {first_name}, we received your order #{order_number} ({order_total}) and are preparing it. {shop_name}',
				),
				'completed'  => array(
					'title' => 'Completed (EN)',
					'body'  => 'Hi {first_name}, your order #{order_number} is complete. Thank you for shopping at {shop_name}!',
				),
				'on-hold'    => array(
					'title' => 'On hold (EN)',
					'body'  => 'Hi {first_name}, your order #{order_number} is on hold until we confirm your payment. {shop_name}',
				),
				'cancelled'  => array(
					'title' => 'Cancelled (EN)',
					'body'  => 'Hi {first_name}, your order #{order_number} has been cancelled. Contact us if you have any questions. {shop_name}',
				),
				'refunded'   => array(
					'title' => 'Refunded (EN)',
					'body'  => 'Hi {first_name}, we refunded your order #{order_number} ({order_total}). {shop_name}',
				),
			),
		);
	}

	/**
	 * The language whose templates the order statuses use: Greek on a Greek site, English elsewhere.
	 *
	 * @param string $locale Site locale, e.g. el or en_US.
	 */
	public static function language_for( string $locale ): string {
		return str_starts_with( strtolower( $locale ), 'el' ) ? 'el' : 'en';
	}
}
