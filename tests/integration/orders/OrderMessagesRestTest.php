<?php
/**
 * The order box's REST routes: send now, history, resend, permissions.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Orders;

use Modulus\Sms\Tests\Integration\Support\Rest;
use Modulus\Sms\Tests\Integration\Support\Users;

require_once __DIR__ . '/OrdersTestCase.php';

final class OrderMessagesRestTest extends OrdersTestCase {

	public function test_send_free_text_now_shows_it_in_the_history_and_adds_an_order_note(): void {
		$order = $this->new_order();

		$sent = Rest::call( 'POST', "orders/{$order->get_id()}/messages", array( 'text' => 'Your parcel {left} today.', 'channel' => 'sms' ), Users::SHOP_MANAGER );
		$this->assertStatus( 201, $sent );
		$this->assertSame( 'sent', $sent->data['message']['status'], 'sent inside the request' );
		$this->assertSame( 'Your parcel {left} today.', $this->onlySendRequest()['body']['text'], 'free text goes out as typed, braces included' );
		$this->assertStringContainsString( 'Your parcel {left} today.', $sent->data['html'] );

		$list = Rest::call( 'GET', "orders/{$order->get_id()}/messages", null, Users::SHOP_MANAGER );
		$this->assertStatus( 200, $list );
		$this->assertCount( 1, $list->data['messages'] );
		$this->assertSame( 'manual', $list->data['messages'][0]['kind'] );
		$this->assertStringContainsString( 'SMS accepted', $list->data['html'], 'the attempts chain is shown' );

		$notes = implode( "\n", array_map( static fn ( $n ) => $n->content, wc_get_order_notes( array( 'order_id' => $order->get_id() ) ) ) );
		$this->assertStringContainsString( 'modulus SMS: SMS message sent to ' . self::E164_PHONE, $notes );
	}

	public function test_send_with_a_template_renders_this_orders_data(): void {
		$order = $this->new_order();
		$sent  = Rest::call( 'POST', "orders/{$order->get_id()}/messages", array( 'template_id' => $this->template_id ), Users::ADMIN );
		$this->assertStatus( 201, $sent );
		$this->assertSame(
			sprintf( 'Hi Maria, order #%s is complete. Total 19,90 €.', $order->get_order_number() ),
			$this->onlySendRequest()['body']['text']
		);
	}

	public function test_the_same_request_id_twice_is_one_message(): void {
		$order = $this->new_order();
		$body  = array(
			'text'       => 'Only once',
			'request_id' => 'f1d2c3b4-0000-4000-8000-000000000001',
		);
		$this->assertStatus( 201, Rest::call( 'POST', "orders/{$order->get_id()}/messages", $body ) );
		$this->assertStatus( 201, Rest::call( 'POST', "orders/{$order->get_id()}/messages", $body ) );
		$this->onlySendRequest();
	}

	public function test_resend_makes_a_new_message_with_the_same_text(): void {
		$order = $this->new_order();
		$first = Rest::call( 'POST', "orders/{$order->get_id()}/messages", array( 'text' => 'Ready for pickup' ) );
		$this->assertStatus( 201, $first );

		$again = Rest::call( 'POST', "messages/{$first->data['message']['id']}/resend", array() );
		$this->assertStatus( 201, $again );
		$this->assertNotSame( $first->data['message']['id'], $again->data['message']['id'] );
		$this->assertNotSame( $first->data['message']['uuid'], $again->data['message']['uuid'] );
		$this->assertSame( 'sent', $again->data['message']['status'] );

		$sends = self::$emulator->send_requests();
		$this->assertSame( array( 'Ready for pickup', 'Ready for pickup' ), array_map( static fn ( $s ) => $s['body']['text'], $sends ) );
		$this->assertCount( 2, array_unique( array_column( $sends, 'idempotency_key' ) ) );
		$this->assertCount( 2, $again->data['messages'] );
	}

	public function test_nothing_to_send_is_a_400_naming_the_field(): void {
		$order = $this->new_order();
		$empty = Rest::call( 'POST', "orders/{$order->get_id()}/messages", array( 'text' => '   ' ) );
		$this->assertStatus( 400, $empty );
		$this->assertSame( 'text', $empty->error_data()['field'] ?? null );
		$this->assertStatus( 404, Rest::call( 'GET', 'orders/999999999/messages' ) );
		$this->assertStatus( 400, Rest::call( 'POST', "orders/{$order->get_id()}/messages", array( 'text' => 'x', 'channel' => 'fax' ) ) );
	}

	public function test_only_shop_managers_may_use_the_routes(): void {
		$order = $this->new_order();
		$route = "orders/{$order->get_id()}/messages";
		$this->assertStatus( 401, Rest::call( 'GET', $route, null, Users::ANONYMOUS ) );
		$this->assertStatus( 403, Rest::call( 'GET', $route, null, Users::CUSTOMER ) );
		$this->assertStatus( 403, Rest::call( 'POST', $route, array( 'text' => 'hi' ), Users::CUSTOMER ) );
		$this->assertStatus( 401, Rest::call( 'POST', 'messages/1/resend', array(), Users::ANONYMOUS ) );
		$this->assertStatus( 200, Rest::call( 'GET', $route, null, Users::SHOP_MANAGER ) );
		$this->assertSame( array(), self::$emulator->send_requests() );
	}
}
