<?php
/**
 * REST: render a template with sample or given values.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Rest;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Core\Core;
use Modulus\Sms\Templates\Repository as Templates;
use Modulus\Sms\Templates\SampleData;

/**
 * `POST /preview {template, context, vars?}` → the core's `render` output `{text, encoding, segments, units, unknown_vars}` plus
 * the `vars` it used (the context's sample data when none were given). A template the core cannot parse is a 400 with
 * `data.field = "template"`, the core's error code in `data.code` and the position in `data.at`.
 */
final class PreviewController extends BaseController {

	/** @var callable(string, array): array */
	private $core;

	/**
	 * @param callable|null $core fn(string $op, array $input): array, default Core::call.
	 */
	public function __construct( ?callable $core = null ) {
		$this->core = $core ?? array( Core::class, 'call' );
	}

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			'/preview',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'preview' ),
				'permission_callback' => array( $this, 'can_manage' ),
				'args'                => array(
					'template' => array(
						'type'              => 'string',
						'required'          => true,
						'maxLength'         => 5000,
						'validate_callback' => 'rest_validate_request_arg',
					),
					'context'  => array(
						'type'              => 'string',
						'enum'              => Templates::CONTEXTS,
						'default'           => 'order',
						'validate_callback' => 'rest_validate_request_arg',
					),
					'vars'     => array(
						'type'                 => 'object',
						'additionalProperties' => array( 'type' => array( 'string', 'number' ) ),
						'validate_callback'    => 'rest_validate_request_arg',
					),
				),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function preview( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$context = (string) $request->get_param( 'context' );
		$vars    = $request->get_param( 'vars' );
		$vars    = is_array( $vars ) ? array_map( 'strval', $vars ) : SampleData::for_context( $context );
		try {
			$output = ( $this->core )(
				'render',
				array(
					'template' => (string) $request->get_param( 'template' ),
					'context'  => $context,
					'vars'     => (object) $vars,
				)
			);
		} catch ( \Throwable $failure ) {
			$output = array( 'error' => array( 'code' => 'core_unavailable', 'message' => $failure->getMessage() ) );
		}
		if ( isset( $output['error'] ) ) {
			$code = (string) ( $output['error']['code'] ?? 'core_error' );
			return new \WP_Error(
				'modulus_sms_preview_failed',
				(string) ( $output['error']['message'] ?? $code ),
				array(
					// The template's fault is a 400; a core that failed (missing, trapped, internal error) is the server's.
					'status' => in_array( $code, array( 'core_unavailable', 'internal' ), true ) ? 500 : 400,
					'field'  => 'template',
					'code'   => $code,
					'at'     => $output['error']['at'] ?? null,
				)
			);
		}
		return rest_ensure_response( $output + array( 'vars' => (object) $vars ) );
	}
}
