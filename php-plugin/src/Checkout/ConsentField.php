<?php
/**
 * The SMS consent checkbox on the classic (shortcode) checkout.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Checkout;

use Modulus\Sms\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Shows the configured text beside an unticked box above "Place order" and records the answer on the order.
 */
final class ConsentField {

	public const INPUT = 'modulus_sms_consent';

	public static function register(): void {
		add_action( 'woocommerce_review_order_before_submit', array( self::class, 'render' ) );
		add_action( 'woocommerce_checkout_create_order', array( self::class, 'save' ), 10, 2 );
	}

	/**
	 * The checkbox text when consent is switched on, or null when the checkout asks nothing.
	 */
	public static function active_text(): ?string {
		$consent = ( new Settings() )->get()['consent'] ?? array();
		if ( empty( $consent['enabled'] ) ) {
			return null;
		}
		$text = trim( (string) ( $consent['checkbox_text'] ?? '' ) );
		return '' === $text ? null : $text;
	}

	public static function render(): void {
		$text = self::active_text();
		if ( null === $text ) {
			return;
		}
		?>
		<p class="form-row modulus-sms-consent" id="modulus_sms_consent_field">
			<label class="woocommerce-form__label woocommerce-form__label-for-checkbox checkbox">
				<input type="checkbox" class="woocommerce-form__input woocommerce-form__input-checkbox input-checkbox"
					name="<?php echo esc_attr( self::INPUT ); ?>" id="<?php echo esc_attr( self::INPUT ); ?>" value="1"
					<?php checked( self::was_ticked() ); ?> />
				<span><?php echo esc_html( $text ); ?></span>
			</label>
		</p>
		<?php
	}

	/**
	 * Stores the answer while WooCommerce builds the order; WooCommerce saves the order right after this hook.
	 * WooCommerce verified its checkout nonce before calling us.
	 *
	 * @param \WC_Order $order Order being created.
	 * @param array     $data  Posted checkout data (our field is not part of it).
	 */
	public static function save( \WC_Order $order, array $data ): void { // phpcs:ignore Generic.CodeAnalysis.UnusedFunctionParameter.Found
		$text = self::active_text();
		if ( null === $text ) {
			return;
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- verified by WC_Checkout::process_checkout().
		$given = ! empty( $_POST[ self::INPUT ] );
		ConsentStore::record_checkout_answer( $order, $given, $text, 'classic_checkout' );
	}

	/**
	 * Keeps the box ticked when WooCommerce re-renders the payment section after an address change
	 * (update_order_review posts the whole form serialized in `post_data`).
	 */
	private static function was_ticked(): bool {
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- only decides whether a box is pre-ticked.
		if ( isset( $_POST['post_data'] ) && is_string( $_POST['post_data'] ) ) {
			$posted = array();
			wp_parse_str( wp_unslash( $_POST['post_data'] ), $posted );
			return ! empty( $posted[ self::INPUT ] );
		}
		return ! empty( $_POST[ self::INPUT ] );
		// phpcs:enable
	}
}
