<?php
/**
 * What every shop-manager REST controller of the plugin shares.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * Namespace `modulus-sms/v1`, the `manage_woocommerce` permission check and reading a JSON (or form) body. Semantic validation
 * errors come back as 400 with `data.field`; missing or mistyped parameters are WordPress's own `rest_missing_callback_param` /
 * `rest_invalid_param` (with `data.params`).
 */
abstract class BaseController {

	public const NAMESPACE = 'modulus-sms/v1';

	/**
	 * Add the controller's routes (on `rest_api_init`).
	 */
	abstract public function register_routes(): void;

	/**
	 * Permission callback of every route: shop managers and administrators only.
	 *
	 * @return true|\WP_Error
	 */
	public function can_manage(): bool|\WP_Error {
		if ( current_user_can( 'manage_woocommerce' ) ) {
			return true;
		}
		return new \WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to manage SMS messages.', 'modulus-sms' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * The request body as an array: JSON when sent as JSON, else the form fields.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	protected static function body( \WP_REST_Request $request ): array {
		$json = $request->get_json_params();
		return is_array( $json ) ? $json : (array) $request->get_body_params();
	}

	/**
	 * A positive integer path or query parameter.
	 *
	 * @return array Argument definition.
	 */
	protected static function id_arg(): array {
		return array(
			'type'              => 'integer',
			'minimum'           => 1,
			'required'          => true,
			'sanitize_callback' => 'absint',
			'validate_callback' => 'rest_validate_request_arg',
		);
	}
}
