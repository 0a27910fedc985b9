<?php
/**
 * `GET/PUT modulus-sms/v1/order-statuses`: one row per WooCommerce order status (custom ones included), mapped to templates.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Plugin;

use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\Rest;
use Modulus\Sms\Templates\Repository as Templates;

final class OrderStatusesRestTest extends IntegrationTestCase {

	private mixed $saved_option;
	private int $template_id;

	protected function setUp(): void {
		parent::setUp();
		$this->saved_option = get_option( Settings::OPTION );
		$this->template_id  = (int) ( new Templates() )->create(
			array(
				'title'   => 'Mapped in a test',
				'body'    => 'Order #{order_number}: {order_status}',
				'context' => 'order',
			)
		)['id'];
		add_filter( 'wc_order_statuses', array( self::class, 'add_custom_status' ) );
	}

	protected function tearDown(): void {
		remove_filter( 'wc_order_statuses', array( self::class, 'add_custom_status' ) );
		update_option( Settings::OPTION, $this->saved_option );
		( new Templates() )->delete( $this->template_id );
		parent::tearDown();
	}

	/**
	 * A shop's own status, registered the way extensions do.
	 *
	 * @param array $statuses wc-slug => label.
	 */
	public static function add_custom_status( array $statuses ): array {
		return $statuses + array( 'wc-awaiting-pickup' => 'Awaiting pickup' );
	}

	private function row_for( array $rows, string $slug ): array {
		foreach ( $rows as $row ) {
			if ( $row['status'] === $slug ) {
				return $row;
			}
		}
		$this->fail( "no row for $slug in " . wp_json_encode( $rows ) );
	}

	public function test_one_row_per_order_status_including_custom_ones(): void {
		$result = Rest::call( 'GET', '/order-statuses' );
		$this->assertStatus( 200, $result );
		$expected = array_map( static fn( string $slug ): string => substr( $slug, 3 ), array_keys( wc_get_order_statuses() ) );
		$this->assertSame( $expected, array_column( $result->data, 'status' ) );
		$this->assertContains( 'awaiting-pickup', $expected );
		$pickup = $this->row_for( $result->data, 'awaiting-pickup' );
		$this->assertSame( 'Awaiting pickup', $pickup['label'] );
		foreach ( $result->data as $row ) {
			$this->assertSame( array( 'status', 'label', 'enabled', 'template_id' ), array_keys( $row ) );
			$this->assertIsBool( $row['enabled'] );
			$this->assertIsInt( $row['template_id'] );
		}
	}

	public function test_put_maps_statuses_to_templates_and_round_trips(): void {
		$before = Rest::call( 'GET', '/order-statuses' )->data;
		$result = Rest::call(
			'PUT',
			'/order-statuses',
			array(
				array(
					'status'      => 'on-hold',
					'enabled'     => true,
					'template_id' => $this->template_id,
				),
				array(
					'status'      => 'wc-awaiting-pickup',
					'enabled'     => true,
					'template_id' => $this->template_id,
				),
			)
		);
		$this->assertStatus( 200, $result );
		foreach ( array( 'on-hold', 'awaiting-pickup' ) as $slug ) {
			$row = $this->row_for( $result->data, $slug );
			$this->assertSame( array( true, $this->template_id ), array( $row['enabled'], $row['template_id'] ), $slug );
		}
		$this->assertSame( $this->row_for( $before, 'completed' ), $this->row_for( $result->data, 'completed' ), 'statuses not sent are unchanged' );

		wp_cache_flush();
		$stored = ( new Settings() )->get()['order_statuses'];
		$this->assertTrue( (bool) $stored['on-hold']['enabled'] );
		$this->assertSame( $this->template_id, (int) $stored['on-hold']['template_id'] );
		$this->assertSame( $this->template_id, (int) $this->row_for( Rest::call( 'GET', '/order-statuses' )->data, 'on-hold' )['template_id'] );
	}

	public function test_an_unknown_status_or_template_is_400_naming_it(): void {
		$before = get_option( Settings::OPTION );
		$this->assertFieldError(
			'order_statuses.no-such-status',
			Rest::call( 'PUT', '/order-statuses', array( array( 'status' => 'no-such-status', 'enabled' => true, 'template_id' => $this->template_id ) ) )
		);
		$missing = Rest::call( 'PUT', '/order-statuses', array( array( 'status' => 'on-hold', 'enabled' => true, 'template_id' => 99999999 ) ) );
		$this->assertFieldError( 'order_statuses.on-hold.template_id', $missing );
		wp_cache_flush();
		$this->assertSame( $before, get_option( Settings::OPTION ) );
	}

	public function test_a_template_still_mapped_cannot_be_deleted(): void {
		Rest::call( 'PUT', '/order-statuses', array( array( 'status' => 'on-hold', 'enabled' => true, 'template_id' => $this->template_id ) ) );
		$refused = Rest::call( 'DELETE', '/templates/' . $this->template_id );
		$this->assertStatus( 409, $refused );
		$this->assertContains( 'on-hold', $refused->error_data()['used_by'] ?? array() );
		$this->assertNotNull( ( new Templates() )->find( $this->template_id ) );
	}
}
