<?php
/**
 * Deleting the plugin from the Plugins screen must leave nothing behind: its tables, options, transients, user meta and queued
 * Action Scheduler actions. Run by run.sh through wc-env's wp-php.sh (inside the loaded site), after PHPUnit; run.sh reinstalls
 * the zip afterwards so the site is left as it was found.
 *
 * Prints one line per check and exits 1 when one fails.
 *
 * @package Modulus\Sms\Tests
 */

$plugin = 'modulus-sms/modulus-sms.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/file.php';

global $wpdb;
$tables   = array( $wpdb->prefix . 'modulus_sms_messages', $wpdb->prefix . 'modulus_sms_templates' );
$customer = get_user_by( 'login', getenv( 'ACC_CUSTOMER_USER' ) ? getenv( 'ACC_CUSTOMER_USER' ) : 'customer' );
$failed   = 0;
$check    = static function ( bool $ok, string $what ) use ( &$failed ): void {
	echo ( $ok ? 'ok    ' : 'FAIL  ' ) . $what . "\n";
	$failed += $ok ? 0 : 1;
};

// What a shop that used the plugin has stored.
set_transient( 'modulus_sms_uninstall_probe', 'x', 3600 );
update_user_meta( $customer->ID, 'modulus_sms_uninstall_probe', 'x' );
$action_id = as_schedule_single_action( time() + 3600, 'modulus_sms_process', array( 987654321 ), 'modulus-sms' );
$check( is_plugin_active( $plugin ), 'the plugin is active before the uninstall' );
$check( (bool) $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $tables[0] ) ), 'its tables exist before the uninstall' );

deactivate_plugins( array( $plugin ) );
$deleted = delete_plugins( array( $plugin ) );
$check( true === $deleted, 'delete_plugins() ran its uninstall.php' . ( is_wp_error( $deleted ) ? ': ' . $deleted->get_error_message() : '' ) );
wp_cache_flush();

foreach ( $tables as $table ) {
	$check( null === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $table ) ), "table $table dropped" );
}
$left = $wpdb->get_col(
	$wpdb->prepare(
		'SELECT option_name FROM %i WHERE option_name LIKE %s OR option_name LIKE %s',
		$wpdb->options,
		$wpdb->esc_like( 'modulus_sms' ) . '%',
		'%' . $wpdb->esc_like( '_transient_modulus_sms' ) . '%'
	)
);
$check( array() === $left, 'no modulus_sms options or transients left' . ( $left ? ': ' . implode( ', ', $left ) : '' ) );
$check( '' === get_user_meta( $customer->ID, 'modulus_sms_uninstall_probe', true ), 'no modulus_sms user meta left' );
$pending = as_get_scheduled_actions(
	array(
		'group'    => 'modulus-sms',
		'status'   => ActionScheduler_Store::STATUS_PENDING,
		'per_page' => 10,
	),
	'ids'
);
$check( array() === $pending, 'no pending actions left in the modulus-sms group (the probe was #' . $action_id . ')' );
$check( ! is_dir( WP_PLUGIN_DIR . '/modulus-sms' ), 'the plugin folder is gone' );

echo $failed ? "uninstall: $failed check(s) FAILED\n" : "uninstall: OK\n";
exit( $failed ? 1 : 0 );
