<?php
/**
 * REST: the message log.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Rest;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Messages\Repository as Messages;
use Modulus\Sms\Messages\RowFormat;

/**
 * `GET /messages` with the Log tab's filters (kind, status, channel, date_from, date_to, phone, order_id, customer_id) and paging
 * (page, per_page; totals in the X-WP-Total and X-WP-TotalPages headers), newest first. `GET /messages/{id}` for one row.
 */
final class MessagesController extends BaseController {

	public function __construct( private ?Messages $messages = null ) {
		$this->messages ??= new Messages();
	}

	public function register_routes(): void {
		$date = array(
			'type'              => 'string',
			'format'            => 'date',
			'pattern'           => '^\d{4}-\d{2}-\d{2}$',
			'validate_callback' => 'rest_validate_request_arg',
		);
		register_rest_route(
			self::NAMESPACE,
			'/messages',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'list_messages' ),
				'permission_callback' => array( $this, 'can_manage' ),
				'args'                => array(
					'kind'        => self::enum_arg( RowFormat::KINDS ),
					'status'      => self::enum_arg( RowFormat::STATUSES ),
					'channel'     => self::enum_arg( array( 'sms', 'viber' ) ),
					'date_from'   => $date,
					'date_to'     => $date,
					'phone'       => array(
						'type'              => 'string',
						'maxLength'         => 32,
						'sanitize_callback' => 'sanitize_text_field',
						'validate_callback' => 'rest_validate_request_arg',
					),
					'order_id'    => array(
						'type'              => 'integer',
						'minimum'           => 1,
						'validate_callback' => 'rest_validate_request_arg',
					),
					'customer_id' => array(
						'type'              => 'integer',
						'minimum'           => 1,
						'validate_callback' => 'rest_validate_request_arg',
					),
					'page'        => array(
						'type'              => 'integer',
						'minimum'           => 1,
						'default'           => 1,
						'validate_callback' => 'rest_validate_request_arg',
					),
					'per_page'    => array(
						'type'              => 'integer',
						'minimum'           => 1,
						'maximum'           => 100,
						'default'           => 20,
						'validate_callback' => 'rest_validate_request_arg',
					),
				),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			'/messages/(?P<id>\d+)',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'get_message' ),
				'permission_callback' => array( $this, 'can_manage' ),
				'args'                => array( 'id' => self::id_arg() ),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function list_messages( \WP_REST_Request $request ): \WP_REST_Response {
		$filters = array();
		foreach ( array( 'kind', 'status', 'channel', 'date_from', 'date_to', 'phone', 'order_id', 'customer_id' ) as $name ) {
			$value = $request->get_param( $name );
			if ( null !== $value && '' !== $value ) {
				$filters[ $name ] = $value;
			}
		}
		$per_page = (int) $request->get_param( 'per_page' );
		$result   = $this->messages->query( $filters, (int) $request->get_param( 'page' ), $per_page );
		$response = rest_ensure_response( array_map( array( self::class, 'public_row' ), $result['rows'] ) );
		$response->header( 'X-WP-Total', (string) $result['total'] );
		$response->header( 'X-WP-TotalPages', (string) (int) ceil( $result['total'] / max( 1, $per_page ) ) );
		return $response;
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_message( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$row = $this->messages->find( (int) $request['id'] );
		if ( null === $row ) {
			return new \WP_Error( 'modulus_sms_message_not_found', __( 'There is no message with this ID.', 'modulus-sms' ), array( 'status' => 404 ) );
		}
		return rest_ensure_response( self::public_row( $row ) );
	}

	/**
	 * A row without the worker's internal claim lease.
	 *
	 * @param array $row Message row.
	 */
	private static function public_row( array $row ): array {
		unset( $row['lease_until'] );
		return $row;
	}

	/**
	 * @param string[] $values Allowed values.
	 */
	private static function enum_arg( array $values ): array {
		return array(
			'type'              => 'string',
			'enum'              => $values,
			'validate_callback' => 'rest_validate_request_arg',
		);
	}
}
