<?php
/**
 * Rows of a wp-admin `form-table` for the settings tabs.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * Prints labelled inputs with their description and, when the last save failed on that field,
 * the validation message beside it. Field names are dotted settings keys (`quiet_hours.start`),
 * posted as `quiet_hours[start]`.
 */
final class FormFields {

	/**
	 * @param string $error_field The dotted key the last save failed on ('' for none).
	 * @param string $error       The message for that field.
	 */
	public function __construct( private string $error_field = '', private string $error = '' ) {
	}

	/**
	 * A text-like input (text, url, number, time, tel).
	 *
	 * @param string               $key         Dotted settings key.
	 * @param string               $label       Translated label.
	 * @param string               $value       Current value.
	 * @param string               $description Translated help text ('' for none).
	 * @param array<string,string> $attributes  Extra input attributes (type defaults to text).
	 */
	public function input( string $key, string $label, string $value, string $description = '', array $attributes = array() ): void {
		$attributes = array_merge( array( 'type' => 'text', 'class' => 'regular-text' ), $attributes );
		$this->row_start( $key, $label );
		printf(
			'<input id="%1$s" name="%2$s" value="%3$s"%4$s%5$s />',
			esc_attr( self::id( $key ) ),
			esc_attr( self::name( $key ) ),
			esc_attr( $value ),
			$this->attributes( $attributes ), // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in attributes().
			$this->invalid_attributes( $key ) // phpcs:ignore WordPress.Security.EscapeOutput -- constant markup.
		);
		$this->row_end( $key, $description );
	}

	/**
	 * A secret that is never printed: the field starts empty, the placeholder shows the stored
	 * value's last characters, and an empty submission keeps what is stored.
	 *
	 * @param string $key         Dotted settings key.
	 * @param string $label       Translated label.
	 * @param string $mask        The masked stored value ('' when none is stored).
	 * @param string $description Translated help text.
	 */
	public function secret( string $key, string $label, string $mask, string $description ): void {
		$placeholder = '' === $mask ? __( 'Not set', 'modulus-sms' ) : $mask;
		$this->row_start( $key, $label );
		printf(
			'<input id="%1$s" name="%2$s" type="password" class="regular-text" value="" autocomplete="new-password" placeholder="%3$s"%4$s />',
			esc_attr( self::id( $key ) ),
			esc_attr( self::name( $key ) ),
			esc_attr( $placeholder ),
			$this->invalid_attributes( $key ) // phpcs:ignore WordPress.Security.EscapeOutput -- constant markup.
		);
		$this->row_end( $key, $description );
	}

	/**
	 * A select box.
	 *
	 * @param string               $key         Dotted settings key.
	 * @param string               $label       Translated label.
	 * @param string               $value       Selected value.
	 * @param array<string,string> $options     value => translated label.
	 * @param string               $description Translated help text.
	 */
	public function select( string $key, string $label, string $value, array $options, string $description = '' ): void {
		$this->row_start( $key, $label );
		printf(
			'<select id="%1$s" name="%2$s"%3$s>',
			esc_attr( self::id( $key ) ),
			esc_attr( self::name( $key ) ),
			$this->invalid_attributes( $key ) // phpcs:ignore WordPress.Security.EscapeOutput -- constant markup.
		);
		foreach ( $options as $option_value => $option_label ) {
			printf(
				'<option value="%1$s"%2$s>%3$s</option>',
				esc_attr( (string) $option_value ),
				selected( (string) $option_value, $value, false ),
				esc_html( $option_label )
			);
		}
		echo '</select>';
		$this->row_end( $key, $description );
	}

	/**
	 * A checkbox; a hidden field posts "0" when it is unticked, so unticking is saved too.
	 *
	 * @param string $key     Dotted settings key.
	 * @param string $label   Translated row label.
	 * @param bool   $checked Current state.
	 * @param string $text    Translated text beside the box.
	 */
	public function checkbox( string $key, string $label, bool $checked, string $text ): void {
		$this->row_start( $key, $label );
		printf(
			'<input type="hidden" name="%1$s" value="0" /><label for="%2$s"><input id="%2$s" name="%1$s" type="checkbox" value="1"%3$s /> %4$s</label>',
			esc_attr( self::name( $key ) ),
			esc_attr( self::id( $key ) ),
			checked( $checked, true, false ),
			esc_html( $text )
		);
		$this->row_end( $key, '' );
	}

	/**
	 * A group of checkboxes posting a list (`key[]`).
	 *
	 * @param string               $key      Dotted settings key.
	 * @param string               $label    Translated row label.
	 * @param string[]             $selected The ticked values.
	 * @param array<string,string> $options  value => translated label.
	 * @param string               $description Translated help text.
	 */
	public function checkbox_list( string $key, string $label, array $selected, array $options, string $description = '' ): void {
		$this->row_start( $key, $label, false );
		printf( '<fieldset id="%s"><legend class="screen-reader-text">%s</legend>', esc_attr( self::id( $key ) ), esc_html( $label ) );
		// An empty marker keeps "nothing ticked" distinguishable from "field not on the form".
		printf( '<input type="hidden" name="%s[]" value="" />', esc_attr( self::name( $key ) ) );
		foreach ( $options as $value => $option_label ) {
			printf(
				'<label><input type="checkbox" name="%1$s[]" value="%2$s"%3$s /> %4$s</label><br />',
				esc_attr( self::name( $key ) ),
				esc_attr( (string) $value ),
				checked( in_array( (string) $value, $selected, true ), true, false ),
				esc_html( $option_label )
			);
		}
		echo '</fieldset>';
		$this->row_end( $key, $description );
	}

	/** The HTML id of a field. */
	public static function id( string $key ): string {
		return 'modulus-sms-' . str_replace( array( '.', '_' ), '-', $key );
	}

	/** The posted name of a field: `a.b` → `a[b]`. */
	public static function name( string $key ): string {
		$parts = explode( '.', $key );
		$first = array_shift( $parts );
		return $first . implode( '', array_map( static fn ( string $part ): string => '[' . $part . ']', $parts ) );
	}

	private function row_start( string $key, string $label, bool $with_label_for = true ): void {
		echo '<tr><th scope="row">';
		if ( $with_label_for ) {
			printf( '<label for="%s">%s</label>', esc_attr( self::id( $key ) ), esc_html( $label ) );
		} else {
			echo esc_html( $label );
		}
		echo '</th><td>';
	}

	private function row_end( string $key, string $description ): void {
		if ( $this->has_error( $key ) ) {
			printf(
				'<p class="modulus-sms-field-error" id="%s-error" role="alert">%s</p>',
				esc_attr( self::id( $key ) ),
				esc_html( $this->error )
			);
		}
		if ( '' !== $description ) {
			printf( '<p class="description">%s</p>', esc_html( $description ) );
		}
		echo '</td></tr>';
	}

	private function has_error( string $key ): bool {
		return '' !== $this->error_field && $key === $this->error_field;
	}

	private function invalid_attributes( string $key ): string {
		if ( ! $this->has_error( $key ) ) {
			return '';
		}
		return sprintf( ' aria-invalid="true" aria-describedby="%s-error"', esc_attr( self::id( $key ) ) );
	}

	/**
	 * @param array<string,string> $attributes Attribute name => value.
	 */
	private function attributes( array $attributes ): string {
		$html = '';
		foreach ( $attributes as $name => $value ) {
			$html .= sprintf( ' %s="%s"', esc_attr( $name ), esc_attr( $value ) );
		}
		return $html;
	}
}
