<?php
/**
 * REST: the plugin settings.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Rest;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Settings\Settings;

/**
 * `GET /settings` and `PUT|PATCH /settings` (partial update). The API token and secret are write-only: replies carry
 * `api_token_last4`, `api_token_set` and `api_secret_set` instead.
 */
final class SettingsController extends BaseController {

	public function __construct( private ?Settings $settings = null ) {
		$this->settings ??= new Settings();
	}

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			'/settings',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_settings' ),
					'permission_callback' => array( $this, 'can_manage' ),
				),
				array(
					'methods'             => \WP_REST_Server::EDITABLE,
					'callback'            => array( $this, 'update_settings' ),
					'permission_callback' => array( $this, 'can_manage' ),
					// Every key is checked by Settings::update(), which names the failing (possibly nested) field in data.field.
					'args'                => array(),
				),
				'schema' => array( $this, 'get_schema' ),
			)
		);
	}

	public function get_settings(): \WP_REST_Response {
		return rest_ensure_response( $this->settings->display() );
	}

	/**
	 * @param \WP_REST_Request $request Request with a JSON object of the keys to change.
	 */
	public function update_settings( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$partial = self::body( $request );
		if ( array() !== $partial && array_is_list( $partial ) ) {
			return new \WP_Error( 'modulus_sms_invalid_setting', __( 'Send the settings to change as a JSON object.', 'modulus-sms' ), array( 'status' => 400, 'field' => '' ) );
		}
		$result = $this->settings->update( $partial );
		return is_wp_error( $result ) ? $result : rest_ensure_response( $this->settings->display() );
	}

	/**
	 * JSON schema of the reply (documentation for integrations).
	 */
	public function get_schema(): array {
		$string  = array( 'type' => 'string' );
		$boolean = array( 'type' => 'boolean' );
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'modulus-sms-settings',
			'type'       => 'object',
			'properties' => array(
				'api_url'                => $string + array( 'format' => 'uri' ),
				'api_token'              => $string + array( 'context' => array( 'edit' ), 'description' => 'Write-only.' ),
				'api_secret'             => $string + array( 'context' => array( 'edit' ), 'description' => 'Write-only.' ),
				'api_token_last4'        => $string + array( 'readonly' => true ),
				'api_token_set'          => $boolean + array( 'readonly' => true ),
				'api_secret_set'         => $boolean + array( 'readonly' => true ),
				'sender_id'              => $string + array( 'maxLength' => 15 ),
				'routing'                => $string + array( 'enum' => array( 'sms', 'viber', 'viber2sms' ) ),
				'default_country'        => $string + array( 'pattern' => '^[A-Z]{2}$' ),
				'gsm7_transliterate'     => $boolean,
				'viber_fallback_timeout' => array( 'type' => 'integer', 'minimum' => 60, 'maximum' => 86400 ),
				'http_timeout'           => array( 'type' => 'integer', 'minimum' => 3, 'maximum' => 60 ),
				'quiet_hours'            => array( 'type' => 'object' ),
				'consent'                => array( 'type' => 'object' ),
				'back_in_stock'          => array( 'type' => 'object' ),
				'bulk_audience'          => $string + array( 'enum' => array( 'consented', 'all_customers' ) ),
				'order_statuses'         => array( 'type' => 'object' ),
				'held'                   => array( 'type' => array( 'object', 'null' ) ),
			),
		);
	}
}
