<?php
/**
 * Removes everything the plugin stored, when it is deleted from the Plugins screen.
 *
 * Self-contained (WordPress runs this file without loading the plugin) and kept to old PHP syntax. Order meta written at checkout
 * (`_modulus_sms_consent…`) is left on the orders on purpose: it is part of each order's record of the customer's consent.
 *
 * @package Modulus\Sms
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

// WordPress includes this file from inside a function: name the global explicitly.
global $wpdb;

/**
 * Tables, options and transients of the current site.
 *
 * @return void
 */
function modulus_sms_uninstall_site() {
	global $wpdb;

	$wpdb->query(
		$wpdb->prepare( 'DROP TABLE IF EXISTS %i, %i', $wpdb->prefix . 'modulus_sms_messages', $wpdb->prefix . 'modulus_sms_templates' )
	);

	$like    = $wpdb->esc_like( 'modulus_sms_' ) . '%';
	$options = $wpdb->get_col(
		$wpdb->prepare(
			'SELECT option_name FROM %i WHERE option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s',
			$wpdb->options,
			$like,
			$wpdb->esc_like( '_transient_modulus_sms_' ) . '%',
			$wpdb->esc_like( '_transient_timeout_modulus_sms_' ) . '%'
		)
	);
	foreach ( $options as $option ) {
		delete_option( $option );
	}
	wp_cache_delete( 'alloptions', 'options' );

	if ( function_exists( 'as_unschedule_all_actions' ) ) {
		foreach ( array( 'modulus_sms_process', 'modulus_sms_poll', 'modulus_sms_sweep', 'modulus_sms_hold_probe' ) as $hook ) {
			as_unschedule_all_actions( $hook, array(), 'modulus-sms' );
		}
		// And any other hook the plugin queued in its group.
		as_unschedule_all_actions( '', array(), 'modulus-sms' );
	}
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $modulus_sms_site_id ) {
		switch_to_blog( (int) $modulus_sms_site_id );
		modulus_sms_uninstall_site();
		restore_current_blog();
	}
	$wpdb->query(
		$wpdb->prepare(
			'DELETE FROM %i WHERE meta_key LIKE %s OR meta_key LIKE %s',
			$wpdb->sitemeta,
			$wpdb->esc_like( '_site_transient_modulus_sms_' ) . '%',
			$wpdb->esc_like( '_site_transient_timeout_modulus_sms_' ) . '%'
		)
	);
} else {
	modulus_sms_uninstall_site();
}

// User meta is shared by all sites of a network.
$modulus_sms_user_meta_keys = $wpdb->get_col(
	$wpdb->prepare( 'SELECT DISTINCT meta_key FROM %i WHERE meta_key LIKE %s', $wpdb->usermeta, $wpdb->esc_like( 'modulus_sms_' ) . '%' )
);
foreach ( $modulus_sms_user_meta_keys as $modulus_sms_meta_key ) {
	delete_metadata( 'user', 0, $modulus_sms_meta_key, '', true );
}
