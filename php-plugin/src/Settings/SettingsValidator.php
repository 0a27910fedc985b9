<?php
/**
 * Validation and normalisation of the plugin settings.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Applies a partial update to the current settings, one known key at a time, and rejects the first bad value with the field's
 * dotted path. Pure PHP apart from `__()`, so it is unit-tested without WordPress.
 */
final class SettingsValidator {

	public const ROUTINGS        = array( 'sms', 'viber', 'viber2sms' );
	public const QUIET_KINDS     = array( 'order_status', 'manual', 'bulk', 'back_in_stock' );
	public const BULK_AUDIENCES  = array( 'consented', 'all_customers' );
	public const HOLD_REASONS    = array( 'unauthorized', 'no_balance' );
	public const READ_ONLY_KEYS  = array( 'api_token_last4', 'api_token_set', 'api_secret_set' );
	public const MASK_CHARACTER  = '•';
	private const SECRET_PATTERN = '/^[\x21-\x7e]{1,512}$/';

	/**
	 * @param string[]|null $known_countries ISO 3166-1 alpha-2 codes to accept, or null to accept any two letters.
	 */
	public function __construct( private readonly ?array $known_countries = null ) {
	}

	/**
	 * The current settings with the partial update applied.
	 *
	 * @param array $partial Keys to change (nested groups may be partial too).
	 * @param array $current Current settings, defaults included.
	 * @return array
	 * @throws InvalidSetting On the first bad value.
	 */
	public function apply( array $partial, array $current ): array {
		foreach ( $partial as $key => $value ) {
			$key = (string) $key;
			if ( in_array( $key, self::READ_ONLY_KEYS, true ) ) {
				continue;
			}
			$current = $this->apply_one( $key, $value, $current );
		}
		return $current;
	}

	/**
	 * @param string $key     Top-level key.
	 * @param mixed  $value   Submitted value.
	 * @param array  $current Settings so far.
	 * @return array
	 * @throws InvalidSetting On a bad value or an unknown key.
	 */
	private function apply_one( string $key, mixed $value, array $current ): array {
		switch ( $key ) {
			case 'api_url':
				$current[ $key ] = $this->api_url( $value );
				break;
			case 'api_token':
			case 'api_secret':
				if ( ! $this->is_masked_echo( $value ) ) {
					$current[ $key ] = $this->secret( $key, $value );
				}
				break;
			case 'sender_id':
				$current[ $key ] = $this->sender_id( $value );
				break;
			case 'routing':
				$current[ $key ] = FieldRules::one_of( $key, $value, self::ROUTINGS );
				break;
			case 'default_country':
				$current[ $key ] = $this->country( $value );
				break;
			case 'gsm7_transliterate':
				$current[ $key ] = FieldRules::boolean( $key, $value );
				break;
			case 'viber_fallback_timeout':
				$current[ $key ] = FieldRules::integer( $key, $value, 60, 86400 );
				break;
			case 'http_timeout':
				$current[ $key ] = FieldRules::integer( $key, $value, 3, 60 );
				break;
			case 'bulk_audience':
				$current[ $key ] = FieldRules::one_of( $key, $value, self::BULK_AUDIENCES );
				break;
			case 'quiet_hours':
				$current[ $key ] = $this->quiet_hours( FieldRules::group( $key, $value ), (array) ( $current[ $key ] ?? array() ) );
				break;
			case 'consent':
				$current[ $key ] = $this->consent( FieldRules::group( $key, $value ), (array) ( $current[ $key ] ?? array() ) );
				break;
			case 'back_in_stock':
				$current[ $key ] = $this->back_in_stock( FieldRules::group( $key, $value ), (array) ( $current[ $key ] ?? array() ) );
				break;
			case 'order_statuses':
				$current[ $key ] = $this->order_statuses( FieldRules::group( $key, $value ), (array) ( $current[ $key ] ?? array() ) );
				break;
			case 'held':
				$current[ $key ] = $this->held( $value );
				break;
			default:
				/* translators: %s: setting name */
				throw new InvalidSetting( $key, sprintf( __( 'Unknown setting "%s".', 'modulus-sms' ), $key ) );
		}
		return $current;
	}

