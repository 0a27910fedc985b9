<?php
/**
 * The settings store: partial updates, errors as WP_Error with the field, the token never shown whole, the core's view.
 */

declare( strict_types=1 );

use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Templates\Repository as Templates;
use PHPUnit\Framework\TestCase;

final class SettingsTest extends TestCase {

	private Settings $settings;

	protected function setUp(): void {
		$GLOBALS['test_options'] = array( 'woocommerce_default_country' => 'GR:I' );
		$templates               = new class() extends Templates {
			public function __construct() {
			}
			public function find( int $id ): ?array {
				return 5 === $id ? array( 'id' => 5, 'title' => 't', 'body' => 'b', 'context' => 'order' ) : null;
			}
		};
		$this->settings          = new Settings( null, $templates );
	}

	public function test_partial_update_is_stored_and_merged(): void {
		$this->settings->update( array( 'routing' => 'viber2sms' ) );
		$this->settings->update( array( 'quiet_hours' => array( 'enabled' => true ) ) );
		$settings = $this->settings->get();
		$this->assertSame( 'viber2sms', $settings['routing'] );
		$this->assertTrue( $settings['quiet_hours']['enabled'] );
		$this->assertSame( '22:00', $settings['quiet_hours']['start'] );
		$this->assertSame( 'viber2sms', $GLOBALS['test_options'][ Settings::OPTION ]['routing'] );
	}

	public function test_invalid_update_is_a_400_naming_the_field_and_stores_nothing(): void {
		$this->settings->update( array( 'sender_id' => 'Good' ) );
		$error = $this->settings->update( array( 'sender_id' => 'Far too long alias', 'routing' => 'viber' ) );
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( array( 'status' => 400, 'field' => 'sender_id' ), $error->get_error_data() );
		$this->assertSame( 'Good', $this->settings->get()['sender_id'] );
		$this->assertSame( 'sms', $this->settings->get()['routing'] );
	}

	public function test_chosen_templates_must_exist_but_stale_ones_do_not_block_other_saves(): void {
		$error = $this->settings->update( array( 'order_statuses' => array( 'completed' => array( 'enabled' => true, 'template_id' => 9 ) ) ) );
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( 'order_statuses.completed.template_id', $error->get_error_data()['field'] );

		$this->assertIsArray( $this->settings->update( array( 'order_statuses' => array( 'completed' => array( 'enabled' => true, 'template_id' => 5 ) ) ) ) );
		// Template 5 "disappears" from the store's point of view: stored mapping to 9 is not re-checked on an unrelated save.
		$GLOBALS['test_options'][ Settings::OPTION ]['order_statuses']['processing'] = array( 'enabled' => true, 'template_id' => 9 );
		$this->assertIsArray( $this->settings->update( array( 'routing' => 'viber' ) ) );
	}

	public function test_token_is_never_displayed_whole(): void {
		$this->settings->update( array( 'api_token' => 'live-token-98765', 'api_secret' => 'shh-secret-1' ) );
		$display = $this->settings->display();
		$this->assertArrayNotHasKey( 'api_token', $display );
		$this->assertArrayNotHasKey( 'api_secret', $display );
		$this->assertSame( '8765', $display['api_token_last4'] );
		$this->assertTrue( $display['api_token_set'] );
		$this->assertTrue( $display['api_secret_set'] );
		$this->assertStringNotContainsString( 'live-token', json_encode( $display ) );
		$this->assertSame( '••••8765', $this->settings->token_mask() );

		$this->settings->update( array( 'api_token' => 'short' ) );
		$this->assertSame( '', $this->settings->display()['api_token_last4'], 'a short token is not shown at all' );
		$this->settings->update( array( 'api_token' => '' ) );
		$this->assertFalse( $this->settings->display()['api_token_set'] );
		$this->assertSame( '', $this->settings->token_mask() );
	}

	public function test_core_settings_and_route_policy(): void {
		$this->settings->update(
			array(
				'routing'                => 'viber2sms',
				'viber_fallback_timeout' => 300,
				'gsm7_transliterate'     => true,
				'quiet_hours'            => array( 'enabled' => true, 'applies_to' => array( 'bulk' ) ),
			)
		);
		$core = $this->settings->core_settings();
		$this->assertSame( 'viber2sms', $core['routing'] );
		$this->assertSame( 'GR', $core['default_country'] );
		$this->assertTrue( $core['gsm7_transliterate'] );
		$this->assertSame( 300, $core['fallback_after_s'] );
		$this->assertSame( array( 'enabled' => true, 'start' => '22:00', 'end' => '08:00', 'timezone' => 'Europe/Athens', 'applies_to' => array( 'bulk' ) ), $core['quiet_hours'] );
		$this->assertSame( array( 'enabled' => false, 'required_for_order_updates' => true ), $core['consent'] );
		$this->assertArrayNotHasKey( 'api_token', $core );
		$this->assertSame( 'consented_only', $core['audience'] );
		$this->assertSame( 'Europe/Athens', $core['timezone'] );
		$this->settings->update( array( 'bulk_audience' => 'all_customers' ) );
		$this->assertSame( 'all_not_opted_out', $this->settings->core_settings()['audience'] );
		$this->assertSame( array( 'fallback_after_s' => 300 ), $this->settings->route_policy(), 'backoff and tries are the core\'s defaults' );
	}

	public function test_is_configured_needs_url_and_token(): void {
		$this->assertFalse( $this->settings->is_configured() );
		$this->settings->update( array( 'api_url' => 'https://mmp.example/api/v1' ) );
		$this->assertFalse( $this->settings->is_configured() );
		$this->settings->update( array( 'api_token' => 'abcdefgh' ) );
		$this->assertTrue( $this->settings->is_configured() );
	}

	public function test_a_corrupt_option_falls_back_to_defaults(): void {
		$GLOBALS['test_options'][ Settings::OPTION ] = 'garbage';
		$this->assertSame( 'sms', $this->settings->get()['routing'] );
	}

	public function test_values_of_the_wrong_shape_fall_back_to_defaults(): void {
		$GLOBALS['test_options'][ Settings::OPTION ] = array(
			'quiet_hours'            => 'on',
			'consent'                => array( 'enabled' => '1', 'checkbox_text' => array( 'x' ) ),
			'viber_fallback_timeout' => '900',
			'http_timeout'           => 'soon',
			'api_url'                => array( 'x' ),
			'held'                   => 'yes',
			'order_statuses'         => array( 'completed' => array( 'enabled' => true, 'template_id' => 5 ) ),
		);
		$settings = $this->settings->get();
		$this->assertSame( '22:00', $settings['quiet_hours']['start'] );
		$this->assertTrue( $settings['consent']['enabled'] );
		$this->assertSame( 'Send me order updates by SMS or Viber.', $settings['consent']['checkbox_text'] );
		$this->assertSame( 900, $settings['viber_fallback_timeout'] );
		$this->assertSame( 15, $settings['http_timeout'] );
		$this->assertSame( '', $settings['api_url'] );
		$this->assertNull( $settings['held'] );
		$this->assertSame( array( 'completed' => array( 'enabled' => true, 'template_id' => 5 ) ), $settings['order_statuses'] );
		$this->assertSame( 900, $this->settings->core_settings()['fallback_after_s'], 'the core still gets a well-formed object' );
	}
}
