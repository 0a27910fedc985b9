<?php
/**
 * My Account → Account details: customers withdraw (or give again) their consent to SMS and Viber messages.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Account;

use Modulus\Sms\Checkout\ConsentField;
use Modulus\Sms\Checkout\ConsentStore;
use Modulus\Sms\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * A checkbox inside WooCommerce's account details form, with its own nonce. Only a change of the box is recorded,
 * so saving a new e-mail address never opts anyone out by accident.
 */
final class ConsentPreferences {

	private const INPUT    = 'modulus_sms_consent';
	private const PREVIOUS = 'modulus_sms_consent_was';
	private const NONCE    = 'modulus_sms_consent_nonce';
	private const ACTION   = 'modulus_sms_account_consent';

	public static function register(): void {
		add_action( 'woocommerce_edit_account_form', array( self::class, 'render' ) );
		add_action( 'woocommerce_save_account_details', array( self::class, 'save' ), 10, 1 );
	}

	public static function render(): void {
		$user_id = get_current_user_id();
		if ( $user_id <= 0 ) {
			return;
		}
		$answer = ConsentStore::customer_answer( $user_id );
		$text   = self::text( $user_id );
		if ( null === $text ) {
			return;
		}
		$checked = true === $answer && ! ConsentStore::customer_opted_out( $user_id );
		?>
		<fieldset class="modulus-sms-account-consent">
			<legend><?php esc_html_e( 'SMS and Viber messages', 'modulus-sms' ); ?></legend>
			<p class="woocommerce-form-row form-row">
				<label class="woocommerce-form__label woocommerce-form__label-for-checkbox">
					<input type="checkbox" class="woocommerce-form__input woocommerce-form__input-checkbox" name="<?php echo esc_attr( self::INPUT ); ?>" id="<?php echo esc_attr( self::INPUT ); ?>" value="1" <?php checked( $checked ); ?> />
					<span><?php echo esc_html( $text ); ?></span>
				</label>
				<input type="hidden" name="<?php echo esc_attr( self::PREVIOUS ); ?>" value="<?php echo $checked ? '1' : '0'; ?>" />
				<?php wp_nonce_field( self::ACTION, self::NONCE ); ?>
			</p>
		</fieldset>
		<?php
	}

	/**
	 * @param int $user_id The customer saving their account details.
	 */
	public static function save( $user_id ): void {
		$user_id = (int) $user_id;
		if ( $user_id <= 0 || $user_id !== get_current_user_id() || ! isset( $_POST[ self::NONCE ] ) ) {
			return;
		}
		if ( ! wp_verify_nonce( sanitize_text_field( wp_unslash( $_POST[ self::NONCE ] ) ), self::ACTION ) ) {
			return;
		}
		$now_checked = ! empty( $_POST[ self::INPUT ] );
		$was_checked = isset( $_POST[ self::PREVIOUS ] ) && '1' === sanitize_text_field( wp_unslash( $_POST[ self::PREVIOUS ] ) );
		if ( $now_checked === $was_checked ) {
			return;
		}
		if ( $now_checked ) {
			ConsentStore::record_customer_answer( $user_id, true, (string) self::text( $user_id ), gmdate( 'Y-m-d\TH:i:s\Z' ) );
		} else {
			ConsentStore::withdraw( $user_id );
		}
	}

	/**
	 * The text beside the box: the configured checkout text, or the one the customer agreed to when consent has
	 * since been switched off (they can still withdraw). Null when there is nothing to show.
	 */
	private static function text( int $user_id ): ?string {
		$active = ConsentField::active_text();
		if ( null !== $active ) {
			return $active;
		}
		$agreed = (string) get_user_meta( $user_id, ConsentStore::USER_TEXT, true );
		if ( '' !== $agreed ) {
			return $agreed;
		}
		$consent = ( new Settings() )->get()['consent'] ?? array();
		return '' !== trim( (string) ( $consent['checkbox_text'] ?? '' ) ) ? (string) $consent['checkbox_text'] : null;
	}
}
