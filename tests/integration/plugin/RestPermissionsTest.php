<?php
/**
 * Every admin route of `modulus-sms/v1` is `manage_woocommerce` only: anonymous → 401, customer → 403, shop manager and
 * administrator → allowed. Checked in-process for every route and over real HTTP for a few.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Plugin;

use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\Rest;
use Modulus\Sms\Tests\Integration\Support\Users;

final class RestPermissionsTest extends IntegrationTestCase {

	/** @var int A template the template/{id} routes act on. */
	private int $template_id = 0;

	protected function setUp(): void {
		parent::setUp();
		$row = ( new \Modulus\Sms\Templates\Repository() )->create(
			array(
				'title'   => 'Permissions test',
				'body'    => 'Order #{order_number}',
				'context' => 'order',
			)
		);
		$this->template_id = (int) ( $row['id'] ?? 0 );
		$this->assertGreaterThan( 0, $this->template_id );
	}

	protected function tearDown(): void {
		( new \Modulus\Sms\Templates\Repository() )->delete( $this->template_id );
		parent::tearDown();
	}

	/**
	 * Every admin route with a request a shop manager may make. Read routes must answer 200; write routes anything but 401/403.
	 *
	 * @return array<int, array{0: string, 1: string, 2: ?array}>
	 */
	private function routes(): array {
		$id = $this->template_id;
		return array(
			array( 'GET', '/settings', null ),
			array( 'PUT', '/settings', array( 'sender_id' => 'MyShop' ) ),
			array( 'GET', '/balance', null ),
			array( 'POST', '/test', array( 'to' => '+306912345678', 'text' => 'Permission check' ) ),
			array( 'GET', '/templates', null ),
			array( 'POST', '/templates', array( 'title' => 'x', 'body' => '{unknown_variable}', 'context' => 'order' ) ),
			array( 'GET', "/templates/$id", null ),
			array( 'PUT', "/templates/$id", array( 'title' => 'Permissions test' ) ),
			array( 'DELETE', "/templates/$id", null ),
			array( 'GET', '/order-statuses', null ),
			array( 'PUT', '/order-statuses', array() ),
			array( 'POST', '/preview', array( 'template' => 'Hi {first_name}', 'context' => 'order' ) ),
			array( 'GET', '/messages', null ),
		);
	}

	public function test_anonymous_callers_get_401_everywhere(): void {
		foreach ( $this->routes() as [ $method, $route, $body ] ) {
			$result = Rest::call( $method, $route, $body, Users::ANONYMOUS );
			$this->assertStatus( 401, $result, "$method $route" );
		}
		$this->assertSame( 0, self::$emulator->messages()['count'], 'nothing reached mMP' );
	}

	public function test_customers_get_403_everywhere(): void {
		foreach ( $this->routes() as [ $method, $route, $body ] ) {
			$result = Rest::call( $method, $route, $body, Users::CUSTOMER );
			$this->assertStatus( 403, $result, "$method $route" );
		}
		$this->assertSame( 0, self::$emulator->messages()['count'], 'nothing reached mMP' );
		$this->assertNotNull( ( new \Modulus\Sms\Templates\Repository() )->find( $this->template_id ), 'the customer deleted nothing' );
	}

	public function test_shop_managers_are_allowed_everywhere(): void {
		foreach ( array( Users::SHOP_MANAGER, Users::ADMIN ) as $who ) {
			foreach ( $this->routes() as [ $method, $route, $body ] ) {
				if ( 'DELETE' === $method ) {
					continue; // Checked last, once: it removes the template the other routes use.
				}
				$result = Rest::call( $method, $route, $body, $who );
				if ( 'GET' === $method ) {
					$this->assertStatus( 200, $result, "$who $method $route" );
				} else {
					$this->assertNotContains( $result->status, array( 401, 403 ), "$who $method $route → " . $result->describe() );
				}
			}
		}
		$this->assertContains( Rest::call( 'DELETE', '/templates/' . $this->template_id, null, Users::SHOP_MANAGER )->status, array( 200, 204 ) );
	}

	public function test_over_real_http(): void {
		$this->assertStatus( 401, Rest::http( 'GET', '/settings', null, Users::ANONYMOUS ), 'anonymous' );
		$this->assertStatus( 401, Rest::http( 'POST', '/test', array( 'to' => '+306912345678', 'text' => 'x' ), Users::ANONYMOUS ), 'anonymous' );
		$this->assertStatus( 403, Rest::http( 'GET', '/settings', null, Users::CUSTOMER ), 'customer' );
		$this->assertStatus( 403, Rest::http( 'PUT', '/settings', array( 'api_url' => 'http://127.0.0.1:9/evil' ), Users::CUSTOMER ), 'customer' );
		$this->assertStatus( 200, Rest::http( 'GET', '/templates', null, Users::SHOP_MANAGER ), 'shop manager' );
		$this->assertSame( self::$emulator->api_url(), Rest::call( 'GET', '/settings' )->data['api_url'], 'the customer changed nothing' );
		$this->assertSame( 0, self::$emulator->messages()['count'] );
	}
}
