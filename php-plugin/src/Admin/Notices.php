<?php
/**
 * Notices at the top of the SMS Settings screen.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin;

use Modulus\Sms\Admin\Tabs\SettingsForm;
use Modulus\Sms\Admin\Tabs\Tab;
use Modulus\Sms\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The outcome of the last save, a held queue, and a plugin build without its browser core.
 */
final class Notices {

	public function __construct( private Settings $settings ) {
	}

	/**
	 * @param Tab                      $tab   The open tab.
	 * @param array<string,mixed>|null $flash The pending form outcome, if any.
	 */
	public function render( Tab $tab, ?array $flash ): void {
		$this->render_hold();
		if ( ! Assets::core_is_built() ) {
			self::notice( 'error', __( 'The browser part of the messaging core is missing from this copy of the plugin, so previews and segment counts cannot be shown. Reinstall the plugin from a complete build.', 'modulus-sms' ) );
		}
		if ( null === $flash || ( $flash['tab'] ?? '' ) !== $tab->slug() ) {
			return;
		}
		if ( $tab instanceof SettingsForm ) {
			$tab->receive_flash( $flash );
		}
		if ( 'success' === $flash['type'] ) {
			self::notice( 'success', __( 'Settings saved.', 'modulus-sms' ) );
		} else {
			/* translators: %s: the validation message. */
			self::notice( 'error', sprintf( __( 'The settings were not saved: %s', 'modulus-sms' ), (string) ( $flash['message'] ?? '' ) ) );
		}
	}

	/** Prints one standard, dismissible admin notice. */
	public static function notice( string $type, string $message ): void {
		printf(
			'<div class="notice notice-%1$s is-dismissible"><p>%2$s</p></div>',
			esc_attr( $type ),
			esc_html( $message )
		);
	}

	/** The queue stops on bad credentials or no balance; say so on every tab until it resumes. */
	private function render_hold(): void {
		$held = $this->settings->get()['held'] ?? null;
		if ( ! is_array( $held ) || empty( $held['reason'] ) ) {
			return;
		}
		$reason = 'no_balance' === $held['reason']
			? __( 'the mMP account has no balance left', 'modulus-sms' )
			: __( 'mMP rejected the API token', 'modulus-sms' );
		self::notice(
			'warning',
			/* translators: %s: why sending stopped. */
			sprintf( __( 'Sending is on hold because %s. Messages are kept and go out once the problem is fixed.', 'modulus-sms' ), $reason )
		);
	}
}
