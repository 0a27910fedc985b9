<?php
/**
 * Activation and upgrades.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Install;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Templates\Repository as Templates;

/**
 * Creates or upgrades the tables, and on the very first install adds the default templates and maps them to the order statuses.
 * Prints nothing: WordPress treats output during activation as an error.
 */
final class Activator {

	/** Set once the defaults were added; uninstall removes it with the other options. */
	public const SEEDED_OPTION = 'modulus_sms_defaults_seeded';

	/**
	 * Activation hook (through Compat\Requirements::activate_if_supported).
	 */
	public static function activate(): void {
		Schema::install();
		if ( self::claim_seeding() ) {
			self::seed_defaults( new Templates(), new Settings() );
		}
	}

	/**
	 * Record that the defaults are being added; true for exactly one caller ever. add_option() cannot do this (it upserts), so the
	 * option row is inserted with INSERT IGNORE: of two first requests racing here only one wins, and no later one does.
	 */
	private static function claim_seeding(): bool {
		global $wpdb;
		$inserted = $wpdb->query(
			$wpdb->prepare(
				'INSERT IGNORE INTO %i (option_name, option_value, autoload) VALUES (%s, %s, %s)',
				$wpdb->options,
				self::SEEDED_OPTION,
				gmdate( 'Y-m-d\TH:i:s\Z' ),
				'off'
			)
		);
		wp_cache_delete( 'notoptions', 'options' );
		wp_cache_delete( self::SEEDED_OPTION, 'options' );
		return 1 === (int) $inserted;
	}

	/**
	 * On every load while the stored schema is older than the code (an update replaced the files without re-activation).
	 */
	public static function maybe_upgrade(): void {
		if ( Schema::installed_version() < Schema::VERSION ) {
			self::activate();
		}
	}

	/**
	 * Default templates in Greek and English, and the order-status mapping in the site's language. Skipped when templates exist
	 * already (a reinstall over kept data) or statuses are already mapped.
	 *
	 * @param Templates $templates Template store.
	 * @param Settings  $settings  Settings.
	 */
	public static function seed_defaults( Templates $templates, Settings $settings ): void {
		if ( $templates->count() > 0 ) {
			return;
		}
		$language = DefaultTemplates::language_for( function_exists( 'get_locale' ) ? get_locale() : 'en_US' );
		$mapping  = array();
		foreach ( DefaultTemplates::all() as $template_language => $by_status ) {
			foreach ( $by_status as $status => $template ) {
				$row = $templates->create( $template + array( 'context' => 'order' ) );
				if ( null !== $row && $template_language === $language ) {
					$mapping[ $status ] = array(
						'enabled'     => in_array( $status, DefaultTemplates::ENABLED_STATUSES, true ),
						'template_id' => $row['id'],
					);
				}
			}
		}
		if ( array() === $settings->get()['order_statuses'] && array() !== $mapping ) {
			$settings->update( array( 'order_statuses' => $mapping ) );
		}
	}
}
