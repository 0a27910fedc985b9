<?php
/**
 * The SQL the message repository builds: identifiers through %i, NULLs as NULL, values never inlined unescaped, and the atomic
 * statements (claim, attempts compare-and-set) shaped so that only one writer wins.
 */

declare( strict_types=1 );

use Modulus\Sms\Messages\Repository;
use PHPUnit\Framework\TestCase;

final class RepositorySqlTest extends TestCase {

	private wpdb $db;
	private Repository $messages;

	protected function setUp(): void {
		$this->db              = new wpdb();
		$GLOBALS['wpdb']       = $this->db;
		$this->messages        = new Repository( $this->db );
	}

	public function test_create_inserts_known_columns_with_nulls_and_reports_the_new_id(): void {
		$this->db->script    = array( 1 );
		$this->db->insert_id = 41;

		$result = $this->messages->create( array( 'uuid' => 'u-1', 'kind' => 'order_status', 'dedupe_key' => '', 'order_id' => 1042, 'phone' => "+30'69", 'text' => 'Γεια', 'bogus' => 'x', 'send_at' => '2026-11-28T12:00:00+02:00' ) );

		$this->assertSame( array( 'id' => 41, 'created' => true ), $result );
		$sql = $this->db->queries[0];
		$this->assertStringStartsWith( 'INSERT IGNORE INTO `wp_modulus_sms_messages` (`uuid`, `kind`, `dedupe_key`, `order_id`, `phone`, `text`, `send_at`, `status`, `routing`, `attempts`, `created_at`, `updated_at`) VALUES (', $sql );
		$this->assertStringContainsString( "'u-1', 'order_status', NULL, 1042, '+30\\'69', 'Γεια', '2026-11-28 10:00:00', 'scheduled', 'sms', '[]', '", $sql );
		$this->assertStringNotContainsString( 'bogus', $sql );
	}

	public function test_create_with_a_taken_dedupe_key_returns_the_existing_row(): void {
		$this->db->script = array( 0, array( 'id' => '7', 'attempts' => '[]' ) + self::empty_row() );
		$this->assertSame( array( 'id' => 7, 'created' => false ), $this->messages->create( array( 'dedupe_key' => 'order:1:completed' ) ) );
		$this->assertSame( "SELECT * FROM `wp_modulus_sms_messages` WHERE `dedupe_key` = 'order:1:completed' LIMIT 1", $this->db->queries[1] );
	}

	public function test_create_refuses_a_malformed_date_without_touching_the_database(): void {
		$result = $this->messages->create( array( 'send_at' => 'soonish' ) );
		$this->assertSame( 0, $result['id'] );
		$this->assertStringContainsString( 'soonish', $result['error'] );
		$this->assertSame( array(), $this->db->queries );
	}

	public function test_update_sets_columns_and_nulls(): void {
		$this->db->script = array( 1 );
		$this->assertTrue( $this->messages->update( 9, array( 'status' => 'sent', 'error' => null, 'segments' => 2, 'id' => 100 ) ) );
		$this->assertMatchesRegularExpression( "/^UPDATE `wp_modulus_sms_messages` SET `status` = 'sent', `error` = NULL, `segments` = 2, `updated_at` = '[0-9: -]+' WHERE id = 9$/", $this->db->queries[0] );
	}

	public function test_release_ends_only_the_claim_this_worker_took(): void {
		$this->db->script = array( 1, 1, 1 );
		$this->assertTrue( $this->messages->claim( 3, 120 ) );
		$this->messages->release( 3 );
		$this->assertMatchesRegularExpression( "/^UPDATE `wp_modulus_sms_messages` SET lease_until = NULL WHERE id = 3 AND lease_until = '[0-9: -]+'$/", $this->db->queries[1], 'a lease that ran out and was claimed again is not freed' );
		$this->messages->release( 3 );
		$this->assertSame( 'UPDATE `wp_modulus_sms_messages` SET lease_until = NULL WHERE id = 3', $this->db->queries[2], 'a claim taken elsewhere (the sweeper) is freed whatever it is' );
	}

	public function test_claim_is_one_conditional_update(): void {
		$this->db->script = array( 1, 0 );
		$this->assertTrue( $this->messages->claim( 3, 120 ) );
		$this->assertFalse( $this->messages->claim( 3, 120 ) );
		$this->assertMatchesRegularExpression(
			"/^UPDATE `wp_modulus_sms_messages` SET lease_until = '[0-9: -]+' WHERE id = 3 AND status IN \\('scheduled', 'sending', 'awaiting_status', 'held'\\) AND \\(lease_until IS NULL OR lease_until <= '[0-9: -]+'\\)$/",
			$this->db->queries[0]
		);
	}

	public function test_attempts_are_appended_with_compare_and_set_and_retried_when_another_writer_won(): void {
		$first            = '[{"channel":"sms","outcome":null,"at":"t0"}]';
		$second           = '[{"channel":"sms","outcome":null,"at":"t0"},{"channel":"sms","outcome":"delivered","at":"t1"}]';
		$this->db->script = array( $first, 0, $second, 1 );

		$attempts = $this->messages->complete_attempt( 5, array( 'channel' => 'sms', 'outcome' => 'accepted', 'at' => 't2' ) );

		$this->assertSame( array( 'accepted', 'delivered' ), array_column( $attempts, 'outcome' ) );
		$this->assertStringEndsWith( "WHERE id = 5 AND BINARY attempts = '" . addslashes( $first ) . "'", $this->db->queries[1] );
		$this->assertStringEndsWith( "WHERE id = 5 AND BINARY attempts = '" . addslashes( $second ) . "'", $this->db->queries[3] );
	}

	public function test_query_pages_and_counts_with_the_same_where(): void {
		$this->db->script = array( '3', array( array( 'id' => '9' ) + self::empty_row() ) );
		$result           = $this->messages->query( array( 'status' => 'failed', 'phone' => '69' ), 2, 1 );
		$this->assertSame( 3, $result['total'] );
		$this->assertSame( 9, $result['rows'][0]['id'] );
		$this->assertSame( "SELECT COUNT(*) FROM `wp_modulus_sms_messages` WHERE 1=1 AND `status` IN ('failed') AND phone LIKE '%69%'", $this->db->queries[0] );
		$this->assertSame( "SELECT * FROM `wp_modulus_sms_messages` WHERE 1=1 AND `status` IN ('failed') AND phone LIKE '%69%' ORDER BY id DESC LIMIT 1 OFFSET 1", $this->db->queries[1] );
	}

	public function test_person_rows_can_leave_out_erased_ones(): void {
		$this->db->script = array( array() );
		$this->messages->find_for_person( array( '+306912345678' ), array( 4 ), 2, 1, 50, '[deleted]' );
		$this->assertSame(
			"SELECT * FROM `wp_modulus_sms_messages` WHERE (phone IN ('+306912345678') OR order_id IN (4) OR customer_id = 2) AND (phone <> '' OR text <> '[deleted]') ORDER BY id LIMIT 50 OFFSET 0",
			$this->db->queries[0]
		);
		$this->assertSame( array(), $this->messages->find_for_person( array(), array(), 0, 1, 50 ) );
		$this->assertCount( 1, $this->db->queries, 'nobody to look for: no query' );
	}

	private static function empty_row(): array {
		return array_fill_keys( array( 'order_id', 'customer_id', 'segments', 'send_at', 'sent_at', 'lease_until', 'created_at', 'updated_at' ), null ) + array( 'attempts' => '[]' );
	}
}
