<?php
/**
 * JSON encoding of core inputs.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Core;

defined( 'ABSPATH' ) || exit;

/**
 * Encodes an op's input as the core expects it. PHP has one array type, so an empty array would become `[]` where the
 * core wants an object; it becomes `{}` at the top level, under the keys whose values are objects in every op, and for
 * each element of `items` (plan_batch). Everything else is encoded as json_encode sees it.
 */
final class InputJson {

	/** Keys whose value is a JSON object in the core's inputs (DESIGN.md, docs/CONTRACTS.md). */
	private const OBJECT_KEYS = array(
		'vars'        => true,
		'settings'    => true,
		'recipient'   => true,
		'consent'     => true,
		'quiet_hours' => true,
		'quiet'       => true,
		'policy'      => true,
		'common'      => true,
	);

	/** Keys whose value is a list of objects. */
	private const OBJECT_LIST_KEYS = array(
		'items' => true,
	);

	/**
	 * @param array<mixed> $input The op's input.
	 * @return string UTF-8 JSON with unescaped Unicode and slashes.
	 * @throws CoreError When the input cannot be encoded (invalid UTF-8, NAN, recursion).
	 */
	public static function encode( array $input ): string {
		try {
			return json_encode( self::shape( $input, true ), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR );
		} catch ( \JsonException $e ) {
			throw new CoreError( 'the input cannot be encoded as JSON: ' . $e->getMessage(), 0, $e );
		}
	}

	/**
	 * @param mixed $value         A value of the input.
	 * @param bool  $is_object_key Whether the value sits where the core expects an object.
	 * @return mixed The value with empty arrays in object positions replaced by empty objects.
	 */
	private static function shape( mixed $value, bool $is_object_key ): mixed {
		if ( ! is_array( $value ) ) {
			return $value;
		}
		if ( array() === $value ) {
			return $is_object_key ? new \stdClass() : $value;
		}
		foreach ( $value as $key => $child ) {
			if ( is_string( $key ) && isset( self::OBJECT_LIST_KEYS[ $key ] ) && is_array( $child ) && array_is_list( $child ) ) {
				$value[ $key ] = array_map( static fn ( mixed $item ): mixed => self::shape( $item, true ), $child );
			} else {
				$value[ $key ] = self::shape( $child, is_string( $key ) && isset( self::OBJECT_KEYS[ $key ] ) );
			}
		}
		return $value;
	}
}
