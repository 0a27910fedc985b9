<?php
/**
 * SMS Consent tab.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin\Tabs;

use Modulus\Sms\Admin\FormFields;

defined( 'ABSPATH' ) || exit;

/**
 * The checkout consent checkbox and whether order updates need it.
 */
final class ConsentTab extends SettingsForm {

	public function slug(): string {
		return 'consent';
	}

	public function label(): string {
		return __( 'SMS Consent', 'modulus-sms' );
	}

	public function read_submission( array $submitted ): array {
		return self::present(
			array(
				'consent' => array(
					'enabled'                    => self::bool_field( $submitted, 'consent.enabled' ),
					'checkbox_text'              => self::text_field( $submitted, 'consent.checkbox_text' ),
					'required_for_order_updates' => self::bool_field( $submitted, 'consent.required_for_order_updates' ),
				),
			)
		);
	}

	protected function render_intro(): void {
		printf( '<p>%s</p>', esc_html__( 'Ask for consent at checkout (classic and block checkout). Customers who opted out get no messages except tests.', 'modulus-sms' ) );
	}

	protected function render_fields( FormFields $fields ): void {
		$fields->checkbox(
			'consent.enabled',
			__( 'Consent checkbox', 'modulus-sms' ),
			$this->flag( 'consent.enabled' ),
			__( 'Show a consent checkbox at checkout', 'modulus-sms' )
		);
		$fields->input(
			'consent.checkbox_text',
			__( 'Checkbox text', 'modulus-sms' ),
			$this->value( 'consent.checkbox_text' ),
			__( 'What the shopper agrees to, shown beside the checkbox.', 'modulus-sms' ),
			array( 'class' => 'large-text', 'maxlength' => '250' )
		);
		$fields->checkbox(
			'consent.required_for_order_updates',
			__( 'Order updates', 'modulus-sms' ),
			$this->flag( 'consent.required_for_order_updates' ),
			__( 'Send order status messages only to customers who ticked the box', 'modulus-sms' )
		);
	}
}
