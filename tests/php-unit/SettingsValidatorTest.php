<?php
/**
 * Settings validation: every field's rules and the field path of each rejection.
 */

declare( strict_types=1 );

use Modulus\Sms\Settings\InvalidSetting;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Settings\SettingsValidator;
use PHPUnit\Framework\TestCase;

final class SettingsValidatorTest extends TestCase {

	private function defaults(): array {
		$GLOBALS['test_options'] = array( 'woocommerce_default_country' => 'GR:I' );
		return ( new Settings() )->defaults();
	}

	private function apply( array $partial ): array {
		return ( new SettingsValidator( array( 'GR', 'CY', 'DE' ) ) )->apply( $partial, $this->defaults() );
	}

	private function assertRejected( array $partial, string $field ): void {
		try {
			$this->apply( $partial );
			$this->fail( 'accepted ' . json_encode( $partial ) );
		} catch ( InvalidSetting $invalid ) {
			$this->assertSame( $field, $invalid->field );
			$this->assertNotSame( '', $invalid->getMessage() );
		}
	}

	public function test_defaults_follow_the_store_and_the_site(): void {
		$defaults = $this->defaults();
		$this->assertSame( 'GR', $defaults['default_country'] );
		$this->assertSame( 'Europe/Athens', $defaults['quiet_hours']['timezone'] );
		$this->assertSame( 'sms', $defaults['routing'] );
		$this->assertSame( 15, $defaults['http_timeout'] );
	}

	public function test_api_url_accepts_http_and_https_and_drops_the_trailing_slash(): void {
		$this->assertSame( 'https://mmp.example/api/v1', $this->apply( array( 'api_url' => ' https://mmp.example/api/v1/ ' ) )['api_url'] );
		$this->assertSame( 'http://127.0.0.1:8080/api/v1', $this->apply( array( 'api_url' => 'http://127.0.0.1:8080/api/v1' ) )['api_url'] );
		$this->assertSame( '', $this->apply( array( 'api_url' => '' ) )['api_url'] );
	}

	public function test_api_url_rejects_other_schemes_and_garbage(): void {
		foreach ( array( 'ftp://mmp.example', 'mmp.example/api', 'javascript:alert(1)', 'https://', 'https://exa mple.com', array( 'x' ) ) as $bad ) {
			$this->assertRejected( array( 'api_url' => $bad ), 'api_url' );
		}
	}

	public function test_sender_id_alias_or_phone(): void {
		foreach ( array( 'MyShop', 'My Shop 24', 'ABCDEFGHIJK', 'A.B-C_D&E', '+306912345678', '306912345678', '' ) as $good ) {
			$this->assertSame( $good, $this->apply( array( 'sender_id' => $good ) )['sender_id'] );
		}
		foreach ( array( 'ABCDEFGHIJKL', 'Κατάστημα', '12345678901234567', 'Shop!', '12 34', 'My<b>' ) as $bad ) {
			$this->assertRejected( array( 'sender_id' => $bad ), 'sender_id' );
		}
	}

	public function test_routing_and_audience_are_closed_lists(): void {
		$this->assertSame( 'viber2sms', $this->apply( array( 'routing' => 'viber2sms' ) )['routing'] );
		$this->assertRejected( array( 'routing' => 'email' ), 'routing' );
		$this->assertRejected( array( 'routing' => 1 ), 'routing' );
		$this->assertRejected( array( 'bulk_audience' => 'everyone' ), 'bulk_audience' );
	}

	public function test_country_is_two_known_letters(): void {
		$this->assertSame( 'CY', $this->apply( array( 'default_country' => 'cy' ) )['default_country'] );
		$this->assertRejected( array( 'default_country' => 'GRC' ), 'default_country' );
		$this->assertRejected( array( 'default_country' => 'XX' ), 'default_country' );
	}

