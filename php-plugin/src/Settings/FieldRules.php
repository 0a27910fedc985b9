<?php
/**
 * The checks every setting is built from.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Settings;

use Modulus\Sms\Core\Core;

defined( 'ABSPATH' ) || exit;

/**
 * One typed value each: on/off, whole numbers in a range, closed lists, clock times, time zones, plain text. Each returns the
 * normalised value or throws InvalidSetting naming the field.
 */
final class FieldRules {

	private const TIME_PATTERN = '/^([01]\d|2[0-3]):[0-5]\d$/';

	/**
	 * @param string $path  Field path.
	 * @param mixed  $value true/false, 1/0, "1"/"0", "yes"/"no", "on"/"off", "true"/"false" or "" (false).
	 */
	public static function boolean( string $path, mixed $value ): bool {
		if ( is_bool( $value ) ) {
			return $value;
		}
		if ( is_int( $value ) && ( 0 === $value || 1 === $value ) ) {
			return 1 === $value;
		}
		if ( is_string( $value ) ) {
			$word = strtolower( trim( $value ) );
			if ( in_array( $word, array( '1', 'yes', 'on', 'true' ), true ) ) {
				return true;
			}
			if ( in_array( $word, array( '', '0', 'no', 'off', 'false' ), true ) ) {
				return false;
			}
		}
		throw new InvalidSetting( $path, __( 'This must be on or off.', 'modulus-sms' ) );
	}

	/**
	 * @param string $path Field path.
	 * @param mixed  $value Whole number (int or digit string).
	 * @param int    $min  Lowest allowed.
	 * @param int    $max  Highest allowed.
	 */
	public static function integer( string $path, mixed $value, int $min, int $max ): int {
		if ( is_string( $value ) && preg_match( '/^\s*-?\d{1,18}\s*$/', $value ) ) {
			$value = (int) trim( $value );
		}
		if ( ! is_int( $value ) || $value < $min || $value > $max ) {
			$message = PHP_INT_MAX === $max
				/* translators: %d: lowest allowed value */
				? sprintf( __( 'This must be a whole number of at least %d.', 'modulus-sms' ), $min )
				/* translators: 1: lowest allowed value, 2: highest allowed value */
				: sprintf( __( 'This must be a whole number from %1$d to %2$d.', 'modulus-sms' ), $min, $max );
			throw new InvalidSetting( $path, $message );
		}
		return $value;
	}

	/**
	 * @param string   $path    Field path.
	 * @param mixed    $value   Submitted value.
	 * @param string[] $allowed Allowed values.
	 */
	public static function one_of( string $path, mixed $value, array $allowed ): string {
		if ( ! is_string( $value ) || ! in_array( $value, $allowed, true ) ) {
			/* translators: %s: comma-separated list of allowed values */
			throw new InvalidSetting( $path, sprintf( __( 'Choose one of: %s.', 'modulus-sms' ), implode( ', ', $allowed ) ) );
		}
		return $value;
	}

	/**
	 * @param string   $path    Field path.
	 * @param mixed    $value   Submitted list (or one comma-separated string).
	 * @param string[] $allowed Allowed members.
	 * @return string[]
	 */
	public static function subset( string $path, mixed $value, array $allowed ): array {
		if ( is_string( $value ) ) {
			$value = '' === trim( $value ) ? array() : array_map( 'trim', explode( ',', $value ) );
		}
		if ( ! is_array( $value ) ) {
			throw new InvalidSetting( $path, __( 'This must be a list.', 'modulus-sms' ) );
		}
		$members = array();
		foreach ( $value as $member ) {
			$member = is_string( $member ) ? $member : '';
			if ( ! in_array( $member, $allowed, true ) ) {
				/* translators: %s: comma-separated list of allowed values */
				throw new InvalidSetting( $path, sprintf( __( 'Choose among: %s.', 'modulus-sms' ), implode( ', ', $allowed ) ) );
			}
			$members[ $member ] = $member;
		}
		return array_values( $members );
	}

	/**
	 * @param string $path  Field path.
	 * @param mixed  $value "HH:MM", 24-hour clock.
	 */
	public static function clock_time( string $path, mixed $value ): string {
		$time = trim( self::text( $path, $value ) );
		if ( preg_match( '/^\d:[0-5]\d$/', $time ) ) {
			$time = '0' . $time;
		}
		if ( ! preg_match( self::TIME_PATTERN, $time ) ) {
			throw new InvalidSetting( $path, __( 'Enter a time as HH:MM (24-hour clock), for example 22:00.', 'modulus-sms' ) );
		}
		return $time;
	}

	/**
	 * A time zone the messaging core can compute quiet hours in. The core is asked rather than PHP's own zone list:
	 * its build carries the European zones, Cyprus, UTC/Etc and fixed offsets, and a zone it does not know would make
	 * every deferred message fail to plan.
	 *
	 * @param string $path  Field path.
	 * @param mixed  $value An IANA time zone name such as Europe/Athens, or a fixed offset such as +02:00.
	 */
	public static function timezone( string $path, mixed $value ): string {
		$zone  = trim( self::text( $path, $value ) );
		$reply = Core::call(
			'quiet_hours',
			array(
				'now'      => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'timezone' => $zone,
				'quiet'    => array( 'enabled' => true, 'start' => '00:00', 'end' => '00:01' ),
			)
		);
		if ( '' !== $zone && ! isset( $reply['error'] ) ) {
			return $zone;
		}
		if ( 'internal' === ( $reply['error']['code'] ?? '' ) ) {
			throw new InvalidSetting( $path, (string) $reply['error']['message'] );
		}
		throw new InvalidSetting( $path, __( 'Choose a European time zone (for example Europe/Athens), UTC, or a fixed offset such as +02:00.', 'modulus-sms' ) );
	}

	/**
	 * Single-line text without tags, at most $max characters.
	 *
	 * @param string $path  Field path.
	 * @param mixed  $value Submitted value.
	 * @param int    $max   Longest allowed.
	 */
	public static function plain_text( string $path, mixed $value, int $max ): string {
		$text = trim( preg_replace( '/\s+/u', ' ', strip_tags( self::text( $path, $value ) ) ) ?? '' );
		if ( mb_strlen( $text ) > $max ) {
			/* translators: %d: maximum number of characters */
			throw new InvalidSetting( $path, sprintf( __( 'This text may be at most %d characters long.', 'modulus-sms' ), $max ) );
		}
		return $text;
	}

	/**
	 * @param string $path  Field path.
	 * @param mixed  $value Must be a string (numbers are accepted as their text) in valid UTF-8.
	 */
	public static function text( string $path, mixed $value ): string {
		if ( is_int( $value ) || is_float( $value ) ) {
			$value = (string) $value;
		}
		if ( ! is_string( $value ) || ! mb_check_encoding( $value, 'UTF-8' ) ) {
			throw new InvalidSetting( $path, __( 'This must be text.', 'modulus-sms' ) );
		}
		return $value;
	}

	/**
	 * @param string $path  Field path.
	 * @param mixed  $value Must be an array (a JSON object).
	 * @return array
	 */
	public static function group( string $path, mixed $value ): array {
		if ( ! is_array( $value ) ) {
			throw new InvalidSetting( $path, __( 'This must be a group of fields.', 'modulus-sms' ) );
		}
		return $value;
	}

	/**
	 * @param string $path Field path.
	 * @throws InvalidSetting Always.
	 */
	public static function unknown( string $path ): never {
		/* translators: %s: setting name */
		throw new InvalidSetting( $path, sprintf( __( 'Unknown setting "%s".', 'modulus-sms' ), $path ) );
	}
}