	/**
	 * Base URL of the mMP API: http or https with a host; stored without a trailing slash. Empty means "not configured".
	 *
	 * @param mixed $value Submitted value.
	 */
	private function api_url( mixed $value ): string {
		$url = rtrim( trim( FieldRules::text( 'api_url', $value ) ), '/' );
		if ( '' === $url ) {
			return '';
		}
		$parts  = parse_url( $url );
		$scheme = is_array( $parts ) ? strtolower( (string) ( $parts['scheme'] ?? '' ) ) : '';
		if ( ! in_array( $scheme, array( 'http', 'https' ), true ) || '' === (string) ( $parts['host'] ?? '' )
			|| strlen( $url ) > 2048 || preg_match( '/[\s<>"]/', $url ) ) {
			throw new InvalidSetting( 'api_url', __( 'The API URL must be a full http:// or https:// address, for example https://mmp.example/api/v1.', 'modulus-sms' ) );
		}
		return $url;
	}

	/**
	 * The token or the secret: printable ASCII without spaces; empty clears it.
	 *
	 * @param string $key   api_token or api_secret.
	 * @param mixed  $value Submitted value.
	 */
	private function secret( string $key, mixed $value ): string {
		$secret = trim( FieldRules::text( $key, $value ) );
		if ( '' !== $secret && ! preg_match( self::SECRET_PATTERN, $secret ) ) {
			throw new InvalidSetting( $key, __( 'This key may contain only printable characters without spaces (at most 512).', 'modulus-sms' ) );
		}
		return $secret;
	}

	/**
	 * A screen that echoes the masked value back (e.g. "••••1234") means "unchanged".
	 *
	 * @param mixed $value Submitted value.
	 */
	private function is_masked_echo( mixed $value ): bool {
		return is_string( $value ) && str_starts_with( ltrim( $value ), self::MASK_CHARACTER );
	}

	/**
	 * A phone number (3–15 digits, optional leading +) or an alias of 1–11 GSM letters, digits, spaces and . - _ & with at least one letter.
	 *
	 * @param mixed $value Submitted value.
	 */
	private function sender_id( mixed $value ): string {
		$sender = trim( FieldRules::text( 'sender_id', $value ) );
		if ( '' === $sender || preg_match( '/^\+?[0-9]{3,15}$/', $sender ) ) {
			return $sender;
		}
		if ( preg_match( '/^[A-Za-z0-9 .\-_&]{1,11}$/', $sender ) && preg_match( '/[A-Za-z]/', $sender ) ) {
			return $sender;
		}
		throw new InvalidSetting( 'sender_id', __( 'The Sender ID must be a phone number or at most 11 Latin letters, digits, spaces or . - _ & (with at least one letter).', 'modulus-sms' ) );
	}

	/**
	 * @param mixed $value Submitted value.
	 */
	private function country( mixed $value ): string {
		$country = strtoupper( trim( FieldRules::text( 'default_country', $value ) ) );
		$known   = null === $this->known_countries || in_array( $country, $this->known_countries, true );
		if ( ! preg_match( '/^[A-Z]{2}$/', $country ) || ! $known ) {
			throw new InvalidSetting( 'default_country', __( 'The default country must be a two-letter ISO country code, for example GR.', 'modulus-sms' ) );
		}
		return $country;
	}

	/**
	 * @param array $value   Submitted group.
	 * @param array $current Current group.
	 * @return array
	 */
	private function quiet_hours( array $value, array $current ): array {
		foreach ( $value as $field => $item ) {
			$path = 'quiet_hours.' . $field;
			switch ( $field ) {
				case 'enabled':
					$current['enabled'] = FieldRules::boolean( $path, $item );
					break;
				case 'start':
				case 'end':
					$current[ $field ] = FieldRules::clock_time( $path, $item );
					break;
				case 'timezone':
					$current['timezone'] = FieldRules::timezone( $path, $item );
					break;
				case 'applies_to':
					$current['applies_to'] = FieldRules::subset( $path, $item, self::QUIET_KINDS );
					break;
				default:
					FieldRules::unknown( $path );
			}
		}
		if ( ! empty( $current['enabled'] ) && ( $current['start'] ?? '' ) === ( $current['end'] ?? '' ) ) {
			throw new InvalidSetting( 'quiet_hours.end', __( 'Quiet hours must end at a different time than they start.', 'modulus-sms' ) );
		}
		return $current;
	}

