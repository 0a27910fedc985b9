<?php
/**
 * Sends from the order screen: a template or free text now, or a past message again as a new one.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Orders;

use Modulus\Sms\Messages\Repository;
use Modulus\Sms\Queue\Scheduler;
use Modulus\Sms\Queue\Worker;
use Modulus\Sms\Templates\Repository as Templates;

defined( 'ABSPATH' ) || exit;

/**
 * A manual message takes the same road as an automatic one (plan → row → worker), so consent, opt-out and quiet
 * hours are the core's call here too; when the plan says "now", the worker runs inside the admin's request so the
 * box can show the outcome at once. A stray queued action for the same row then finds it finished.
 */
final class ManualSender {

	public function __construct( private ?MessagePlanner $planner = null, private ?Repository $messages = null, private ?Templates $templates = null ) {
		$this->planner   ??= new MessagePlanner();
		$this->messages  ??= new Repository();
		$this->templates ??= new Templates();
	}

	/**
	 * @param \WC_Order   $order       The order.
	 * @param int         $template_id Template to render with the order's data (0: use $text).
	 * @param string      $text        Free text, used when no template is chosen.
	 * @param string|null $routing     sms | viber | viber2sms, null for the configured option.
	 * @param string      $request_id  Client-made id of this click; a retried request maps to the same message.
	 * @return array|\WP_Error The message row after the first send attempt, or why nothing was planned.
	 */
	public function send( \WC_Order $order, int $template_id, string $text, ?string $routing, string $request_id ) {
		if ( $template_id > 0 ) {
			$template = $this->templates->find( $template_id );
			if ( null === $template ) {
				return new \WP_Error( 'modulus_sms_no_template', __( 'That template does not exist.', 'modulus-sms' ), array( 'status' => 400, 'field' => 'template_id' ) );
			}
			$body = (string) $template['body'];
		} elseif ( '' !== trim( $text ) ) {
			$body = MessagePlanner::literal( $text );
		} else {
			return new \WP_Error( 'modulus_sms_empty', __( 'Choose a template or type a message.', 'modulus-sms' ), array( 'status' => 400, 'field' => 'text' ) );
		}
		$dedupe = '' === $request_id ? null : sprintf( 'manual:%d:%s', $order->get_id(), $request_id );
		return $this->send_now( $this->planner->plan_manual_message( $order, $body, $routing, $dedupe ) );
	}

	/**
	 * A past message of an order as a new message with the same text and routing.
	 *
	 * @param array  $original   The message row to resend.
	 * @param string $request_id Client-made id of this click.
	 * @return array|\WP_Error
	 */
	public function resend( array $original, string $request_id ) {
		$order = empty( $original['order_id'] ) ? false : wc_get_order( (int) $original['order_id'] );
		if ( ! $order instanceof \WC_Order ) {
			return new \WP_Error( 'modulus_sms_no_order', __( 'Only messages of an existing order can be resent here.', 'modulus-sms' ), array( 'status' => 400 ) );
		}
		if ( '' === trim( (string) $original['text'] ) ) {
			return new \WP_Error( 'modulus_sms_nothing_to_resend', __( 'This message has no text to resend.', 'modulus-sms' ), array( 'status' => 400 ) );
		}
		$dedupe = '' === $request_id ? null : sprintf( 'resend:%d:%s', (int) $original['id'], $request_id );
		$row    = $this->planner->plan_manual_message( $order, MessagePlanner::literal( (string) $original['text'] ), (string) $original['routing'], $dedupe );
		return $this->send_now( $row );
	}

	private function send_now( array $row ): array {
		$due = 'scheduled' === ( $row['status'] ?? '' ) && Scheduler::timestamp( $row['send_at'] ?? null ) <= time();
		if ( $due && ! empty( $row['id'] ) ) {
			Worker::run( (int) $row['id'] );
			$row = $this->messages->find( (int) $row['id'] ) ?? $row;
		}
		return $row;
	}
}
