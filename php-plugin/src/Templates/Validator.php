<?php
/**
 * Checks a template before it is stored.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Templates;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Core\Core;

/**
 * The shape (title, body, context) is checked here; the body's syntax and variables by the core's `validate_template`, the same
 * code the browser editor runs, so a template the editor accepts is a template the server accepts.
 */
final class Validator {

	public const TITLE_MAX = 190;
	public const BODY_MAX  = 1000;

	/** @var callable(string, array): array */
	private $core;

	/**
	 * @param callable|null $core fn(string $op, array $input): array, default Core::call.
	 */
	public function __construct( ?callable $core = null ) {
		$this->core = $core ?? array( Core::class, 'call' );
	}

	/**
	 * @param array      $input    Submitted fields (all for a new template, some for an update).
	 * @param array|null $existing The stored template when updating.
	 * @return array|\WP_Error {title, body, context}, or an error with data {status, field, errors?, unknown_vars?}.
	 */
	public function validate( array $input, ?array $existing = null ): array|\WP_Error {
		$template = array(
			'title'   => $input['title'] ?? ( $existing['title'] ?? null ),
			'body'    => $input['body'] ?? ( $existing['body'] ?? null ),
			'context' => $input['context'] ?? ( $existing['context'] ?? 'order' ),
		);
		$title = is_string( $template['title'] ) ? trim( wp_strip_all_tags( $template['title'] ) ) : '';
		if ( '' === $title || mb_strlen( $title ) > self::TITLE_MAX ) {
			/* translators: %d: maximum number of characters */
			return self::invalid( 'title', sprintf( __( 'Enter a title of at most %d characters.', 'modulus-sms' ), self::TITLE_MAX ) );
		}
		$body = is_string( $template['body'] ) ? str_replace( "\r\n", "\n", trim( $template['body'] ) ) : '';
		if ( '' === $body || mb_strlen( $body ) > self::BODY_MAX || ! mb_check_encoding( $body, 'UTF-8' ) ) {
			/* translators: %d: maximum number of characters */
			return self::invalid( 'body', sprintf( __( 'Enter a message text of at most %d characters.', 'modulus-sms' ), self::BODY_MAX ) );
		}
		if ( ! in_array( $template['context'], Repository::CONTEXTS, true ) ) {
			/* translators: %s: comma-separated list of contexts */
			return self::invalid( 'context', sprintf( __( 'Choose one of: %s.', 'modulus-sms' ), implode( ', ', Repository::CONTEXTS ) ) );
		}

		$check = $this->core_check( $body, $template['context'] );
		if ( $check instanceof \WP_Error ) {
			return $check;
		}
		return array(
			'title'   => $title,
			'body'    => $body,
			'context' => $template['context'],
		);
	}

	/**
	 * @param string $body    Template body.
	 * @param string $context Template context.
	 * @return true|\WP_Error
	 */
	private function core_check( string $body, string $context ): bool|\WP_Error {
		try {
			$result = ( $this->core )( 'validate_template', array( 'template' => $body, 'context' => $context ) );
		} catch ( \Throwable $failure ) {
			$result = array( 'error' => array( 'code' => 'core_unavailable', 'message' => $failure->getMessage() ) );
		}
		if ( isset( $result['error'] ) || ! is_array( $result ) ) {
			return new \WP_Error(
				'modulus_sms_core_error',
				/* translators: %s: error message of the core */
				sprintf( __( 'The template could not be checked: %s', 'modulus-sms' ), (string) ( $result['error']['message'] ?? '' ) ),
				array( 'status' => 500 )
			);
		}
		if ( ! empty( $result['ok'] ) ) {
			return true;
		}
		$errors   = is_array( $result['errors'] ?? null ) ? $result['errors'] : array();
		$messages = array_map( array( self::class, 'describe' ), $errors );
		$error    = self::invalid( 'body', '' !== implode( '', $messages ) ? implode( ' ', $messages ) : __( 'The message text is not a valid template.', 'modulus-sms' ) );
		$error->add_data(
			array(
				'status'       => 400,
				'field'        => 'body',
				'errors'       => $errors,
				'unknown_vars' => is_array( $result['unknown_vars'] ?? null ) ? $result['unknown_vars'] : array(),
			)
		);
		return $error;
	}

	/**
	 * One core error as a sentence with its position.
	 *
	 * @param mixed $error {code, at, message}.
	 */
	private static function describe( mixed $error ): string {
		if ( ! is_array( $error ) ) {
			return '';
		}
		$message = (string) ( $error['message'] ?? $error['code'] ?? '' );
		if ( isset( $error['at'] ) && is_numeric( $error['at'] ) ) {
			/* translators: 1: error message, 2: character position in the template */
			return sprintf( __( '%1$s (at character %2$d)', 'modulus-sms' ), $message, (int) $error['at'] + 1 );
		}
		return $message;
	}

	/**
	 * @param string $field   Field name.
	 * @param string $message Translated message.
	 */
	private static function invalid( string $field, string $message ): \WP_Error {
		return new \WP_Error(
			'modulus_sms_invalid_template',
			$message,
			array(
				'status' => 400,
				'field'  => $field,
			)
		);
	}
}