	/**
	 * @param array $value   Submitted group.
	 * @param array $current Current group.
	 * @return array
	 */
	private function consent( array $value, array $current ): array {
		foreach ( $value as $field => $item ) {
			$path = 'consent.' . $field;
			switch ( $field ) {
				case 'enabled':
				case 'required_for_order_updates':
					$current[ $field ] = FieldRules::boolean( $path, $item );
					break;
				case 'checkbox_text':
					$current['checkbox_text'] = FieldRules::plain_text( $path, $item, 500 );
					break;
				default:
					FieldRules::unknown( $path );
			}
		}
		if ( ! empty( $current['enabled'] ) && '' === trim( (string) ( $current['checkbox_text'] ?? '' ) ) ) {
			throw new InvalidSetting( 'consent.checkbox_text', __( 'Enter the text shown beside the consent checkbox.', 'modulus-sms' ) );
		}
		return $current;
	}

	/**
	 * @param array $value   Submitted group.
	 * @param array $current Current group.
	 * @return array
	 */
	private function back_in_stock( array $value, array $current ): array {
		foreach ( $value as $field => $item ) {
			$path = 'back_in_stock.' . $field;
			switch ( $field ) {
				case 'enabled':
				case 'include_product_link':
					$current[ $field ] = FieldRules::boolean( $path, $item );
					break;
				case 'template_id':
					$current['template_id'] = FieldRules::integer( $path, $item, 0, PHP_INT_MAX );
					break;
				default:
					FieldRules::unknown( $path );
			}
		}
		if ( ! empty( $current['enabled'] ) && empty( $current['template_id'] ) ) {
			throw new InvalidSetting( 'back_in_stock.template_id', __( 'Choose the template for back-in-stock messages.', 'modulus-sms' ) );
		}
		return $current;
	}

	/**
	 * Per order status (slug without "wc-"): whether it sends automatically and with which template.
	 *
	 * @param array $value   Submitted map slug => {enabled?, template_id?}.
	 * @param array $current Current map.
	 * @return array
	 */
	private function order_statuses( array $value, array $current ): array {
		foreach ( $value as $slug => $item ) {
			$slug = preg_replace( '/^wc-/', '', strtolower( (string) $slug ) );
			$path = 'order_statuses.' . $slug;
			if ( ! preg_match( '/^[a-z0-9_-]{1,32}$/', $slug ) ) {
				/* translators: %s: order status slug */
				throw new InvalidSetting( $path, sprintf( __( '"%s" is not an order status.', 'modulus-sms' ), $slug ) );
			}
			$row = (array) ( $current[ $slug ] ?? array( 'enabled' => false, 'template_id' => 0 ) );
			foreach ( FieldRules::group( $path, $item ) as $field => $field_value ) {
				if ( 'enabled' === $field ) {
					$row['enabled'] = FieldRules::boolean( $path . '.enabled', $field_value );
				} elseif ( 'template_id' === $field ) {
					$row['template_id'] = FieldRules::integer( $path . '.template_id', $field_value, 0, PHP_INT_MAX );
				} else {
					FieldRules::unknown( $path . '.' . $field );
				}
			}
			if ( ! empty( $row['enabled'] ) && empty( $row['template_id'] ) ) {
				throw new InvalidSetting( $path . '.template_id', __( 'Choose a template before switching automatic messages on.', 'modulus-sms' ) );
			}
			$current[ $slug ] = array(
				'enabled'     => (bool) ( $row['enabled'] ?? false ),
				'template_id' => (int) ( $row['template_id'] ?? 0 ),
			);
		}
		return $current;
	}

	/**
	 * The queue hold set by the hold logic: null (sending) or {reason, since}.
	 *
	 * @param mixed $value Submitted value.
	 */
	private function held( mixed $value ): ?array {
		if ( null === $value || false === $value || array() === $value ) {
			return null;
		}
		$held = FieldRules::group( 'held', $value );
		if ( ! in_array( $held['reason'] ?? null, self::HOLD_REASONS, true ) ) {
			throw new InvalidSetting( 'held.reason', __( 'Unknown reason for holding the queue.', 'modulus-sms' ) );
		}
		return array(
			'reason' => $held['reason'],
			'since'  => FieldRules::text( 'held.since', $held['since'] ?? gmdate( 'Y-m-d\TH:i:s\Z' ) ),
		);
	}
}
