<?php
/**
 * The SQL of the template store.
 */

declare( strict_types=1 );

use Modulus\Sms\Templates\Repository as Templates;
use PHPUnit\Framework\TestCase;

final class TemplatesRepositorySqlTest extends TestCase {

	public function test_create_update_delete_and_list(): void {
		$db              = new wpdb();
		$GLOBALS['wpdb'] = $db;
		$templates       = new Templates( $db );
		$row             = array( 'id' => '3', 'title' => "O'Neil", 'body' => 'Hi {first_name}', 'context' => 'order', 'created_at' => '2026-11-28 10:00:00', 'updated_at' => '2026-11-28 10:00:00' );

		$db->insert_id = 3;
		$db->script    = array( 1, $row, $row, 1, $row, 1, array( $row ) );
		$created       = $templates->create( array( 'title' => "O'Neil", 'body' => 'Hi {first_name}' ) );
		$this->assertSame( array( 'id' => 3, 'title' => "O'Neil", 'body' => 'Hi {first_name}', 'context' => 'order', 'created_at' => '2026-11-28T10:00:00Z', 'updated_at' => '2026-11-28T10:00:00Z' ), $created );
		$this->assertMatchesRegularExpression( "/^INSERT INTO `wp_modulus_sms_templates` \\(title, body, context, created_at, updated_at\\) VALUES \\('O\\\\'Neil', 'Hi \\{first_name\\}', 'order', '[0-9: -]+', '[0-9: -]+'\\)$/", $db->queries[0] );
		$this->assertSame( 'SELECT * FROM `wp_modulus_sms_templates` WHERE id = 3', $db->queries[1] );

		$templates->update( 3, array( 'body' => 'Bye', 'id' => 99 ) );
		$this->assertMatchesRegularExpression( "/^UPDATE `wp_modulus_sms_templates` SET title = 'O\\\\'Neil', body = 'Bye', context = 'order', updated_at = '[0-9: -]+' WHERE id = 3$/", $db->queries[3] );

		$this->assertTrue( $templates->delete( 3 ) );
		$this->assertSame( 'DELETE FROM `wp_modulus_sms_templates` WHERE id = 3', $db->queries[5] );

		$this->assertCount( 1, $templates->all( 'order' ) );
		$this->assertSame( "SELECT * FROM `wp_modulus_sms_templates` WHERE context = 'order' ORDER BY id", $db->queries[6] );
	}

	public function test_updating_a_missing_template_writes_nothing(): void {
		$db         = new wpdb();
		$db->script = array( null );
		$this->assertNull( ( new Templates( $db ) )->update( 8, array( 'title' => 'x' ) ) );
		$this->assertCount( 1, $db->queries );
	}
}
