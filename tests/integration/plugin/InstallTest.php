<?php
/**
 * The zip installed through WordPress's upgrader and activated (run.sh does that with wc-env/install-plugin.sh --reactivate):
 * what activation must have left behind.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Plugin;

use Automattic\WooCommerce\Utilities\FeaturesUtil;
use Modulus\Sms\Install\Schema;
use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\PluginState;

final class InstallTest extends IntegrationTestCase {

	public function test_the_plugin_is_installed_from_the_zip_and_active(): void {
		$this->assertTrue( is_plugin_active( PluginState::PLUGIN_FILE ) );
		$this->assertFileExists( WP_PLUGIN_DIR . '/' . PluginState::PLUGIN_FILE );
		$data = get_plugin_data( WP_PLUGIN_DIR . '/' . PluginState::PLUGIN_FILE, false, false );
		$this->assertSame( 'modulus SMS & Viber for WooCommerce', $data['Name'] );
		$this->assertSame( 'modulus-sms', $data['TextDomain'] );
		$this->assertSame( '8.1', $data['RequiresPHP'] );
		$this->assertSame( '6.7', $data['RequiresWP'] );
		$this->assertSame( 'woocommerce', $data['RequiresPlugins'] );
	}

	public function test_activation_created_both_tables_with_their_unique_keys(): void {
		global $wpdb;
		foreach ( array( Schema::messages_table(), Schema::templates_table() ) as $table ) {
			$this->assertSame( $table, $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $table ) ), "table $table" );
		}
		$columns = $wpdb->get_col( $wpdb->prepare( 'SHOW COLUMNS FROM %i', Schema::messages_table() ) );
		foreach ( array( 'uuid', 'kind', 'dedupe_key', 'order_id', 'customer_id', 'phone', 'routing', 'channel', 'text', 'sms_text', 'encoding', 'segments', 'status', 'attempts', 'provider_id', 'error', 'send_at', 'sent_at', 'created_at', 'updated_at' ) as $column ) {
			$this->assertContains( $column, $columns, "messages.$column" );
		}
		$unique = array();
		foreach ( $wpdb->get_results( $wpdb->prepare( 'SHOW INDEX FROM %i', Schema::messages_table() ), ARRAY_A ) as $index ) {
			if ( '0' === (string) $index['Non_unique'] ) {
				$unique[] = $index['Column_name'];
			}
		}
		$this->assertContains( 'uuid', $unique );
		$this->assertContains( 'dedupe_key', $unique );
		$template_columns = $wpdb->get_col( $wpdb->prepare( 'SHOW COLUMNS FROM %i', Schema::templates_table() ) );
		$this->assertSame( array( 'id', 'title', 'body', 'context', 'created_at', 'updated_at' ), array_values( array_intersect( $template_columns, array( 'id', 'title', 'body', 'context', 'created_at', 'updated_at' ) ) ) );
	}

	public function test_activation_recorded_the_schema_version_and_settings_exist(): void {
		$this->assertSame( Schema::VERSION, (int) get_option( Schema::VERSION_OPTION ) );
		$this->assertIsArray( get_option( 'modulus_sms_settings' ) );
	}

	public function test_default_templates_ship_for_the_main_order_statuses(): void {
		global $wpdb;
		$bodies = $wpdb->get_col( $wpdb->prepare( 'SELECT body FROM %i', Schema::templates_table() ) );
		$this->assertGreaterThanOrEqual( 10, count( $bodies ), 'Greek and English templates for processing, completed, on-hold, cancelled, refunded' );
		$greek = array_filter( $bodies, static fn( string $body ): bool => (bool) preg_match( '/\p{Greek}/u', $body ) );
		$this->assertGreaterThanOrEqual( 5, count( $greek ), 'Greek templates' );
		$this->assertGreaterThanOrEqual( 5, count( $bodies ) - count( $greek ), 'English templates' );
	}

	public function test_hpos_and_block_checkout_compatibility_are_declared(): void {
		$this->assertContains( PluginState::PLUGIN_FILE, FeaturesUtil::get_compatible_plugins_for_feature( 'custom_order_tables' )['compatible'] );
		$this->assertContains( PluginState::PLUGIN_FILE, FeaturesUtil::get_compatible_plugins_for_feature( 'cart_checkout_blocks' )['compatible'] );
		$this->assertTrue( wc_get_container()->get( \Automattic\WooCommerce\Internal\DataStores\Orders\CustomOrdersTableController::class )->custom_orders_table_usage_is_enabled(), 'wc-env runs with HPOS on' );
	}

	public function test_the_admin_notice_for_unmet_requirements_is_absent(): void {
		$this->assertSame( array(), \Modulus\Sms\Compat\Requirements::find_problems( true ), 'WordPress 6.8, WooCommerce 10, PHP 8.2 meet every requirement' );
	}
}
