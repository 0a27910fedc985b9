<?php
/**
 * Configuration tab: mMP credentials, sender and routing.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin\Tabs;

use Modulus\Sms\Admin\FormFields;

defined( 'ABSPATH' ) || exit;

/**
 * The API token and secret are never printed: the fields start empty, their placeholders show the
 * last four characters, and an empty field keeps the stored value.
 */
final class ConfigurationTab extends SettingsForm {

	public function slug(): string {
		return 'configuration';
	}

	public function label(): string {
		return __( 'Configuration', 'modulus-sms' );
	}

	public function script_module(): ?string {
		return 'settings-config';
	}

	public function script_data(): array {
		return array(
			'i18n' => array(
				'checking' => __( 'Checking…', 'modulus-sms' ),
				/* translators: 1: account balance, 2: currency code. */
				'balance'  => __( 'Connected. Balance: %1$s %2$s', 'modulus-sms' ),
				/* translators: %s: the error reported by mMP or WordPress. */
				'failed'   => __( 'Connection failed: %s', 'modulus-sms' ),
			),
		);
	}

	public function read_submission( array $submitted ): array {
		$partial = array(
			'api_url'                => self::text_field( $submitted, 'api_url' ),
			'sender_id'              => self::text_field( $submitted, 'sender_id' ),
			'routing'                => self::text_field( $submitted, 'routing' ),
			'default_country'        => self::text_field( $submitted, 'default_country' ),
			'gsm7_transliterate'     => self::bool_field( $submitted, 'gsm7_transliterate' ),
			'viber_fallback_timeout' => self::int_field( $submitted, 'viber_fallback_timeout' ),
		);
		foreach ( array( 'api_token', 'api_secret' ) as $secret ) {
			$value = self::secret_field( $submitted, $secret );
			// An empty secret field means "keep the stored one".
			if ( '' !== $value ) {
				$partial[ $secret ] = $value;
			}
		}
		return self::present( $partial );
	}

	protected function render_fields( FormFields $fields ): void {
		$fields->input(
			'api_url',
			__( 'API URL', 'modulus-sms' ),
			$this->value( 'api_url' ),
			__( 'The base URL of the mMP HTTP API, for example https://mmp.example/api/v1', 'modulus-sms' ),
			array( 'type' => 'url', 'class' => 'regular-text code' )
		);
		$fields->secret(
			'api_token',
			__( 'API Token', 'modulus-sms' ),
			$this->settings->token_mask(),
			__( 'The API key from mMP (Account Settings → API). Leave empty to keep the stored token.', 'modulus-sms' )
		);
		$fields->secret(
			'api_secret',
			__( 'API Secret', 'modulus-sms' ),
			self::mask( (string) ( $this->settings->get()['api_secret'] ?? '' ) ),
			__( 'Used only to verify delivery reports sent back by mMP. Leave empty to keep the stored secret.', 'modulus-sms' )
		);
		$fields->input(
			'sender_id',
			__( 'Sender ID', 'modulus-sms' ),
			$this->value( 'sender_id' ),
			__( 'The name or number your customers see: up to 11 letters and digits, or a phone number in international format.', 'modulus-sms' ),
			array( 'maxlength' => '16', 'autocomplete' => 'off' )
		);
		$fields->select(
			'routing',
			__( 'Routing Option', 'modulus-sms' ),
			$this->value( 'routing' ),
			array(
				'sms'       => __( 'SMS', 'modulus-sms' ),
				'viber'     => __( 'Viber', 'modulus-sms' ),
				'viber2sms' => __( 'Viber2SMS (Viber, SMS when Viber fails)', 'modulus-sms' ),
			),
			__( 'How messages are sent. With Viber2SMS a message that Viber cannot deliver in time goes out as SMS.', 'modulus-sms' )
		);
		$fields->select(
			'default_country',
			__( 'Default country', 'modulus-sms' ),
			$this->value( 'default_country' ),
			self::countries(),
			__( 'Used to read phone numbers written without a country code.', 'modulus-sms' )
		);
		$fields->checkbox(
			'gsm7_transliterate',
			__( 'Greek in SMS', 'modulus-sms' ),
			$this->flag( 'gsm7_transliterate' ),
			__( 'Convert Greek text to GSM-7 capitals (160 characters per SMS instead of 70)', 'modulus-sms' )
		);
		$fields->input(
			'viber_fallback_timeout',
			__( 'Viber fallback timeout', 'modulus-sms' ),
			$this->value( 'viber_fallback_timeout' ),
			__( 'Seconds to wait for a Viber message to be delivered before it is sent as SMS (Viber2SMS only).', 'modulus-sms' ),
			array( 'type' => 'number', 'min' => '60', 'step' => '1', 'class' => 'small-text' )
		);
	}

	protected function render_after_table(): void {
		printf(
			'<p class="modulus-sms-connection"><button type="button" class="button" id="modulus-sms-check-connection">%1$s</button> <span id="modulus-sms-connection-result" role="status" aria-live="polite"></span></p><p class="description">%2$s</p>',
			esc_html__( 'Check connection', 'modulus-sms' ),
			esc_html__( 'Checks the saved settings: save your changes first.', 'modulus-sms' )
		);
	}

	/**
	 * The last four characters of a secret behind bullets; '' when none is stored.
	 *
	 * @param string $secret The stored secret.
	 */
	private static function mask( string $secret ): string {
		if ( '' === $secret ) {
			return '';
		}
		return '••••' . ( strlen( $secret ) > 8 ? substr( $secret, -4 ) : '' );
	}

	/** @return array<string,string> WooCommerce's country list, code => name. */
	private static function countries(): array {
		return function_exists( 'WC' ) && WC()->countries ? WC()->countries->get_countries() : array();
	}

	/**
	 * A token or secret: any printable characters are legal in it, so only invalid UTF-8,
	 * control characters and surrounding blanks are removed (sanitize_text_field would eat `%xx`).
	 */
	private static function secret_field( array $submitted, string $key ): string {
		$value = $submitted[ $key ] ?? '';
		if ( ! is_scalar( $value ) ) {
			return '';
		}
		$value = wp_check_invalid_utf8( (string) $value );
		return trim( (string) preg_replace( '/[\x00-\x1F\x7F]/', '', $value ) );
	}

	private static function int_field( array $submitted, string $key ): ?int {
		$value = $submitted[ $key ] ?? null;
		return is_scalar( $value ) && '' !== trim( (string) $value ) ? (int) $value : null;
	}
}
