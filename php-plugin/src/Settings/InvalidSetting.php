<?php
/**
 * A rejected setting value.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Thrown by SettingsValidator; carries the dotted path of the field (`quiet_hours.start`) so the screen can show the message beside it.
 */
final class InvalidSetting extends \InvalidArgumentException {

	/**
	 * @param string $field   Dotted path of the rejected field.
	 * @param string $message Translated message for the shop owner.
	 */
	public function __construct( public readonly string $field, string $message ) {
		parent::__construct( $message );
	}
}
