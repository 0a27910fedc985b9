<?php
/**
 * Conversion of message rows between PHP and the database.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Messages;

defined( 'ABSPATH' ) || exit;

/**
 * Rows are read with typed values, `attempts` as a list and datetimes as UTC RFC 3339 (`2026-11-28T10:00:00Z`, the format the core
 * speaks); they are written with `attempts` as JSON and datetimes as MySQL DATETIME in UTC.
 */
final class RowFormat {

	/** Columns a caller may write, with their value kind. */
	public const COLUMNS = array(
		'uuid'        => 'string',
		'kind'        => 'string',
		'dedupe_key'  => 'nullable_string',
		'order_id'    => 'nullable_int',
		'customer_id' => 'nullable_int',
		'phone'       => 'string',
		'routing'     => 'string',
		'channel'     => 'nullable_string',
		'text'        => 'string',
		'sms_text'    => 'nullable_string',
		'encoding'    => 'nullable_string',
		'segments'    => 'nullable_int',
		'status'      => 'string',
		'reason'      => 'nullable_string',
		'attempts'    => 'json',
		'provider_id' => 'nullable_string',
		'error'       => 'nullable_string',
		'send_at'     => 'datetime',
		'sent_at'     => 'datetime',
		'lease_until' => 'datetime',
	);

	public const STATUSES       = array( 'scheduled', 'sending', 'awaiting_status', 'sent', 'delivered', 'read', 'failed', 'skipped', 'held' );
	public const FINAL_STATUSES = array( 'sent', 'delivered', 'read', 'failed', 'skipped' );
	public const KINDS          = array( 'order_status', 'manual', 'bulk', 'back_in_stock', 'test' );

	/**
	 * Keep the known columns of $row and convert them for the database (nulls stay null).
	 *
	 * @param array $row Caller's row.
	 * @return array<string, string|int|null>
	 */
	public static function to_db( array $row ): array {
		$out = array();
		foreach ( array_intersect_key( $row, self::COLUMNS ) as $column => $value ) {
			$out[ $column ] = self::value_to_db( self::COLUMNS[ $column ], $value );
		}
		return $out;
	}

	/**
	 * A database row as callers see it.
	 *
	 * @param array $db Row from $wpdb (ARRAY_A).
	 */
	public static function from_db( array $db ): array {
		$row = $db;
		foreach ( array( 'id', 'order_id', 'customer_id', 'segments' ) as $int_column ) {
			$row[ $int_column ] = null === ( $db[ $int_column ] ?? null ) ? null : (int) $db[ $int_column ];
		}
		foreach ( array( 'send_at', 'sent_at', 'lease_until', 'created_at', 'updated_at' ) as $time_column ) {
			$row[ $time_column ] = self::datetime_from_db( $db[ $time_column ] ?? null );
		}
		$row['attempts'] = self::attempts_from_json( $db['attempts'] ?? null );
		return $row;
	}

	/**
	 * UTC RFC 3339 or "Y-m-d H:i:s" (taken as UTC) → "Y-m-d H:i:s" UTC; null or '' → null.
	 *
	 * @param mixed $value Date and time.
	 * @throws \InvalidArgumentException When it is not a date and time.
	 */
	public static function datetime_to_db( mixed $value ): ?string {
		if ( null === $value || '' === $value ) {
			return null;
		}
		if ( $value instanceof \DateTimeInterface ) {
			return gmdate( 'Y-m-d H:i:s', $value->getTimestamp() );
		}
		$text = (string) $value;
		if ( preg_match( '/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/', $text ) ) {
			return $text;
		}
		$parsed = \DateTimeImmutable::createFromFormat( \DateTimeInterface::RFC3339, $text )
			?: \DateTimeImmutable::createFromFormat( 'Y-m-d\TH:i:s.uP', $text );
		if ( false === $parsed ) {
			throw new \InvalidArgumentException( sprintf( 'Not a date and time: "%s".', $text ) );
		}
		return gmdate( 'Y-m-d H:i:s', $parsed->getTimestamp() );
	}

	/**
	 * "Y-m-d H:i:s" (UTC) → "Y-m-d\TH:i:s\Z".
	 *
	 * @param mixed $value Database value.
	 */
	public static function datetime_from_db( mixed $value ): ?string {
		if ( null === $value || '' === $value || '0000-00-00 00:00:00' === $value ) {
			return null;
		}
		return str_replace( ' ', 'T', (string) $value ) . 'Z';
	}

	/**
	 * Now, in UTC RFC 3339.
	 *
	 * @param int|null $timestamp Unix time, default now.
	 */
	public static function utc( ?int $timestamp = null ): string {
		return gmdate( 'Y-m-d\TH:i:s\Z', $timestamp ?? time() );
	}

	/**
	 * @param mixed $json Stored attempts.
	 * @return array<int, array>
	 */
	public static function attempts_from_json( mixed $json ): array {
		$attempts = is_string( $json ) && '' !== $json ? json_decode( $json, true ) : array();
		return is_array( $attempts ) ? array_values( array_filter( $attempts, 'is_array' ) ) : array();
	}

	/**
	 * @param array<int, array> $attempts Attempts list.
	 */
	public static function attempts_to_json( array $attempts ): string {
		return (string) json_encode( array_values( $attempts ), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE );
	}

	/**
	 * @param string $kind  Column kind from COLUMNS.
	 * @param mixed  $value Caller's value.
	 * @return string|int|null
	 */
	private static function value_to_db( string $kind, mixed $value ): string|int|null {
		switch ( $kind ) {
			case 'json':
				return self::attempts_to_json( is_array( $value ) ? $value : self::attempts_from_json( $value ) );
			case 'datetime':
				return self::datetime_to_db( $value );
			case 'nullable_int':
				return null === $value || '' === $value ? null : (int) $value;
			case 'nullable_string':
				return null === $value ? null : (string) $value;
			default:
				return (string) $value;
		}
	}
}
