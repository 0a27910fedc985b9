<?php
/**
 * Saves the settings tabs' forms posted to admin-post.php.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin;

use Modulus\Sms\Admin\Tabs\SettingsFormTab;
use Modulus\Sms\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Checks the nonce and capability, lets the tab read its fields, hands the partial settings to
 * Settings::update() (which validates), and redirects back to the tab with the outcome.
 */
final class SettingsFormHandler {

	public const ACTION = 'modulus_sms_save_settings';

	/** Keys whose values are secrets: never kept in the flash that re-fills the form. */
	private const SECRET_KEYS = array( 'api_token', 'api_secret' );

	/**
	 * @param array<string,SettingsFormTab> $tabs     The settings tabs by slug.
	 * @param Settings                      $settings The settings store.
	 */
	public function __construct( private array $tabs, private Settings $settings ) {
	}

	/** The nonce action of one tab's form. */
	public static function nonce_action( string $tab ): string {
		return self::ACTION . '_' . $tab;
	}

	/** Handles `admin-post.php?action=modulus_sms_save_settings`. */
	public function handle(): void {
		if ( ! current_user_can( SettingsPage::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to change these settings.', 'modulus-sms' ), '', array( 'response' => 403 ) );
		}
		$slug = isset( $_POST['tab'] ) ? sanitize_key( wp_unslash( $_POST['tab'] ) ) : '';
		if ( ! isset( $this->tabs[ $slug ] ) ) {
			wp_die( esc_html__( 'Unknown settings form.', 'modulus-sms' ), '', array( 'response' => 400 ) );
		}
		check_admin_referer( self::nonce_action( $slug ) );

		// Each tab sanitizes the fields it owns; nothing else of $_POST is read.
		$partial = $this->tabs[ $slug ]->read_submission( wp_unslash( $_POST ) ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized
		$result  = $this->settings->update( $partial );

		if ( is_wp_error( $result ) ) {
			$data = $result->get_error_data();
			FormFlash::failed(
				$slug,
				$result->get_error_message(),
				is_array( $data ) && isset( $data['field'] ) ? (string) $data['field'] : '',
				array_diff_key( $partial, array_flip( self::SECRET_KEYS ) )
			);
		} else {
			FormFlash::saved( $slug );
		}
		wp_safe_redirect( SettingsPage::url( $slug ) );
		exit;
	}
}
