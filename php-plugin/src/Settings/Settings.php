<?php
/**
 * The plugin settings: one option, defaults merged on read, validated on write.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Settings;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Templates\Repository as Templates;

/**
 * Stored in the option `modulus_sms_settings`. The API token and secret are stored as entered but never leave the server whole:
 * screens and REST get `display()`, which carries only the token's last four characters.
 */
final class Settings {

	public const OPTION = 'modulus_sms_settings';

	/**
	 * @param SettingsValidator|null $validator Defaults to one that knows WooCommerce's country list.
	 * @param Templates|null         $templates Used to check that chosen template IDs exist.
	 */
	public function __construct( private ?SettingsValidator $validator = null, private ?Templates $templates = null ) {
	}

	/**
	 * Every setting, stored values over defaults (nested groups merged key by key).
	 */
	public function get(): array {
		$stored = get_option( self::OPTION, array() );
		return self::merge( $this->defaults(), is_array( $stored ) ? $stored : array() );
	}

	/**
	 * Validate and store a partial update.
	 *
	 * @param array $partial Keys to change; nested groups may be partial. Read-only display keys are ignored.
	 * @return array|\WP_Error The new settings, or an error whose data is ['status' => 400, 'field' => dotted path].
	 */
	public function update( array $partial ): array|\WP_Error {
		try {
			$next = $this->validator()->apply( $partial, $this->get() );
			$this->assert_templates_exist( $partial, $next );
		} catch ( InvalidSetting $invalid ) {
			return new \WP_Error(
				'modulus_sms_invalid_setting',
				$invalid->getMessage(),
				array(
					'status' => 400,
					'field'  => $invalid->field,
				)
			);
		}
		update_option( self::OPTION, $next, true );
		return $next;
	}

	/**
	 * The settings safe to show: without the token and secret, with `api_token_last4`, `api_token_set` and `api_secret_set`.
	 */
	public function display(): array {
		$settings = $this->get();
		$token    = (string) $settings['api_token'];
		$secret   = (string) $settings['api_secret'];
		unset( $settings['api_token'], $settings['api_secret'] );
		$settings['api_token_last4'] = self::last4( $token );
		$settings['api_token_set']   = '' !== $token;
		$settings['api_secret_set']  = '' !== $secret;
		return $settings;
	}

	/**
	 * The token as the screen shows it: "••••" and its last four characters, or '' when no token is stored.
	 */
	public function token_mask(): string {
		$token = (string) $this->get()['api_token'];
		return '' === $token ? '' : str_repeat( SettingsValidator::MASK_CHARACTER, 4 ) . self::last4( $token );
	}

	/**
	 * The `settings` object the core's `plan` takes.
	 */
	public function core_settings(): array {
		$settings = $this->get();
		return array(
			'routing'            => $settings['routing'],
			// The shop's clock for quiet hours: the core reads it at the top level of its settings.
			'timezone'           => $settings['quiet_hours']['timezone'],
			'default_country'    => $settings['default_country'],
			'gsm7_transliterate' => (bool) $settings['gsm7_transliterate'],
			'sender_id'          => $settings['sender_id'],
			'fallback_after_s'   => (int) $settings['viber_fallback_timeout'],
			// The core's name for who a bulk send may reach; the screen offers it as consented / all customers.
			'audience'           => 'all_customers' === $settings['bulk_audience'] ? 'all_not_opted_out' : 'consented_only',
			'quiet_hours'        => array(
				'enabled'    => (bool) $settings['quiet_hours']['enabled'],
				'start'      => $settings['quiet_hours']['start'],
				'end'        => $settings['quiet_hours']['end'],
				'timezone'   => $settings['quiet_hours']['timezone'],
				'applies_to' => array_values( $settings['quiet_hours']['applies_to'] ),
			),
			'consent'            => array(
				'enabled'                    => (bool) $settings['consent']['enabled'],
				'required_for_order_updates' => (bool) $settings['consent']['required_for_order_updates'],
			),
		);
	}

	/**
	 * The `policy` object the core's `route` takes: only the fallback timeout, which the owner sets. Backoff steps and tries are
	 * the core's defaults (one place for the retry rule; a missing policy field takes its default there).
	 */
	public function route_policy(): array {
		return array( 'fallback_after_s' => (int) $this->get()['viber_fallback_timeout'] );
	}

	/**
	 * Whether the API URL and token are both set.
	 */
	public function is_configured(): bool {
		$settings = $this->get();
		return '' !== $settings['api_url'] && '' !== $settings['api_token'];
	}

	/**
	 * The defaults. The country follows the store's base country and the quiet-hours time zone the site's, until the owner picks one.
	 */
	public function defaults(): array {
		return array(
			'api_url'                => '',
			'api_token'              => '',
			'api_secret'             => '',
			'sender_id'              => '',
			'routing'                => 'sms',
			'default_country'        => self::store_country(),
			'gsm7_transliterate'     => false,
			'viber_fallback_timeout' => 600,
			'http_timeout'           => 15,
			'quiet_hours'            => array(
				'enabled'    => false,
				'start'      => '22:00',
				'end'        => '08:00',
				'timezone'   => self::site_timezone(),
				'applies_to' => array( 'order_status', 'bulk', 'back_in_stock' ),
			),
			'consent'                => array(
				'enabled'                    => false,
				// Translated lazily: defaults are built after `init` in every caller.
				'checkbox_text'              => did_action( 'init' ) ? __( 'Send me order updates by SMS or Viber.', 'modulus-sms' ) : 'Send me order updates by SMS or Viber.',
				'required_for_order_updates' => true,
			),
			'back_in_stock'          => array(
				'enabled'              => false,
				'include_product_link' => true,
				'template_id'          => 0,
			),
			'bulk_audience'          => 'consented',
			'order_statuses'         => array(),
			'held'                   => null,
		);
	}

