<?php
/**
 * The facts an order gives its messages, read through WC_Order on HPOS.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Orders;

use Modulus\Sms\Checkout\ConsentStore;
use Modulus\Sms\Orders\OrderFacts;

require_once __DIR__ . '/OrdersTestCase.php';

final class OrderFactsTest extends OrdersTestCase {

	public function test_every_order_variable_is_plain_text_from_the_order(): void {
		$order = $this->new_order( array( 'first_name' => 'Μαρία & Co' ) );
		$order->set_shipping_phone( '2101234567' );
		$order->update_meta_data(
			'_wc_shipment_tracking_items',
			array(
				array( 'tracking_number' => 'OLD1' ),
				array( 'tracking_number' => 'EL123456789GR' ),
			)
		);
		$order->save();

		$vars = OrderFacts::from_order( $order, 'GR' )->vars();

		$expected = array( 'order_number', 'order_id', 'order_status', 'order_total', 'order_date', 'first_name', 'last_name', 'billing_phone', 'shipping_method', 'payment_method', 'order_url', 'tracking_number', 'items_count', 'shop_name', 'shop_url' );
		$this->assertSame( $expected, array_keys( $vars ) );
		$this->assertSame( (string) $order->get_id(), $vars['order_id'] );
		$this->assertSame( 'Processing', $vars['order_status'] );
		$this->assertSame( '19,90 €', $vars['order_total'], 'no HTML, no entities, no no-break space' );
		$this->assertSame( 'Μαρία & Co', $vars['first_name'] );
		$this->assertSame( 'Papadopoulou', $vars['last_name'] );
		$this->assertSame( self::LOCAL_PHONE, $vars['billing_phone'] );
		$this->assertSame( 'Cash on delivery', $vars['payment_method'] );
		$this->assertSame( 'EL123456789GR', $vars['tracking_number'], 'the latest Shipment Tracking item' );
		$this->assertSame( '1', $vars['items_count'] );
		$this->assertSame( $order->get_date_created()->date_i18n( 'd/m/Y' ), $vars['order_date'], 'the site date format' );
		$this->assertStringContainsString( 'order-received/' . $order->get_id(), $vars['order_url'], 'a guest gets the order-received link' );
		foreach ( $vars as $name => $value ) {
			$this->assertDoesNotMatchRegularExpression( '/<[a-z\/]|&[a-z#0-9]+;|\x{00A0}/iu', $value, "{$name} is plain text" );
		}
	}

	public function test_tracking_number_meta_keys_and_value_are_filterable(): void {
		$order = $this->new_order();
		$order->update_meta_data( '_my_carrier_code', 'ACS-42' );
		$order->save();
		$keys = static fn ( array $k ): array => array_merge( array( '_my_carrier_code' ), $k );
		add_filter( 'modulus_sms_tracking_meta_keys', $keys );
		try {
			$this->assertSame( 'ACS-42', OrderFacts::from_order( $order, 'GR' )->vars()['tracking_number'] );
		} finally {
			remove_filter( 'modulus_sms_tracking_meta_keys', $keys );
		}
	}

	public function test_recipient_carries_phone_country_consent_and_opt_out(): void {
		$order = $this->new_order( array( 'country' => 'CY', 'phone' => '99123456' ) );
		$facts = OrderFacts::from_order( $order, 'GR' );
		$this->assertSame( '99123456', $facts->phone() );
		$this->assertSame( 'CY', $facts->country(), 'the billing country reads a local number' );
		$this->assertNull( $facts->consent(), 'never asked' );
		$this->assertFalse( $facts->opted_out() );

		ConsentStore::record_checkout_answer( $order, false, 'text', 'classic_checkout' );
		$this->assertFalse( OrderFacts::from_order( $order, 'GR' )->consent() );

		$opt_out = static fn (): bool => true;
		add_filter( 'modulus_sms_is_opted_out', $opt_out );
		try {
			$this->assertTrue( OrderFacts::from_order( $order, 'GR' )->opted_out() );
		} finally {
			remove_filter( 'modulus_sms_is_opted_out', $opt_out );
		}
	}
}
