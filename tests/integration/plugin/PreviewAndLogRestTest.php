<?php
/**
 * `POST preview` (the core rendering on the server, as the browser preview does) and `GET messages` (the Log tab's filters).
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Plugin;

use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\PluginState;
use Modulus\Sms\Tests\Integration\Support\Rest;

final class PreviewAndLogRestTest extends IntegrationTestCase {

	public function test_preview_renders_with_the_given_variables(): void {
		$result = Rest::call(
			'POST',
			'/preview',
			array(
				'template' => 'Γεια σας {first_name}, η παραγγελία #{order_number} στάλθηκε.',
				'context'  => 'order',
				'vars'     => array(
					'first_name'   => 'Μαρία',
					'order_number' => '1042',
				),
			)
		);
		$this->assertStatus( 200, $result );
		$this->assertSame( 'Γεια σας Μαρία, η παραγγελία #1042 στάλθηκε.', $result->data['text'] );
		$this->assertSame( 'ucs2', $result->data['encoding'] );
		$this->assertSame( 1, $result->data['segments'] );
	}

	public function test_preview_without_variables_uses_sample_data_and_counts_gsm7_segments(): void {
		$result = Rest::call(
			'POST',
			'/preview',
			array(
				'template' => 'Hi {first_name}! ' . str_repeat( 'x', 160 ),
				'context'  => 'order',
			)
		);
		$this->assertStatus( 200, $result );
		$this->assertStringNotContainsString( '{first_name}', $result->data['text'] );
		$this->assertSame( 'gsm7', $result->data['encoding'] );
		$this->assertSame( 2, $result->data['segments'] );
	}

	public function test_a_broken_template_is_400_on_the_template_field(): void {
		$this->assertFieldError( 'template', Rest::call( 'POST', '/preview', array( 'template' => 'Hi {first_name', 'context' => 'order' ) ) );
	}

	public function test_the_log_lists_messages_with_filters_and_paging(): void {
		PluginState::clear_messages();
		$this->assertStatus( 200, Rest::call( 'POST', '/test', array( 'to' => '6912345678', 'text' => 'first' ) ) );
		self::$emulator->fault( array( 'status' => 401 ) );
		$this->assertStatus( 502, Rest::call( 'POST', '/test', array( 'to' => '6987654321', 'text' => 'second', 'channel' => 'viber' ) ) );

		$all = Rest::call( 'GET', '/messages', null, 'admin', array( 'kind' => 'test' ) );
		$this->assertStatus( 200, $all );
		$this->assertCount( 2, $all->data );
		$this->assertSame( '2', (string) ( $all->headers['X-WP-Total'] ?? '' ) );

		$failed = Rest::call( 'GET', '/messages', null, 'admin', array( 'status' => 'failed' ) )->data;
		$this->assertSame( array( 'second' ), array_column( $failed, 'text' ) );
		$viber = Rest::call( 'GET', '/messages', null, 'admin', array( 'channel' => 'viber' ) )->data;
		$this->assertSame( array( 'second' ), array_column( $viber, 'text' ) );
		$by_phone = Rest::call( 'GET', '/messages', null, 'admin', array( 'phone' => '+306912345678' ) )->data;
		$this->assertSame( array( 'first' ), array_column( $by_phone, 'text' ) );
		$this->assertSame( array(), Rest::call( 'GET', '/messages', null, 'admin', array( 'kind' => 'order_status' ) )->data );

		$page = Rest::call(
			'GET',
			'/messages',
			null,
			'admin',
			array(
				'per_page' => 1,
				'page'     => 2,
			)
		);
		$this->assertCount( 1, $page->data );
		$this->assertSame( '2', (string) ( $page->headers['X-WP-TotalPages'] ?? '' ) );

		$one = Rest::call( 'GET', '/messages/' . $failed[0]['id'] );
		$this->assertStatus( 200, $one );
		$this->assertSame( 'failed', $one->data['status'] );
		$this->assertFieldError( 'kind', Rest::call( 'GET', '/messages', null, 'admin', array( 'kind' => 'spam' ) ) );
	}
}
