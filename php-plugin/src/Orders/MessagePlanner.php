<?php
/**
 * From an order and a template to a stored, scheduled message (or a recorded skip).
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Orders;

use Modulus\Sms\Core\Core;
use Modulus\Sms\Messages\Repository;
use Modulus\Sms\Queue\Scheduler;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Templates\Repository as Templates;

defined( 'ABSPATH' ) || exit;

/**
 * The core decides (consent, opt-out, phone, rendering, quiet hours); this class only gathers the facts, writes the row
 * before anything is sent, and queues it. A dedupe key with a unique index turns a hook that fires twice, or two
 * racing requests, into one row.
 */
final class MessagePlanner {

	public function __construct( private ?Settings $settings = null, private ?Repository $messages = null, private ?Templates $templates = null ) {
		$this->settings  ??= new Settings();
		$this->messages  ??= new Repository();
		$this->templates ??= new Templates();
	}

	/**
	 * The automatic message for an order that reached $status, when that status is mapped to a template with auto-send on.
	 *
	 * @param \WC_Order $order  The order.
	 * @param string    $status Status slug without `wc-`.
	 * @return array|null The message row (new or the existing one with the same dedupe key), or null when nothing is mapped.
	 */
	public function plan_status_message( \WC_Order $order, string $status ): ?array {
		$status  = str_starts_with( $status, 'wc-' ) ? substr( $status, 3 ) : $status;
		$mapping = $this->settings->get()['order_statuses'][ $status ] ?? null;
		if ( ! is_array( $mapping ) || empty( $mapping['enabled'] ) || empty( $mapping['template_id'] ) ) {
			return null;
		}
		$dedupe_key = sprintf( 'order:%d:%s', $order->get_id(), $status );
		$existing   = $this->messages->find_by_dedupe_key( $dedupe_key );
		if ( null !== $existing ) {
			return $existing; // the hook fired again: no second plan (the unique index still settles true races)
		}
		$template = $this->templates->find( (int) $mapping['template_id'] );
		if ( null === $template ) {
			return $this->store( $this->skipped_row( 'order_status', $order, $dedupe_key, 'template_missing', '', $this->routing() ) );
		}
		return $this->plan_and_store( 'order_status', $order, (string) $template['body'], null, $dedupe_key );
	}

	/**
	 * A message an admin sends from the order screen: a template body (rendered with this order's data) or free text.
	 *
	 * @param \WC_Order   $order      The order.
	 * @param string      $template   Template body; free text must have its braces doubled (see literal()).
	 * @param string|null $routing    sms | viber | viber2sms, or null for the configured routing option.
	 * @param string|null $dedupe_key Makes a double-clicked or retried request one message.
	 * @return array The message row.
	 */
	public function plan_manual_message( \WC_Order $order, string $template, ?string $routing, ?string $dedupe_key ): array {
		return $this->plan_and_store( 'manual', $order, $template, $routing ?: null, $dedupe_key );
	}

	/**
	 * Free text as a template that renders to itself.
	 *
	 * @param string $text Text typed by an admin or copied from an earlier message.
	 */
	public static function literal( string $text ): string {
		return strtr(
			$text,
			array(
				'{' => '{{',
				'}' => '}}',
			)
		);
	}

	/**
	 * @param string|null $routing Null: the configured routing option.
	 */
	private function plan_and_store( string $kind, \WC_Order $order, string $template, ?string $routing, ?string $dedupe_key ): array {
		$core    = $this->settings->core_settings();
		$routing = $routing ?? (string) $core['routing'];
		$facts   = OrderFacts::from_order( $order, (string) $core['default_country'] );
		$core['routing'] = $routing;

		try {
			$plan = Core::call(
				'plan',
				array(
					'kind'      => $kind,
					'now'       => gmdate( 'Y-m-d\TH:i:s\Z' ),
					'settings'  => $core,
					'recipient' => $facts->recipient(),
					'template'  => $template,
					'context'   => 'order',
					'vars'      => $facts->vars(),
				)
			);
		} catch ( \Throwable $e ) {
			$plan = array(
				'error' => array(
					'code'    => 'core_unavailable',
					'message' => $e->getMessage(),
				),
			);
		}

		if ( isset( $plan['error'] ) ) {
			$row          = $this->skipped_row( $kind, $order, $dedupe_key, (string) ( $plan['error']['code'] ?? 'core_error' ), $facts->phone(), $routing );
			$row['error'] = (string) ( $plan['error']['message'] ?? '' );
			return $this->store( $row );
		}
		if ( 'send' !== ( $plan['action'] ?? '' ) ) {
			$row          = $this->skipped_row( $kind, $order, $dedupe_key, (string) ( $plan['reason'] ?? 'skipped' ), (string) ( $plan['to'] ?? $facts->phone() ), $routing );
			$row['text']  = (string) ( $plan['text'] ?? '' );
			$row['error'] = isset( $plan['detail'] ) ? (string) $plan['detail'] : null;
			return $this->store( $row );
		}

		return $this->store(
			array(
				'uuid'        => wp_generate_uuid4(),
				'kind'        => $kind,
				'dedupe_key'  => $dedupe_key,
				'order_id'    => $order->get_id(),
				'customer_id' => $order->get_customer_id() ?: null,
				'phone'       => (string) $plan['to'],
				'routing'     => $routing,
				'text'        => (string) $plan['text'],
				'sms_text'    => isset( $plan['sms_text'] ) ? (string) $plan['sms_text'] : null,
				'encoding'    => isset( $plan['encoding'] ) ? (string) $plan['encoding'] : null,
				'segments'    => isset( $plan['segments'] ) ? (int) $plan['segments'] : null,
				'status'      => 'scheduled',
				'attempts'    => array(),
				'send_at'     => (string) ( $plan['send_at'] ?? gmdate( 'Y-m-d\TH:i:s\Z' ) ),
			)
		);
	}

	private function skipped_row( string $kind, \WC_Order $order, ?string $dedupe_key, string $reason, string $phone, string $routing ): array {
		return array(
			'uuid'        => wp_generate_uuid4(),
			'kind'        => $kind,
			'dedupe_key'  => $dedupe_key,
			'order_id'    => $order->get_id(),
			'customer_id' => $order->get_customer_id() ?: null,
			'phone'       => $phone,
			'routing'     => $routing,
			'text'        => '',
			'status'      => 'skipped',
			'reason'      => $reason,
			'attempts'    => array(),
		);
	}

	/**
	 * Writes the row; only the request that created it queues it (a duplicate gets the existing row back untouched).
	 *
	 * @throws \RuntimeException When the database refuses the row: the caller must know nothing was planned.
	 */
	private function store( array $row ): array {
		$result = $this->messages->create( $row );
		$id     = (int) $result['id'];
		if ( $id <= 0 ) {
			throw new \RuntimeException( 'the message could not be stored: ' . (string) ( $result['error'] ?? 'unknown database error' ) );
		}
		if ( ! empty( $result['created'] ) ) {
			if ( 'scheduled' === $row['status'] ) {
				Scheduler::first_run_at( $id, Scheduler::timestamp( $row['send_at'] ?? null ) );
			} elseif ( 'manual' === $row['kind'] ) {
				OrderNotes::message_changed( $row );
			}
		}
		return $this->messages->find( $id ) ?? $row + array( 'id' => $id );
	}

	private function routing(): string {
		return (string) ( $this->settings->get()['routing'] ?? 'sms' );
	}
}
