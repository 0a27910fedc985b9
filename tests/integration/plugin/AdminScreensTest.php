<?php
/**
 * WooCommerce → SMS Settings over real HTTP: every tab renders for a shop manager, the token never appears in the HTML (only its
 * last four characters), forms carry nonces, and a customer is turned away.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Plugin;

use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\PluginState;
use Modulus\Sms\Tests\Integration\Support\Users;
use Modulus\Sms\Tests\Integration\Support\WpAdmin;

final class AdminScreensTest extends IntegrationTestCase {

	private const TABS = array( 'configuration', 'test', 'templates', 'order-statuses', 'quiet-hours', 'consent', 'back-in-stock', 'log' );

	public function test_every_tab_renders_for_a_shop_manager_without_leaking_the_token(): void {
		foreach ( self::TABS as $tab ) {
			[ $status, $html ] = WpAdmin::get( 'wp-admin/admin.php?page=modulus-sms&tab=' . $tab, Users::SHOP_MANAGER );
			$this->assertSame( 200, $status, "tab $tab" );
			$this->assertStringNotContainsString( 'critical error', $html, "tab $tab" );
			$this->assertStringContainsString( 'modulus-sms-tab-' . $tab, $html, "tab $tab is the one shown" );
			$this->assertStringNotContainsString( PluginState::token(), $html, "tab $tab shows the token" );
			$this->assertStringNotContainsString( PluginState::secret(), $html, "tab $tab shows the secret" );
		}
	}

	public function test_the_configuration_form_shows_only_the_last_four_and_carries_a_nonce(): void {
		[ , $html ] = WpAdmin::get( 'wp-admin/admin.php?page=modulus-sms&tab=configuration', Users::ADMIN );
		$this->assertStringContainsString( substr( PluginState::token(), -4 ), $html );
		$this->assertMatchesRegularExpression( '/name="_wpnonce"\s+value="[0-9a-f]{10}"/', $html );
		$this->assertStringContainsString( esc_attr( self::$emulator->api_url() ), $html );
	}

	public function test_a_customer_cannot_open_the_settings(): void {
		[ $status, $html ] = WpAdmin::get( 'wp-admin/admin.php?page=modulus-sms', Users::CUSTOMER );
		$this->assertContains( $status, array( 302, 403 ), 'wp-admin refuses or redirects a customer' );
		$this->assertStringNotContainsString( 'modulus-sms-tab-', $html );
		$this->assertStringNotContainsString( self::$emulator->api_url(), $html );
	}
}
