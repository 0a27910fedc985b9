<?php
/**
 * The plugin's database tables.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Install;

defined( 'ABSPATH' ) || exit;

/**
 * Table names and their dbDelta definitions. Bump VERSION whenever a definition changes: the upgrade routine runs dbDelta again
 * when the stored version is older.
 */
final class Schema {

	public const VERSION        = 1;
	public const VERSION_OPTION = 'modulus_sms_db_version';

	/**
	 * The message table (`{prefix}modulus_sms_messages`).
	 */
	public static function messages_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'modulus_sms_messages';
	}

	/**
	 * The template table (`{prefix}modulus_sms_templates`).
	 */
	public static function templates_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'modulus_sms_templates';
	}

	/**
	 * Create or alter the tables to match the definitions, then record the version.
	 */
	public static function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';

		$collate = $wpdb->get_charset_collate();
		dbDelta( self::messages_sql( $collate ) );
		dbDelta( self::templates_sql( $collate ) );
		update_option( self::VERSION_OPTION, self::VERSION, true );
	}

	/**
	 * The schema version recorded in the database (0 when never installed).
	 */
	public static function installed_version(): int {
		return (int) get_option( self::VERSION_OPTION, 0 );
	}

	/**
	 * One row per message, written before anything is sent: the source of truth for the queue. `dedupe_key` is unique so that a hook
	 * firing twice makes one message (MySQL allows many NULLs in a unique index: manual and test sends have none).
	 *
	 * @param string $collate Charset/collation clause.
	 */
	private static function messages_sql( string $collate ): string {
		$table = self::messages_table();
		return "CREATE TABLE {$table} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  uuid char(36) NOT NULL,
  kind varchar(20) NOT NULL,
  dedupe_key varchar(191) DEFAULT NULL,
  order_id bigint(20) unsigned DEFAULT NULL,
  customer_id bigint(20) unsigned DEFAULT NULL,
  phone varchar(32) NOT NULL DEFAULT '',
  routing varchar(16) NOT NULL DEFAULT 'sms',
  channel varchar(16) DEFAULT NULL,
  text longtext NOT NULL,
  sms_text longtext DEFAULT NULL,
  encoding varchar(8) DEFAULT NULL,
  segments smallint(5) unsigned DEFAULT NULL,
  status varchar(20) NOT NULL DEFAULT 'scheduled',
  reason varchar(64) DEFAULT NULL,
  attempts longtext DEFAULT NULL,
  provider_id varchar(128) DEFAULT NULL,
  error text DEFAULT NULL,
  send_at datetime DEFAULT NULL,
  sent_at datetime DEFAULT NULL,
  lease_until datetime DEFAULT NULL,
  created_at datetime NOT NULL,
  updated_at datetime NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY uuid (uuid),
  UNIQUE KEY dedupe_key (dedupe_key),
  KEY provider_id (provider_id),
  KEY order_id (order_id),
  KEY customer_id (customer_id),
  KEY phone (phone),
  KEY status_send_at (status,send_at),
  KEY created_at (created_at)
) {$collate};";
	}

	/**
	 * Message templates: a title, a body with `{variables}` and the context whose variables it may use.
	 *
	 * @param string $collate Charset/collation clause.
	 */
	private static function templates_sql( string $collate ): string {
		$table = self::templates_table();
		return "CREATE TABLE {$table} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  title varchar(190) NOT NULL,
  body text NOT NULL,
  context varchar(20) NOT NULL DEFAULT 'order',
  created_at datetime NOT NULL,
  updated_at datetime NOT NULL,
  PRIMARY KEY  (id),
  KEY context (context)
) {$collate};";
	}
}
