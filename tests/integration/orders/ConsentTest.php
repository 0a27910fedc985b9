<?php
/**
 * Consent at checkout (classic form handler, block checkout through the Additional Checkout Fields API) and on My Account.
 * The browser suite places real orders; these tests pin the storage and its effect on order messages.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Orders;

use Automattic\WooCommerce\Blocks\Domain\Services\CheckoutFields;
use Automattic\WooCommerce\Blocks\Package;
use Modulus\Sms\Account\ConsentPreferences;
use Modulus\Sms\Checkout\BlockConsentField;
use Modulus\Sms\Checkout\ConsentField;
use Modulus\Sms\Checkout\ConsentStore;
use Modulus\Sms\Tests\Integration\Support\Users;

require_once __DIR__ . '/OrdersTestCase.php';

final class ConsentTest extends OrdersTestCase {

	private const TEXT = 'Στείλτε μου ενημερώσεις της παραγγελίας με SMS.';

	protected function setUp(): void {
		parent::setUp();
		$this->configure(
			array(
				'consent' => array(
					'enabled'                    => true,
					'checkbox_text'              => self::TEXT,
					'required_for_order_updates' => true,
				),
			)
		);
		$customer = Users::id( Users::CUSTOMER );
		foreach ( array( ConsentStore::USER_ANSWER, ConsentStore::USER_TEXT, ConsentStore::USER_TIME, ConsentStore::USER_OPTED_OUT ) as $key ) {
			delete_user_meta( $customer, $key );
		}
	}

	protected function tearDown(): void {
		$_POST = array();
		wp_set_current_user( 0 );
		parent::tearDown();
	}

	public function test_classic_checkout_shows_the_configured_text_and_stores_answer_text_and_time(): void {
		ob_start();
		ConsentField::render();
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( 'name="modulus_sms_consent"', $html );
		$this->assertStringContainsString( esc_html( self::TEXT ), $html );
		$this->assertStringNotContainsString( 'checked', $html, 'never pre-ticked' );

		$order = $this->new_order( array(), 'pending' );
		$order->set_customer_id( Users::id( Users::CUSTOMER ) );
		$_POST = array( 'modulus_sms_consent' => '1' );
		ConsentField::save( $order, array() );
		$order->save();

		$stored = wc_get_order( $order->get_id() );
		$this->assertSame( 'yes', $stored->get_meta( ConsentStore::ORDER_ANSWER ) );
		$this->assertSame( self::TEXT, $stored->get_meta( ConsentStore::ORDER_TEXT ) );
		$this->assertEqualsWithDelta( time(), strtotime( (string) $stored->get_meta( ConsentStore::ORDER_TIME ) ), 60 );
		$this->assertSame( 'classic_checkout', $stored->get_meta( ConsentStore::ORDER_SOURCE ) );
		$this->assertTrue( ConsentStore::customer_answer( Users::id( Users::CUSTOMER ) ), 'stored on the registered customer too' );
	}

	public function test_classic_checkout_shows_nothing_when_consent_is_off(): void {
		$this->configure( array( 'consent' => array( 'enabled' => false ) ) );
		ob_start();
		ConsentField::render();
		$this->assertSame( '', trim( (string) ob_get_clean() ) );
	}

	public function test_block_checkout_field_value_is_read_through_the_checkout_fields_api(): void {
		BlockConsentField::register_field();
		$fields = Package::container()->get( CheckoutFields::class );
		$this->assertTrue( $fields->is_field( BlockConsentField::FIELD_ID ), 'registered as an additional checkout field' );
		$this->assertSame( 'order', $fields->get_field_location( BlockConsentField::FIELD_ID ) );

		$order = $this->new_order( array(), 'checkout-draft' );
		$fields->persist_field_for_order( BlockConsentField::FIELD_ID, true, $order, 'other', false );
		BlockConsentField::record( $order );
		$order->save();

		$stored = wc_get_order( $order->get_id() );
		$this->assertSame( 'yes', $stored->get_meta( ConsentStore::ORDER_ANSWER ) );
		$this->assertSame( self::TEXT, $stored->get_meta( ConsentStore::ORDER_TEXT ) );
		$this->assertSame( 'block_checkout', $stored->get_meta( ConsentStore::ORDER_SOURCE ) );

		$stored->update_status( 'completed' );
		$this->assertSame( 'scheduled', $this->message_for( $stored )['status'], 'consent given: the update is planned' );
	}

	public function test_withdrawing_on_my_account_stops_order_messages_and_giving_it_again_restores_them(): void {
		$customer = Users::id( Users::CUSTOMER );
		// An order placed with consent; the customer withdraws afterwards.
		$order = $this->new_order();
		$order->set_customer_id( $customer );
		ConsentStore::record_checkout_answer( $order, true, self::TEXT, 'classic_checkout' );
		$order->save();
		wp_set_current_user( $customer );

		ob_start();
		ConsentPreferences::render();
		$form = (string) ob_get_clean();
		$this->assertStringContainsString( 'checked', $form, 'shows the consent as given' );

		$nonce = wp_create_nonce( 'modulus_sms_account_consent' );
		$_POST = array(
			'modulus_sms_consent_nonce' => 'forged',
			'modulus_sms_consent_was'   => '1',
		);
		ConsentPreferences::save( $customer );
		$this->assertFalse( ConsentStore::customer_opted_out( $customer ), 'a bad nonce changes nothing' );

		$_POST['modulus_sms_consent_nonce'] = $nonce;
		ConsentPreferences::save( $customer );
		$this->assertTrue( ConsentStore::customer_opted_out( $customer ), 'withdrawn' );

		$order->update_status( 'completed' );
		$skipped = $this->message_for( $order );
		$this->assertSame( 'skipped', $skipped['status'] );
		$this->assertSame( 'opted_out', $skipped['reason'] );

		$_POST = array(
			'modulus_sms_consent_nonce' => $nonce,
			'modulus_sms_consent_was'   => '0',
			'modulus_sms_consent'       => '1',
		);
		ConsentPreferences::save( $customer );
		$this->assertFalse( ConsentStore::customer_opted_out( $customer ), 'given again' );
		$this->assertTrue( ConsentStore::customer_answer( $customer ) );
	}
}
