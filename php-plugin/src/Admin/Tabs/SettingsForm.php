<?php
/**
 * Shared frame of the tabs that edit plugin settings.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin\Tabs;

use Modulus\Sms\Admin\FormFields;
use Modulus\Sms\Admin\SettingsFormHandler;
use Modulus\Sms\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Prints the `<form>` around a tab's `form-table` (admin-post.php, nonce, submit button) and gives the
 * tab the values to show: the stored settings, or after a rejected save the values the owner had typed.
 */
abstract class SettingsForm implements SettingsFormTab {

	/** Dotted key → message of the last rejected save on this tab, if any. */
	private string $error_field = '';
	private string $error       = '';

	/** @var array<string,mixed> Submitted values to show again after a rejected save. */
	private array $resubmitted = array();

	public function __construct( protected Settings $settings ) {
	}

	/**
	 * Called by the page with the pending flash of this tab.
	 *
	 * @param array<string,mixed> $flash The flash (see FormFlash).
	 */
	public function receive_flash( array $flash ): void {
		if ( 'error' !== ( $flash['type'] ?? '' ) ) {
			return;
		}
		$this->error_field = (string) ( $flash['field'] ?? '' );
		$this->error       = (string) ( $flash['message'] ?? '' );
		$this->resubmitted = is_array( $flash['submitted'] ?? null ) ? $flash['submitted'] : array();
	}

	public function script_module(): ?string {
		return null;
	}

	public function script_data(): array {
		return array();
	}

	/** Prints the form fields (rows of the form-table). */
	abstract protected function render_fields( FormFields $fields ): void;

	public function render(): void {
		printf( '<form method="post" action="%s" class="modulus-sms-settings-form" novalidate>', esc_url( admin_url( 'admin-post.php' ) ) );
		printf( '<input type="hidden" name="action" value="%s" />', esc_attr( SettingsFormHandler::ACTION ) );
		printf( '<input type="hidden" name="tab" value="%s" />', esc_attr( $this->slug() ) );
		wp_nonce_field( SettingsFormHandler::nonce_action( $this->slug() ) );
		$this->render_intro();
		echo '<table class="form-table" role="presentation"><tbody>';
		$this->render_fields( new FormFields( $this->error_field, $this->error ) );
		echo '</tbody></table>';
		$this->render_after_table();
		submit_button( __( 'Save changes', 'modulus-sms' ) );
		echo '</form>';
	}

	/** Optional text above the table. */
	protected function render_intro(): void {
	}

	/** Optional markup between the table and the submit button. */
	protected function render_after_table(): void {
	}

	/**
	 * The settings to show: stored values, overlaid with what was submitted in a rejected save.
	 *
	 * @return array<string,mixed>
	 */
	protected function values(): array {
		return self::overlay( $this->settings->get(), $this->resubmitted );
	}

	/**
	 * Groups merged key by key; lists (such as `applies_to`) and scalars replaced whole.
	 *
	 * @param array<string,mixed> $base  Stored values.
	 * @param array<string,mixed> $top   Submitted values.
	 * @return array<string,mixed>
	 */
	private static function overlay( array $base, array $top ): array {
		foreach ( $top as $key => $value ) {
			$both_groups = is_array( $value ) && ! array_is_list( $value ) && is_array( $base[ $key ] ?? null );
			$base[ $key ] = $both_groups ? self::overlay( $base[ $key ], $value ) : $value;
		}
		return $base;
	}

	/**
	 * A nested value by dotted key, as a string for an input.
	 *
	 * @param string $key Dotted key.
	 */
	protected function value( string $key ): string {
		$value = $this->values();
		foreach ( explode( '.', $key ) as $part ) {
			$value = is_array( $value ) && array_key_exists( $part, $value ) ? $value[ $part ] : '';
		}
		return is_scalar( $value ) ? (string) $value : '';
	}

	/** A nested boolean by dotted key. */
	protected function flag( string $key ): bool {
		return in_array( $this->value( $key ), array( '1', 'true', 'yes' ), true );
	}

	/**
	 * A submitted text field, sanitized, by dotted key; null when the field was not on the form.
	 *
	 * @param array<string,mixed> $submitted Form fields.
	 * @param string              $key       Dotted key.
	 */
	protected static function text_field( array $submitted, string $key ): ?string {
		$value = self::raw( $submitted, $key );
		return is_scalar( $value ) ? sanitize_text_field( (string) $value ) : null;
	}

	/** A submitted checkbox (hidden "0" + box "1") as bool; null when absent. */
	protected static function bool_field( array $submitted, string $key ): ?bool {
		$value = self::raw( $submitted, $key );
		return is_scalar( $value ) ? '1' === (string) $value : null;
	}

	/**
	 * A submitted checkbox list, sanitized, without the empty marker; null when absent.
	 *
	 * @return string[]|null
	 */
	protected static function list_field( array $submitted, string $key ): ?array {
		$value = self::raw( $submitted, $key );
		if ( ! is_array( $value ) ) {
			return null;
		}
		$items = array_map( static fn ( $item ): string => sanitize_key( is_scalar( $item ) ? (string) $item : '' ), $value );
		return array_values( array_unique( array_filter( $items, static fn ( string $item ): bool => '' !== $item ) ) );
	}

	/**
	 * Drops the keys whose field was absent (null), so a partial update leaves them alone.
	 *
	 * @param array<string,mixed> $partial Values, null for absent.
	 * @return array<string,mixed>
	 */
	protected static function present( array $partial ): array {
		$result = array();
		foreach ( $partial as $key => $value ) {
			if ( is_array( $value ) && ! array_is_list( $value ) ) {
				$value = self::present( $value );
				if ( array() === $value ) {
					continue;
				}
			}
			if ( null !== $value ) {
				$result[ $key ] = $value;
			}
		}
		return $result;
	}

	/**
	 * @param array<string,mixed> $submitted Form fields.
	 * @return mixed The raw value at a dotted key, null when absent.
	 */
	private static function raw( array $submitted, string $key ) {
		$value = $submitted;
		foreach ( explode( '.', $key ) as $part ) {
			if ( ! is_array( $value ) || ! array_key_exists( $part, $value ) ) {
				return null;
			}
			$value = $value[ $part ];
		}
		return $value;
	}
}