	/**
	 * The store's base country (WooCommerce option "GR:I" → "GR").
	 */
	public static function store_country(): string {
		$country = strtoupper( substr( (string) get_option( 'woocommerce_default_country', '' ), 0, 2 ) );
		return preg_match( '/^[A-Z]{2}$/', $country ) ? $country : 'US';
	}

	/**
	 * The site's time zone as an IANA name. A manual UTC offset of whole hours becomes the matching Etc/GMT zone (whose sign is
	 * inverted by convention); other offsets fall back to UTC.
	 */
	public static function site_timezone(): string {
		$zone = function_exists( 'wp_timezone_string' ) ? wp_timezone_string() : 'UTC';
		if ( in_array( $zone, \DateTimeZone::listIdentifiers( \DateTimeZone::ALL_WITH_BC ), true ) ) {
			return $zone;
		}
		if ( preg_match( '/^([+-])(\d{2}):00$/', $zone, $offset ) && (int) $offset[2] <= 12 ) {
			$hours = (int) $offset[2];
			return 0 === $hours ? 'UTC' : sprintf( 'Etc/GMT%s%d', '+' === $offset[1] ? '-' : '+', $hours );
		}
		return 'UTC';
	}

	/**
	 * The templates this update chooses must exist. Only the changed choices are checked, so a template deleted since it was
	 * chosen elsewhere does not block unrelated saves (the sender skips a message whose template is gone).
	 *
	 * @param array $partial  Submitted update.
	 * @param array $settings Validated settings.
	 * @throws InvalidSetting When a chosen template does not exist.
	 */
	private function assert_templates_exist( array $partial, array $settings ): void {
		$chosen = array();
		if ( isset( $partial['back_in_stock'] ) && is_array( $partial['back_in_stock'] ) && array_key_exists( 'template_id', $partial['back_in_stock'] ) ) {
			$chosen['back_in_stock.template_id'] = (int) $settings['back_in_stock']['template_id'];
		}
		foreach ( (array) ( $partial['order_statuses'] ?? array() ) as $slug => $row ) {
			$slug = preg_replace( '/^wc-/', '', strtolower( (string) $slug ) );
			if ( is_array( $row ) && array_key_exists( 'template_id', $row ) ) {
				$chosen[ 'order_statuses.' . $slug . '.template_id' ] = (int) ( $settings['order_statuses'][ $slug ]['template_id'] ?? 0 );
			}
		}
		foreach ( array_filter( $chosen ) as $field => $template_id ) {
			if ( null === $this->templates()->find( $template_id ) ) {
				/* translators: %d: template ID */
				throw new InvalidSetting( $field, sprintf( __( 'Template %d does not exist.', 'modulus-sms' ), $template_id ) );
			}
		}
	}

	private function validator(): SettingsValidator {
		if ( null === $this->validator ) {
			$countries       = function_exists( 'WC' ) && WC()->countries ? array_keys( WC()->countries->get_countries() ) : null;
			$this->validator = new SettingsValidator( $countries );
		}
		return $this->validator;
	}

	private function templates(): Templates {
		return $this->templates ??= new Templates();
	}

	private static function last4( string $secret ): string {
		return strlen( $secret ) >= 8 ? substr( $secret, -4 ) : '';
	}

	/**
	 * Stored values over defaults, each kept only when it has the default's shape: groups (associative arrays) merged key by key,
	 * scalars cast to the default's type, anything else (a corrupt or hand-edited option) replaced by the default. Null defaults
	 * (`held`) and empty-array defaults (maps such as `order_statuses`) take any array, or null.
	 *
	 * @param array $defaults Defaults.
	 * @param array $stored   Stored option.
	 */
	private static function merge( array $defaults, array $stored ): array {
		foreach ( $defaults as $key => $default ) {
			if ( array_key_exists( $key, $stored ) ) {
				$defaults[ $key ] = self::coerce( $default, $stored[ $key ] );
			}
		}
		return $defaults;
	}

	/**
	 * @param mixed $default Default value (gives the shape).
	 * @param mixed $stored  Stored value.
	 */
	private static function coerce( mixed $default, mixed $stored ): mixed {
		if ( null === $default ) {
			return is_array( $stored ) ? $stored : null;
		}
		if ( is_array( $default ) ) {
			if ( ! is_array( $stored ) ) {
				return $default;
			}
			if ( array() === $default || array_is_list( $default ) ) {
				return $stored;
			}
			return self::merge( $default, $stored );
		}
		if ( ! is_scalar( $stored ) ) {
			return $default;
		}
		if ( is_bool( $default ) ) {
			return (bool) $stored;
		}
		if ( is_int( $default ) ) {
			return is_numeric( $stored ) ? (int) $stored : $default;
		}
		return (string) $stored;
	}
}
