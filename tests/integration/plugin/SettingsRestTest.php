<?php
/**
 * `GET/PUT modulus-sms/v1/settings`: partial updates, validation errors naming the field, the token never leaving the server.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Plugin;

use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\PluginState;
use Modulus\Sms\Tests\Integration\Support\Rest;
use Modulus\Sms\Tests\Integration\Support\Users;

final class SettingsRestTest extends IntegrationTestCase {

	public function test_get_returns_the_settings_with_only_the_last_four_of_the_token(): void {
		$result = Rest::call( 'GET', '/settings' );
		$this->assertStatus( 200, $result );
		$this->assertSame( substr( PluginState::token(), -4 ), $result->data['api_token_last4'] );
		$this->assertTrue( $result->data['api_token_set'] );
		$this->assertTrue( $result->data['api_secret_set'] );
		$this->assertArrayNotHasKey( 'api_token', $result->data );
		$this->assertArrayNotHasKey( 'api_secret', $result->data );
		$this->assertStringNotContainsString( PluginState::token(), $result->raw );
		$this->assertStringNotContainsString( PluginState::secret(), $result->raw );
		$this->assertSame( self::$emulator->api_url(), $result->data['api_url'] );
		$this->assertSame( 'MyShop', $result->data['sender_id'] );
		$this->assertSame( 'sms', $result->data['routing'] );
		$this->assertSame( 'GR', $result->data['default_country'], 'defaults to the store country' );
	}

	public function test_put_is_a_partial_update_that_round_trips(): void {
		$quiet_end = ( new Settings() )->get()['quiet_hours']['end'];
		$result = Rest::call(
			'PUT',
			'/settings',
			array(
				'sender_id'              => 'NewShop',
				'routing'                => 'viber2sms',
				'viber_fallback_timeout' => 900,
				'quiet_hours'            => array(
					'enabled' => true,
					'start'   => '23:00',
				),
			)
		);
		$this->assertStatus( 200, $result );
		$this->assertStringNotContainsString( PluginState::token(), $result->raw );

		PluginState::flush_caches();
		$again = Rest::call( 'GET', '/settings' );
		$this->assertSame( 'NewShop', $again->data['sender_id'] );
		$this->assertSame( 'viber2sms', $again->data['routing'] );
		$this->assertSame( 900, $again->data['viber_fallback_timeout'] );
		$this->assertTrue( $again->data['quiet_hours']['enabled'] );
		$this->assertSame( '23:00', $again->data['quiet_hours']['start'] );
		$this->assertSame( $quiet_end, $again->data['quiet_hours']['end'], 'untouched keys of a group keep their value' );
		$this->assertSame( self::$emulator->api_url(), $again->data['api_url'], 'untouched settings keep their value' );
		$this->assertSame( PluginState::token(), ( new Settings() )->get()['api_token'], 'the stored token is unchanged' );
	}

	public function test_a_new_token_is_stored_and_only_its_last_four_come_back(): void {
		$result = Rest::call( 'PUT', '/settings', array( 'api_token' => 'brand-new-token-9876' ) );
		$this->assertStatus( 200, $result );
		$this->assertSame( '9876', $result->data['api_token_last4'] );
		$this->assertStringNotContainsString( 'brand-new-token-9876', $result->raw );
		$this->assertSame( 'brand-new-token-9876', ( new Settings() )->get()['api_token'] );
	}

	public function test_echoing_the_masked_token_back_keeps_the_stored_one(): void {
		$masked = ( new Settings() )->token_mask();
		$this->assertStringEndsWith( substr( PluginState::token(), -4 ), $masked );
		$this->assertStatus( 200, Rest::call( 'PUT', '/settings', array( 'api_token' => $masked, 'sender_id' => 'Shop2' ) ) );
		$this->assertSame( PluginState::token(), ( new Settings() )->get()['api_token'] );
	}

	/**
	 * @return array<string, array{0: array, 1: string}>
	 */
	public function invalid_updates(): array {
		return array(
			'routing'           => array( array( 'routing' => 'fax' ), 'routing' ),
			'sender too long'   => array( array( 'sender_id' => 'ThisAliasIsTooLong' ), 'sender_id' ),
			'sender non-GSM'    => array( array( 'sender_id' => 'Κατάστημα' ), 'sender_id' ),
			'api url'           => array( array( 'api_url' => 'ftp://mmp.example' ), 'api_url' ),
			'country'           => array( array( 'default_country' => 'XX' ), 'default_country' ),
			'fallback timeout'  => array( array( 'viber_fallback_timeout' => 5 ), 'viber_fallback_timeout' ),
			'quiet hours start' => array( array( 'quiet_hours' => array( 'start' => '25:00' ) ), 'quiet_hours.start' ),
			'unknown key'       => array( array( 'no_such_setting' => 1 ), 'no_such_setting' ),
		);
	}

	/**
	 * @dataProvider invalid_updates
	 */
	public function test_invalid_values_are_400_naming_the_field_and_change_nothing( array $update, string $field ): void {
		$before = get_option( Settings::OPTION );
		$result = Rest::call( 'PUT', '/settings', $update + array( 'sender_id' => 'Changed' ) );
		$this->assertFieldError( $field, $result );
		$this->assertNotSame( '', (string) ( $result->data['message'] ?? '' ) );
		PluginState::flush_caches();
		$this->assertSame( $before, get_option( Settings::OPTION ), 'a rejected update stores nothing, not even its valid keys' );
	}

	public function test_over_real_http_the_token_never_leaves_the_server(): void {
		$result = Rest::http( 'GET', '/settings', null, Users::SHOP_MANAGER );
		$this->assertStatus( 200, $result );
		$this->assertSame( substr( PluginState::token(), -4 ), $result->data['api_token_last4'] );
		$this->assertStringNotContainsString( PluginState::token(), $result->raw );
		$this->assertStringNotContainsString( PluginState::secret(), $result->raw );
	}

	public function test_balance_route_shows_the_mmp_balance_or_the_exact_error(): void {
		$result = Rest::call( 'GET', '/balance' );
		$this->assertStatus( 200, $result );
		$this->assertEqualsWithDelta( 100.0, $result->data['balance'], 0.0001 );
		$this->assertSame( 'EUR', $result->data['currency'] );

		self::$emulator->config( array( 'token' => 'rotated-token-0000' ) );
		$refused = Rest::call( 'GET', '/balance' );
		$this->assertStringContainsString( 'unauthorized', $refused->raw, $refused->describe() );
		$this->assertStringNotContainsString( PluginState::token(), $refused->raw );
	}
}
