<?php
/**
 * `GET/POST templates`, `GET/PUT/DELETE templates/{id}`: CRUD through REST, validated by the core on the server.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Plugin;

use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\Rest;

final class TemplatesRestTest extends IntegrationTestCase {

	/** @var int[] Templates this test created, deleted afterwards. */
	private array $created = array();

	protected function tearDown(): void {
		$repository = new \Modulus\Sms\Templates\Repository();
		foreach ( $this->created as $id ) {
			$repository->delete( $id );
		}
		parent::tearDown();
	}

	private function create( array $template ): array {
		$result = Rest::call( 'POST', '/templates', $template );
		$this->assertContains( $result->status, array( 200, 201 ), $result->describe() );
		$this->assertIsInt( $result->data['id'] );
		$this->created[] = $result->data['id'];
		return $result->data;
	}

	public function test_create_read_update_delete(): void {
		$created = $this->create(
			array(
				'title'   => 'Shipped (test)',
				'body'    => 'Γεια σας {first_name}, η παραγγελία #{order_number} στάλθηκε. {shop_name}',
				'context' => 'order',
			)
		);
		$this->assertSame( 'Shipped (test)', $created['title'] );
		$this->assertSame( 'order', $created['context'] );

		$one = Rest::call( 'GET', '/templates/' . $created['id'] );
		$this->assertStatus( 200, $one );
		$this->assertSame( 'Γεια σας {first_name}, η παραγγελία #{order_number} στάλθηκε. {shop_name}', $one->data['body'] );

		$list = Rest::call( 'GET', '/templates' );
		$this->assertStatus( 200, $list );
		$this->assertContains( $created['id'], array_column( $this->rows( $list->data ), 'id' ) );

		$updated = Rest::call(
			'PUT',
			'/templates/' . $created['id'],
			array(
				'title' => 'Shipped (edited)',
				'body'  => 'Hi {first_name|there}, order #{order_number} has shipped.',
			)
		);
		$this->assertStatus( 200, $updated );
		$this->assertSame( 'Shipped (edited)', $updated->data['title'] );
		$this->assertSame( 'Hi {first_name|there}, order #{order_number} has shipped.', Rest::call( 'GET', '/templates/' . $created['id'] )->data['body'] );

		$deleted = Rest::call( 'DELETE', '/templates/' . $created['id'] );
		$this->assertContains( $deleted->status, array( 200, 204 ), $deleted->describe() );
		$this->assertStatus( 404, Rest::call( 'GET', '/templates/' . $created['id'] ) );
		$this->assertStatus( 404, Rest::call( 'PUT', '/templates/' . $created['id'], array( 'title' => 'x' ) ) );
		$this->assertStatus( 404, Rest::call( 'DELETE', '/templates/' . $created['id'] ) );
	}

	public function test_an_unknown_variable_is_400_on_the_body_field(): void {
		$result = Rest::call(
			'POST',
			'/templates',
			array(
				'title'   => 'Broken',
				'body'    => 'Hi {first_name}, your coupon is {coupon_of_the_day}.',
				'context' => 'order',
			)
		);
		$this->assertFieldError( 'body', $result );
		$this->assertStringContainsString( 'coupon_of_the_day', $result->raw );
		$this->assertNotContains( 'Broken', array_column( $this->rows( Rest::call( 'GET', '/templates' )->data ), 'title' ), 'nothing stored' );
	}

	public function test_an_unbalanced_brace_and_an_empty_title_are_rejected_on_update_too(): void {
		$created = $this->create(
			array(
				'title'   => 'Valid',
				'body'    => 'Order #{order_number}',
				'context' => 'order',
			)
		);
		$brace = Rest::call( 'PUT', '/templates/' . $created['id'], array( 'body' => 'Order #{order_number' ) );
		$this->assertFieldError( 'body', $brace );
		$title = Rest::call( 'PUT', '/templates/' . $created['id'], array( 'title' => '' ) );
		$this->assertFieldError( 'title', $title );
		$this->assertSame( 'Order #{order_number}', Rest::call( 'GET', '/templates/' . $created['id'] )->data['body'] );
	}

	public function test_a_variable_of_another_context_is_unknown(): void {
		$result = Rest::call(
			'POST',
			'/templates',
			array(
				'title'   => 'Product in an order template',
				'body'    => 'Back in stock: {product_name}',
				'context' => 'customer',
			)
		);
		$this->assertFieldError( 'body', $result );
	}

	/**
	 * The list of rows, whether the route answers a plain list or {rows, total}.
	 *
	 * @param mixed $data Decoded body.
	 */
	private function rows( mixed $data ): array {
		$this->assertIsArray( $data );
		return array_is_list( $data ) ? $data : (array) ( $data['rows'] ?? $data['templates'] ?? array() );
	}
}
