<?php
/**
 * Puts the installed plugin into a known state between tests.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Support;

use Modulus\Sms\Install\Schema;
use Modulus\Sms\Settings\Settings;

/**
 * Tests share one real site (no transactions: the emulator's delivery reports reach the site through other PHP processes, which
 * must see committed rows), so each test sets what it relies on instead of rolling back.
 */
final class PluginState {

	public const PLUGIN_FILE = 'modulus-sms/modulus-sms.php';

	/** The API token the emulator expects (run.sh starts it with the same). */
	public static function token(): string {
		return getenv( 'MMP_TOKEN' ) ? (string) getenv( 'MMP_TOKEN' ) : 'emu-token-4321';
	}

	/** The HMAC secret the emulator signs delivery reports with. */
	public static function secret(): string {
		return getenv( 'MMP_SECRET' ) ? (string) getenv( 'MMP_SECRET' ) : 'emu-secret-8765';
	}

	/**
	 * Point the plugin at the emulator with valid credentials, SMS routing, no hold, quiet hours and consent off, plus any
	 * overrides (replacing whole top-level keys). Goes through the plugin's
	 * own Settings::update, so it is validated like a save from the screen.
	 *
	 * @param EmulatorClient $emulator  The emulator.
	 * @param array          $overrides Extra settings.
	 * @return array The settings afterwards.
	 */
	public static function configure_for_emulator( EmulatorClient $emulator, array $overrides = array() ): array {
		$result = ( new Settings() )->update(
			array_replace(
				array(
					'api_url'            => $emulator->api_url(),
					'api_token'          => self::token(),
					'api_secret'         => self::secret(),
					'sender_id'          => 'MyShop',
					'routing'            => 'sms',
					'http_timeout'       => 5,
					'held'               => null,
					// Rules that would defer or skip a message are off unless a test turns them on.
					'gsm7_transliterate' => false,
					'quiet_hours'        => array( 'enabled' => false ),
					'consent'            => array( 'enabled' => false ),
				),
				$overrides
			)
		);
		if ( is_wp_error( $result ) ) {
			throw new \RuntimeException( 'cannot configure the plugin: ' . $result->get_error_message() . ' ' . wp_json_encode( $result->get_error_data() ) );
		}
		return $result;
	}

	/** Delete every stored message (the table stays). */
	public static function clear_messages(): void {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- test cleanup.
		$wpdb->query( $wpdb->prepare( 'DELETE FROM %i', Schema::messages_table() ) );
	}

	/**
	 * Stored messages, newest first, decoded as the repository stores them.
	 *
	 * @param array $where column => value filters.
	 */
	public static function messages( array $where = array() ): array {
		global $wpdb;
		$sql    = 'SELECT * FROM %i';
		$params = array( Schema::messages_table() );
		$clauses = array();
		foreach ( $where as $column => $value ) {
			$clauses[] = '%i = %s';
			$params[]  = $column;
			$params[]  = (string) $value;
		}
		if ( $clauses ) {
			$sql .= ' WHERE ' . implode( ' AND ', $clauses );
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- built from placeholders only.
		return $wpdb->get_results( $wpdb->prepare( $sql . ' ORDER BY id DESC', ...$params ), ARRAY_A );
	}

	/**
	 * Forget in-process caches, after another PHP process (a web request, a delivery report) changed the database.
	 */
	public static function flush_caches(): void {
		wp_cache_flush();
	}
}