	public function test_integers_in_range(): void {
		$this->assertSame( 900, $this->apply( array( 'viber_fallback_timeout' => '900' ) )['viber_fallback_timeout'] );
		$this->assertSame( 30, $this->apply( array( 'http_timeout' => 30 ) )['http_timeout'] );
		$this->assertRejected( array( 'viber_fallback_timeout' => 59 ), 'viber_fallback_timeout' );
		$this->assertRejected( array( 'viber_fallback_timeout' => 86401 ), 'viber_fallback_timeout' );
		$this->assertRejected( array( 'http_timeout' => '10.5' ), 'http_timeout' );
		$this->assertRejected( array( 'http_timeout' => 2 ), 'http_timeout' );
	}

	public function test_booleans(): void {
		$this->assertTrue( $this->apply( array( 'gsm7_transliterate' => 'yes' ) )['gsm7_transliterate'] );
		$this->assertFalse( $this->apply( array( 'gsm7_transliterate' => '0' ) )['gsm7_transliterate'] );
		$this->assertTrue( $this->apply( array( 'gsm7_transliterate' => true ) )['gsm7_transliterate'] );
		$this->assertRejected( array( 'gsm7_transliterate' => 'maybe' ), 'gsm7_transliterate' );
	}

	public function test_quiet_hours_partial_update_keeps_the_rest(): void {
		$settings = $this->apply( array( 'quiet_hours' => array( 'enabled' => true, 'start' => '9:30' ) ) );
		$this->assertTrue( $settings['quiet_hours']['enabled'] );
		$this->assertSame( '09:30', $settings['quiet_hours']['start'] );
		$this->assertSame( '08:00', $settings['quiet_hours']['end'] );
		$this->assertSame( 'Europe/Athens', $settings['quiet_hours']['timezone'] );
	}

	public function test_quiet_hours_rules(): void {
		$this->assertRejected( array( 'quiet_hours' => array( 'start' => '24:00' ) ), 'quiet_hours.start' );
		$this->assertRejected( array( 'quiet_hours' => array( 'end' => '7pm' ) ), 'quiet_hours.end' );
		$this->assertRejected( array( 'quiet_hours' => array( 'timezone' => 'Mars/Olympus' ) ), 'quiet_hours.timezone' );
		$this->assertRejected( array( 'quiet_hours' => array( 'applies_to' => array( 'test' ) ) ), 'quiet_hours.applies_to' );
		$this->assertRejected( array( 'quiet_hours' => array( 'enabled' => true, 'start' => '08:00', 'end' => '08:00' ) ), 'quiet_hours.end' );
		$this->assertRejected( array( 'quiet_hours' => array( 'colour' => 'red' ) ), 'quiet_hours.colour' );
		$this->assertRejected( array( 'quiet_hours' => 'on' ), 'quiet_hours' );
		$this->assertSame( 'UTC', $this->apply( array( 'quiet_hours' => array( 'timezone' => 'UTC' ) ) )['quiet_hours']['timezone'] );
		$this->assertSame( '+02:00', $this->apply( array( 'quiet_hours' => array( 'timezone' => '+02:00' ) ) )['quiet_hours']['timezone'] );
		// A real zone that the core's build does not carry: quiet hours could never be computed in it.
		$this->assertRejected( array( 'quiet_hours' => array( 'timezone' => 'America/New_York' ) ), 'quiet_hours.timezone' );
		$this->assertSame(
			array( 'manual', 'bulk' ),
			$this->apply( array( 'quiet_hours' => array( 'applies_to' => array( 'manual', 'bulk', 'manual' ) ) ) )['quiet_hours']['applies_to']
		);
	}

	public function test_consent_text_is_required_when_enabled_and_stripped_of_tags(): void {
		$this->assertRejected( array( 'consent' => array( 'enabled' => true, 'checkbox_text' => '  ' ) ), 'consent.checkbox_text' );
		$settings = $this->apply( array( 'consent' => array( 'enabled' => true, 'checkbox_text' => '<b>Ναι</b>, θέλω   SMS' ) ) );
		$this->assertSame( 'Ναι, θέλω SMS', $settings['consent']['checkbox_text'] );
		$this->assertTrue( $settings['consent']['required_for_order_updates'] );
	}

