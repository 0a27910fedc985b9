<?php
/**
 * Message templates storage.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Templates;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Install\Schema;

/**
 * All reads and writes of `{prefix}modulus_sms_templates`. Rows: {id, title, body, context, created_at, updated_at} with datetimes
 * in UTC RFC 3339. Callers validate first (Templates\Validator); this class only stores.
 */
class Repository {

	public const CONTEXTS = array( 'order', 'product', 'customer' );

	private \wpdb $db;

	/**
	 * @param \wpdb|null $db Defaults to the global $wpdb.
	 */
	public function __construct( ?\wpdb $db = null ) {
		global $wpdb;
		$this->db = $db ?? $wpdb;
	}

	/**
	 * Every template, by id; optionally only one context's.
	 *
	 * @param string|null $context order, product or customer.
	 * @return array[]
	 */
	public function all( ?string $context = null ): array {
		$rows = null === $context
			? $this->db->get_results( $this->db->prepare( 'SELECT * FROM %i ORDER BY id', Schema::templates_table() ), ARRAY_A )
			: $this->db->get_results( $this->db->prepare( 'SELECT * FROM %i WHERE context = %s ORDER BY id', Schema::templates_table(), $context ), ARRAY_A );
		return array_map( array( self::class, 'from_db' ), $rows ?: array() );
	}

	public function find( int $id ): ?array {
		$row = $this->db->get_row( $this->db->prepare( 'SELECT * FROM %i WHERE id = %d', Schema::templates_table(), $id ), ARRAY_A );
		return is_array( $row ) ? self::from_db( $row ) : null;
	}

	/**
	 * @param array $template {title, body, context?}.
	 * @return array|null The stored row, null when the database refused it.
	 */
	public function create( array $template ): ?array {
		$now = gmdate( 'Y-m-d H:i:s' );
		$ok  = $this->db->query(
			$this->db->prepare(
				'INSERT INTO %i (title, body, context, created_at, updated_at) VALUES (%s, %s, %s, %s, %s)',
				Schema::templates_table(),
				(string) ( $template['title'] ?? '' ),
				(string) ( $template['body'] ?? '' ),
				(string) ( $template['context'] ?? 'order' ),
				$now,
				$now
			)
		);
		return false === $ok ? null : $this->find( (int) $this->db->insert_id );
	}

	/**
	 * @param int   $id      Template id.
	 * @param array $changes Any of title, body, context.
	 * @return array|null The row after the change, null when it does not exist.
	 */
	public function update( int $id, array $changes ): ?array {
		$current = $this->find( $id );
		if ( null === $current ) {
			return null;
		}
		$next = array_merge( $current, array_intersect_key( $changes, array_flip( array( 'title', 'body', 'context' ) ) ) );
		$this->db->query(
			$this->db->prepare(
				'UPDATE %i SET title = %s, body = %s, context = %s, updated_at = %s WHERE id = %d',
				Schema::templates_table(),
				(string) $next['title'],
				(string) $next['body'],
				(string) $next['context'],
				gmdate( 'Y-m-d H:i:s' ),
				$id
			)
		);
		return $this->find( $id );
	}

	/**
	 * @param int $id Template id.
	 * @return bool Whether a row was deleted.
	 */
	public function delete( int $id ): bool {
		return 1 === (int) $this->db->query( $this->db->prepare( 'DELETE FROM %i WHERE id = %d', Schema::templates_table(), $id ) );
	}

	public function count(): int {
		return (int) $this->db->get_var( $this->db->prepare( 'SELECT COUNT(*) FROM %i', Schema::templates_table() ) );
	}

	/**
	 * @param array $row Database row.
	 */
	private static function from_db( array $row ): array {
		return array(
			'id'         => (int) $row['id'],
			'title'      => (string) $row['title'],
			'body'       => (string) $row['body'],
			'context'    => (string) $row['context'],
			'created_at' => str_replace( ' ', 'T', (string) $row['created_at'] ) . 'Z',
			'updated_at' => str_replace( ' ', 'T', (string) $row['updated_at'] ) . 'Z',
		);
	}
}
