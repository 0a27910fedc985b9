<?php
/**
 * REST: message templates.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Rest;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Templates\Repository as Templates;
use Modulus\Sms\Templates\Validator;

/**
 * `GET|POST /templates`, `GET|PUT|PATCH|DELETE /templates/{id}`. Saving runs the core's `validate_template`: an unknown variable is
 * a 400 with `data.field = "body"`, `data.errors` (the core's `{code, at, message}` list) and `data.unknown_vars`. A template still
 * chosen for an order status or for back-in-stock messages cannot be deleted (409, `data.used_by`).
 */
final class TemplatesController extends BaseController {

	public function __construct( private ?Templates $templates = null, private ?Validator $validator = null, private ?Settings $settings = null ) {
		$this->templates ??= new Templates();
		$this->validator ??= new Validator();
		$this->settings  ??= new Settings();
	}

	public function register_routes(): void {
		$fields = array(
			'title'   => array(
				'type'              => 'string',
				'validate_callback' => 'rest_validate_request_arg',
			),
			'body'    => array(
				'type'              => 'string',
				'validate_callback' => 'rest_validate_request_arg',
			),
			'context' => array(
				'type'              => 'string',
				'enum'              => Templates::CONTEXTS,
				'validate_callback' => 'rest_validate_request_arg',
			),
		);
		register_rest_route(
			self::NAMESPACE,
			'/templates',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'list_templates' ),
					'permission_callback' => array( $this, 'can_manage' ),
					'args'                => array( 'context' => $fields['context'] ),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_template' ),
					'permission_callback' => array( $this, 'can_manage' ),
					'args'                => array(
						'title' => $fields['title'] + array( 'required' => true ),
						'body'  => $fields['body'] + array( 'required' => true ),
					) + $fields,
				),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			'/templates/(?P<id>\d+)',
			array(
				'args' => array( 'id' => self::id_arg() ),
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_template' ),
					'permission_callback' => array( $this, 'can_manage' ),
				),
				array(
					'methods'             => \WP_REST_Server::EDITABLE,
					'callback'            => array( $this, 'update_template' ),
					'permission_callback' => array( $this, 'can_manage' ),
					'args'                => $fields,
				),
				array(
					'methods'             => \WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_template' ),
					'permission_callback' => array( $this, 'can_manage' ),
				),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function list_templates( \WP_REST_Request $request ): \WP_REST_Response {
		$context = $request->get_param( 'context' );
		return rest_ensure_response( $this->templates->all( is_string( $context ) && '' !== $context ? $context : null ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_template( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$template = $this->templates->find( (int) $request['id'] );
		return null === $template ? self::not_found() : rest_ensure_response( $template );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function create_template( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$valid = $this->validator->validate( self::fields( $request ) );
		if ( is_wp_error( $valid ) ) {
			return $valid;
		}
		$template = $this->templates->create( $valid );
		if ( null === $template ) {
			return new \WP_Error( 'modulus_sms_store_failed', __( 'The template could not be saved.', 'modulus-sms' ), array( 'status' => 500 ) );
		}
		$response = rest_ensure_response( $template );
		$response->set_status( 201 );
		$response->header( 'Location', rest_url( self::NAMESPACE . '/templates/' . $template['id'] ) );
		return $response;
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function update_template( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$existing = $this->templates->find( (int) $request['id'] );
		if ( null === $existing ) {
			return self::not_found();
		}
		$valid = $this->validator->validate( self::fields( $request ), $existing );
		if ( is_wp_error( $valid ) ) {
			return $valid;
		}
		return rest_ensure_response( $this->templates->update( $existing['id'], $valid ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function delete_template( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$existing = $this->templates->find( (int) $request['id'] );
		if ( null === $existing ) {
			return self::not_found();
		}
		$used_by = $this->used_by( $existing['id'] );
		if ( array() !== $used_by ) {
			return new \WP_Error(
				'modulus_sms_template_in_use',
				/* translators: %s: comma-separated list of order statuses or "back in stock" */
				sprintf( __( 'This template is still used for: %s. Choose another template there first.', 'modulus-sms' ), implode( ', ', $used_by ) ),
				array(
					'status'  => 409,
					'used_by' => $used_by,
				)
			);
		}
		$this->templates->delete( $existing['id'] );
		return rest_ensure_response(
			array(
				'deleted'  => true,
				'previous' => $existing,
			)
		);
	}

	/**
	 * Where the template is chosen: order status slugs, and "back_in_stock".
	 *
	 * @param int $id Template id.
	 * @return string[]
	 */
	private function used_by( int $id ): array {
		$settings = $this->settings->get();
		$used_by  = array();
		foreach ( $settings['order_statuses'] as $slug => $row ) {
			if ( (int) ( $row['template_id'] ?? 0 ) === $id ) {
				$used_by[] = (string) $slug;
			}
		}
		if ( (int) $settings['back_in_stock']['template_id'] === $id ) {
			$used_by[] = 'back_in_stock';
		}
		return $used_by;
	}

	/**
	 * The template fields present in the request.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	private static function fields( \WP_REST_Request $request ): array {
		$fields = array();
		foreach ( array( 'title', 'body', 'context' ) as $name ) {
			if ( null !== $request->get_param( $name ) ) {
				$fields[ $name ] = $request->get_param( $name );
			}
		}
		return $fields;
	}

	private static function not_found(): \WP_Error {
		return new \WP_Error( 'modulus_sms_template_not_found', __( 'There is no template with this ID.', 'modulus-sms' ), array( 'status' => 404 ) );
	}
}
