<?php
/**
 * REST: which order statuses send a message, with which template.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Rest;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Settings\Settings;

/**
 * `GET /order-statuses` → `[{status, label, enabled, template_id}]`, one per status of `wc_get_order_statuses()` (custom statuses
 * included; `status` without the `wc-` prefix). `PUT /order-statuses` takes the same list (labels ignored; `enabled` and
 * `template_id` optional per item) or an object `{slug: {enabled?, template_id?}}`, and answers with the new list.
 */
final class OrderStatusesController extends BaseController {

	public function __construct( private ?Settings $settings = null ) {
		$this->settings ??= new Settings();
	}

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			'/order-statuses',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'list_statuses' ),
					'permission_callback' => array( $this, 'can_manage' ),
				),
				array(
					'methods'             => \WP_REST_Server::EDITABLE,
					'callback'            => array( $this, 'update_statuses' ),
					'permission_callback' => array( $this, 'can_manage' ),
				),
			)
		);
	}

	public function list_statuses(): \WP_REST_Response {
		$mapping = $this->settings->get()['order_statuses'];
		$items   = array();
		foreach ( self::statuses() as $slug => $label ) {
			$items[] = array(
				'status'      => $slug,
				'label'       => $label,
				'enabled'     => (bool) ( $mapping[ $slug ]['enabled'] ?? false ),
				'template_id' => (int) ( $mapping[ $slug ]['template_id'] ?? 0 ),
			);
		}
		return rest_ensure_response( $items );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function update_statuses( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$body    = self::body( $request );
		$known   = self::statuses();
		$partial = array();
		foreach ( $body as $key => $item ) {
			if ( ! is_array( $item ) ) {
				return self::invalid( 'order_statuses', __( 'Each order status must be an object.', 'modulus-sms' ) );
			}
			$slug = preg_replace( '/^wc-/', '', (string) ( is_int( $key ) ? ( $item['status'] ?? '' ) : $key ) );
			if ( ! isset( $known[ $slug ] ) ) {
				/* translators: %s: order status slug */
				return self::invalid( 'order_statuses.' . $slug, sprintf( __( '"%s" is not an order status of this shop.', 'modulus-sms' ), $slug ) );
			}
			$partial[ $slug ] = array_intersect_key( $item, array_flip( array( 'enabled', 'template_id' ) ) );
		}
		$result = $this->settings->update( array( 'order_statuses' => $partial ) );
		return is_wp_error( $result ) ? $result : $this->list_statuses();
	}

	/**
	 * The shop's order statuses, slug (without "wc-") => label.
	 *
	 * @return array<string, string>
	 */
	private static function statuses(): array {
		$statuses = array();
		foreach ( wc_get_order_statuses() as $slug => $label ) {
			$statuses[ preg_replace( '/^wc-/', '', (string) $slug ) ] = wp_strip_all_tags( (string) $label );
		}
		return $statuses;
	}

	/**
	 * @param string $field   Field path.
	 * @param string $message Translated message.
	 */
	private static function invalid( string $field, string $message ): \WP_Error {
		return new \WP_Error(
			'modulus_sms_invalid_setting',
			$message,
			array(
				'status' => 400,
				'field'  => $field,
			)
		);
	}
}
