<?php
/**
 * Test SMS tab: send one message at once and show what happened.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin\Tabs;

use Modulus\Sms\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The form posts to REST `POST test` from the browser (test-sms.js), so the outcome —
 * the provider's message id and segments, or the exact error — appears without a reload.
 */
final class TestSmsTab implements Tab {

	public function __construct( private Settings $settings ) {
	}

	public function slug(): string {
		return 'test';
	}

	public function label(): string {
		return __( 'Test SMS', 'modulus-sms' );
	}

	public function script_module(): ?string {
		return 'test-sms';
	}

	public function script_data(): array {
		$settings = $this->settings->get();
		return array(
			'transliterate'  => ! empty( $settings['gsm7_transliterate'] ),
			'defaultCountry' => (string) ( $settings['default_country'] ?? '' ),
			'i18n'           => array(
				/* translators: %s: phone number in international format. */
				'sendsTo'         => __( 'Will be sent to %s', 'modulus-sms' ),
				/* translators: %s: phone number in international format. */
				'sendsToLandline' => __( 'Will be sent to %s (this does not look like a mobile number)', 'modulus-sms' ),
				'sending'         => __( 'Sending…', 'modulus-sms' ),
				/* translators: 1: the provider's message id, 2: number of SMS parts. */
				'sent'            => __( 'Sent. Message id: %1$s, segments: %2$s', 'modulus-sms' ),
				/* translators: %s: the error. */
				'failed'          => __( 'Not sent: %s', 'modulus-sms' ),
				'missingTo'       => __( 'Enter the phone number to send to.', 'modulus-sms' ),
				'missingText'     => __( 'Enter the text of the message.', 'modulus-sms' ),
				'unknown'         => __( 'unknown', 'modulus-sms' ),
			),
		);
	}

	public function render(): void {
		?>
		<form id="modulus-sms-test-form" class="modulus-sms-test-form" novalidate>
			<p><?php esc_html_e( 'The message is sent at once with the saved settings, ignoring quiet hours and consent.', 'modulus-sms' ); ?></p>
			<table class="form-table" role="presentation"><tbody>
				<tr>
					<th scope="row"><label for="modulus-sms-test-to"><?php esc_html_e( 'Phone number', 'modulus-sms' ); ?></label></th>
					<td>
						<input type="tel" id="modulus-sms-test-to" name="to" class="regular-text" autocomplete="off" placeholder="+30 69…" required />
						<p class="modulus-sms-counter" id="modulus-sms-test-to-normalized" aria-live="polite"></p>
						<p class="description"><?php esc_html_e( 'In international format, or local to the default country.', 'modulus-sms' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="modulus-sms-test-channel"><?php esc_html_e( 'Channel', 'modulus-sms' ); ?></label></th>
					<td>
						<select id="modulus-sms-test-channel" name="channel">
							<option value=""><?php esc_html_e( 'As the Routing Option', 'modulus-sms' ); ?></option>
							<option value="sms"><?php esc_html_e( 'SMS', 'modulus-sms' ); ?></option>
							<option value="viber"><?php esc_html_e( 'Viber', 'modulus-sms' ); ?></option>
						</select>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="modulus-sms-test-text"><?php esc_html_e( 'Text', 'modulus-sms' ); ?></label></th>
					<td>
						<textarea id="modulus-sms-test-text" name="text" class="large-text" rows="5" required></textarea>
						<p class="modulus-sms-counter" id="modulus-sms-test-counter" aria-live="polite"></p>
					</td>
				</tr>
			</tbody></table>
			<p class="submit">
				<button type="submit" class="button button-primary" id="modulus-sms-test-send"><?php esc_html_e( 'Send now', 'modulus-sms' ); ?></button>
			</p>
			<div id="modulus-sms-test-result" role="status" aria-live="polite"></div>
		</form>
		<?php
	}
}
