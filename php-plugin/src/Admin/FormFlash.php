<?php
/**
 * The outcome of a settings form submission, carried across the admin-post.php redirect.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * A one-shot message per user: written by the form handler, read (and removed) by the next page view.
 * On a validation error it also keeps the submitted values, so the owner does not retype the form.
 */
final class FormFlash {

	private const TRANSIENT_PREFIX = 'modulus_sms_flash_';
	private const LIFETIME         = 300;

	/**
	 * Remembers a successful save.
	 *
	 * @param string $tab Tab slug.
	 */
	public static function saved( string $tab ): void {
		self::store(
			array(
				'tab'  => $tab,
				'type' => 'success',
			)
		);
	}

	/**
	 * Remembers a rejected save.
	 *
	 * @param string              $tab       Tab slug.
	 * @param string              $message   The validation message (already translated).
	 * @param string              $field     The settings key at fault ('' when unknown), dotted for nested keys.
	 * @param array<string,mixed> $submitted The submitted partial settings, secrets removed.
	 */
	public static function failed( string $tab, string $message, string $field, array $submitted ): void {
		self::store(
			array(
				'tab'       => $tab,
				'type'      => 'error',
				'message'   => $message,
				'field'     => self::normalize_field( $field ),
				'submitted' => $submitted,
			)
		);
	}

	/**
	 * The pending flash for the current user, removed as it is read.
	 *
	 * @return array{tab:string,type:string,message?:string,field?:string,submitted?:array<string,mixed>}|null
	 */
	public static function take(): ?array {
		$key   = self::key();
		$flash = get_transient( $key );
		if ( false === $flash ) {
			return null;
		}
		delete_transient( $key );
		return is_array( $flash ) && isset( $flash['tab'], $flash['type'] ) ? $flash : null;
	}

	/**
	 * `quiet_hours[start]` and `quiet_hours.start` name the same field; forms use the dotted form.
	 *
	 * @param string $field Field name as reported by the validator.
	 */
	public static function normalize_field( string $field ): string {
		return trim( str_replace( array( '][', '[', ']' ), array( '.', '.', '' ), $field ), '.' );
	}

	/**
	 * Stores a flash for the current user.
	 *
	 * @param array<string,mixed> $flash The flash.
	 */
	private static function store( array $flash ): void {
		set_transient( self::key(), $flash, self::LIFETIME );
	}

	private static function key(): string {
		return self::TRANSIENT_PREFIX . get_current_user_id();
	}
}
