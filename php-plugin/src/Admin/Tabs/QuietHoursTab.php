<?php
/**
 * Quiet Hours tab.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin\Tabs;

use Modulus\Sms\Admin\FormFields;

defined( 'ABSPATH' ) || exit;

/**
 * A nightly window in which messages wait; quiet-hours.js shows, computed by the core, when a
 * message due right now would go out with the values in the form.
 */
final class QuietHoursTab extends SettingsForm {

	public function slug(): string {
		return 'quiet-hours';
	}

	public function label(): string {
		return __( 'Quiet Hours', 'modulus-sms' );
	}

	public function script_module(): ?string {
		return 'quiet-hours';
	}

	public function script_data(): array {
		return array(
			'locale' => str_replace( '_', '-', get_user_locale() ),
			'i18n'   => array(
				/* translators: %s: date and time. */
				'deferred'  => __( 'A message due now would go at %s.', 'modulus-sms' ),
				'immediate' => __( 'A message due now would go at once.', 'modulus-sms' ),
				/* translators: %s: the error. */
				'invalid'   => __( 'No preview: %s', 'modulus-sms' ),
			),
		);
	}

	/** @return array<string,string> Message kinds that quiet hours can apply to. */
	public static function kinds(): array {
		return array(
			'order_status'  => __( 'Order status messages', 'modulus-sms' ),
			'back_in_stock' => __( 'Back-in-stock messages', 'modulus-sms' ),
			'bulk'          => __( 'Bulk messages', 'modulus-sms' ),
			'manual'        => __( 'Messages sent by hand', 'modulus-sms' ),
		);
	}

	public function read_submission( array $submitted ): array {
		return self::present(
			array(
				'quiet_hours' => array(
					'enabled'    => self::bool_field( $submitted, 'quiet_hours.enabled' ),
					'start'      => self::text_field( $submitted, 'quiet_hours.start' ),
					'end'        => self::text_field( $submitted, 'quiet_hours.end' ),
					'timezone'   => self::text_field( $submitted, 'quiet_hours.timezone' ),
					'applies_to' => self::list_field( $submitted, 'quiet_hours.applies_to' ),
				),
			)
		);
	}

	protected function render_intro(): void {
		printf( '<p>%s</p>', esc_html__( 'Messages that fall inside the window wait until it ends. The window may cross midnight.', 'modulus-sms' ) );
	}

	protected function render_fields( FormFields $fields ): void {
		$fields->checkbox(
			'quiet_hours.enabled',
			__( 'Quiet hours', 'modulus-sms' ),
			$this->flag( 'quiet_hours.enabled' ),
			__( 'Hold messages during the quiet window', 'modulus-sms' )
		);
		$fields->input( 'quiet_hours.start', __( 'From', 'modulus-sms' ), $this->value( 'quiet_hours.start' ), '', array( 'type' => 'time', 'class' => '' ) );
		$fields->input( 'quiet_hours.end', __( 'Until', 'modulus-sms' ), $this->value( 'quiet_hours.end' ), '', array( 'type' => 'time', 'class' => '' ) );
		$timezone = $this->value( 'quiet_hours.timezone' );
		$fields->select(
			'quiet_hours.timezone',
			__( 'Time zone', 'modulus-sms' ),
			'' === $timezone ? wp_timezone_string() : $timezone,
			self::timezones(),
			__( 'Defaults to the site’s time zone.', 'modulus-sms' )
		);
		$applies = $this->values()['quiet_hours']['applies_to'] ?? array();
		$fields->checkbox_list(
			'quiet_hours.applies_to',
			__( 'Applies to', 'modulus-sms' ),
			is_array( $applies ) ? array_map( 'strval', $applies ) : array(),
			self::kinds()
		);
	}

	protected function render_after_table(): void {
		echo '<p id="modulus-sms-quiet-preview" class="modulus-sms-preview-line" role="status" aria-live="polite"></p>';
	}

	/** @return array<string,string> IANA zone names (the core's time zone database uses these). */
	private static function timezones(): array {
		$zones = \DateTimeZone::listIdentifiers();
		$site  = wp_timezone_string();
		// A site set to a bare UTC offset has no IANA name; keep it selectable so the form shows the truth.
		if ( ! in_array( $site, $zones, true ) ) {
			$zones[] = $site;
		}
		return array_combine( $zones, $zones );
	}
}