	public function test_back_in_stock_needs_a_template_when_enabled(): void {
		$this->assertRejected( array( 'back_in_stock' => array( 'enabled' => true ) ), 'back_in_stock.template_id' );
		$this->assertSame( 7, $this->apply( array( 'back_in_stock' => array( 'enabled' => true, 'template_id' => '7' ) ) )['back_in_stock']['template_id'] );
		$this->assertRejected( array( 'back_in_stock' => array( 'template_id' => -1 ) ), 'back_in_stock.template_id' );
	}

	public function test_order_statuses_strip_the_wc_prefix_and_merge_per_status(): void {
		$settings = $this->apply( array( 'order_statuses' => array( 'wc-completed' => array( 'enabled' => '1', 'template_id' => 3 ), 'my-custom' => array( 'template_id' => 4 ) ) ) );
		$this->assertSame( array( 'enabled' => true, 'template_id' => 3 ), $settings['order_statuses']['completed'] );
		$this->assertSame( array( 'enabled' => false, 'template_id' => 4 ), $settings['order_statuses']['my-custom'] );
		$this->assertRejected( array( 'order_statuses' => array( 'processing' => array( 'enabled' => true ) ) ), 'order_statuses.processing.template_id' );
		$this->assertRejected( array( 'order_statuses' => array( 'bad slug!' => array( 'enabled' => false ) ) ), 'order_statuses.bad slug!' );
		$this->assertRejected( array( 'order_statuses' => array( 'completed' => array( 'colour' => 1 ) ) ), 'order_statuses.completed.colour' );
	}

	public function test_tokens_masked_echo_is_ignored_and_spaces_are_rejected(): void {
		$settings = ( new SettingsValidator() )->apply( array( 'api_token' => 'abc123secret' ), $this->defaults() );
		$this->assertSame( 'abc123secret', ( new SettingsValidator() )->apply( array( 'api_token' => '••••cret' ), $settings )['api_token'] );
		$this->assertSame( '', ( new SettingsValidator() )->apply( array( 'api_token' => '' ), $settings )['api_token'] );
		$this->assertRejected( array( 'api_token' => 'has space' ), 'api_token' );
		$this->assertRejected( array( 'api_secret' => "tab\tsecret" ), 'api_secret' );
	}

	public function test_held_is_null_or_a_known_reason(): void {
		$this->assertNull( $this->apply( array( 'held' => null ) )['held'] );
		$held = $this->apply( array( 'held' => array( 'reason' => 'no_balance', 'since' => '2026-11-28T10:00:00Z' ) ) )['held'];
		$this->assertSame( array( 'reason' => 'no_balance', 'since' => '2026-11-28T10:00:00Z' ), $held );
		$this->assertRejected( array( 'held' => array( 'reason' => 'tired' ) ), 'held.reason' );
	}

	public function test_unknown_keys_are_rejected_and_display_keys_ignored(): void {
		$this->assertRejected( array( 'api_urll' => 'x' ), 'api_urll' );
		$this->assertSame( $this->defaults(), $this->apply( array( 'api_token_last4' => '1234', 'api_token_set' => true ) ) );
	}

	public function test_site_timezone_from_a_manual_offset(): void {
		$GLOBALS['test_timezone'] = '+03:00';
		$this->assertSame( 'Etc/GMT-3', Settings::site_timezone() );
		$GLOBALS['test_timezone'] = '+05:30';
		$this->assertSame( 'UTC', Settings::site_timezone() );
		$GLOBALS['test_timezone'] = '-00:00';
		$this->assertSame( 'UTC', Settings::site_timezone() );
		unset( $GLOBALS['test_timezone'] );
	}
}
