<?php
/**
 * The message store: every SMS/Viber message, written before it is sent.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Messages;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Install\Schema;

/**
 * All reads and writes of `{prefix}modulus_sms_messages`, each through `$wpdb->prepare` with `%i` for identifiers. Rows come back in
 * RowFormat's shape. An attempt whose `outcome` is null is in flight: written just before the HTTP request, completed after it.
 */
class Repository {

	/** Statuses a worker may claim: not final, and `sending` only once its lease ran out (a worker died mid-send). */
	private const CLAIMABLE = array( 'scheduled', 'sending', 'awaiting_status', 'held' );

	private \wpdb $db;

	/** @var array<int, string> Leases this object took, row id => lease_until, so release() ends only its own claim. */
	private array $leases = array();

	/**
	 * @param \wpdb|null $db Defaults to the global $wpdb.
	 */
	public function __construct( ?\wpdb $db = null ) {
		global $wpdb;
		$this->db = $db ?? $wpdb;
	}

	/**
	 * Insert a message. A row whose dedupe_key already exists is not inserted again: its id comes back with created=false.
	 *
	 * @param array $row Columns (see RowFormat::COLUMNS); uuid, status, routing and attempts get defaults.
	 * @return array{id:int, created:bool, error?:string} id 0 with `error` when the database refused the row.
	 */
	public function create( array $row ): array {
		$now = gmdate( 'Y-m-d H:i:s' );
		try {
			$data = $this->row_to_db( $row );
		} catch ( \InvalidArgumentException $bad_value ) {
			return array(
				'id'      => 0,
				'created' => false,
				'error'   => $bad_value->getMessage(),
			);
		}
		$data['created_at'] = $now;
		$data['updated_at'] = $now;
		if ( '' === (string) ( $data['dedupe_key'] ?? '' ) ) {
			$data['dedupe_key'] = null;
		}

		// IGNORE: a duplicate dedupe_key is an expected race (a hook firing twice), not an error to print.
		$sql = 'INSERT IGNORE INTO %i (' . implode( ', ', array_fill( 0, count( $data ), '%i' ) ) . ') VALUES ('
			. implode( ', ', array_map( array( $this, 'placeholder' ), $data ) ) . ')';
		$args = array_merge( array( Schema::messages_table() ), array_keys( $data ), array_values( array_filter( $data, static fn( $v ) => null !== $v ) ) );
		$this->db->query( $this->db->prepare( $sql, $args ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- built from placeholders only.

		if ( 1 === (int) $this->db->rows_affected ) {
			return array(
				'id'      => (int) $this->db->insert_id,
				'created' => true,
			);
		}
		$existing = null === $data['dedupe_key'] ? null : $this->find_by( 'dedupe_key', (string) $data['dedupe_key'] );
		if ( null !== $existing ) {
			return array(
				'id'      => $existing['id'],
				'created' => false,
			);
		}
		return array(
			'id'      => 0,
			'created' => false,
			'error'   => '' !== $this->db->last_error ? $this->db->last_error : 'The message could not be stored.',
		);
	}

	public function find( int $id ): ?array {
		return $this->find_by( 'id', $id );
	}

	public function find_by_uuid( string $uuid ): ?array {
		return $this->find_by( 'uuid', $uuid );
	}

	public function find_by_provider_id( string $provider_id ): ?array {
		return '' === $provider_id ? null : $this->find_by( 'provider_id', $provider_id );
	}

	public function find_by_dedupe_key( string $dedupe_key ): ?array {
		return '' === $dedupe_key ? null : $this->find_by( 'dedupe_key', $dedupe_key );
	}

	/**
	 * Change columns of one row.
	 *
	 * @param int   $id      Row id.
	 * @param array $changes Columns to set (unknown keys are ignored).
	 * @return bool Whether the row exists and took the change (true also when nothing changed; false on a malformed date).
	 */
	public function update( int $id, array $changes ): bool {
		try {
			$data = RowFormat::to_db( $changes );
		} catch ( \InvalidArgumentException $bad_value ) {
			return false;
		}
		if ( array() === $data ) {
			return null !== $this->find( $id );
		}
		$data['updated_at'] = gmdate( 'Y-m-d H:i:s' );
		$sets               = array();
		$args               = array( Schema::messages_table() );
		foreach ( $data as $column => $value ) {
			$sets[] = '%i = ' . $this->placeholder( $value );
			$args[] = $column;
			if ( null !== $value ) {
				$args[] = $value;
			}
		}
		$args[] = $id;
		$sql    = 'UPDATE %i SET ' . implode( ', ', $sets ) . ' WHERE id = %d';
		return false !== $this->db->query( $this->db->prepare( $sql, $args ) ) && ( $this->db->rows_affected > 0 || null !== $this->find( $id ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
	}

	/**
	 * Append an attempt or status event (`{channel, outcome, at, retry_after?, http_status?, provider_id?, error?}`).
	 *
	 * @param int   $id      Row id.
	 * @param array $attempt The attempt.
	 * @return array|null The attempts after the change, null if the row does not exist.
	 */
	public function append_attempt( int $id, array $attempt ): ?array {
		return $this->mutate_attempts(
			$id,
			static function ( array $attempts ) use ( $attempt ): array {
				$attempts[] = $attempt;
				return $attempts;
			}
		);
	}

	/**
	 * Record the outcome of the in-flight attempt on $attempt['channel'] (the newest attempt on that channel with a null outcome);
	 * appended when there is none.
	 *
	 * @param int   $id      Row id.
	 * @param array $attempt The finished attempt.
	 * @return array|null The attempts after the change, null if the row does not exist.
	 */
	public function complete_attempt( int $id, array $attempt ): ?array {
		return $this->mutate_attempts(
			$id,
			static function ( array $attempts ) use ( $attempt ): array {
				for ( $i = count( $attempts ) - 1; $i >= 0; $i-- ) {
					if ( null === ( $attempts[ $i ]['outcome'] ?? null ) && ( $attempts[ $i ]['channel'] ?? null ) === ( $attempt['channel'] ?? null ) ) {
						$attempts[ $i ] = $attempt;
						return $attempts;
					}
				}
				$attempts[] = $attempt;
				return $attempts;
			}
		);
	}

	/**
	 * Take the row for one worker: an atomic UPDATE that succeeds for exactly one caller while the lease lasts.
	 *
	 * @param int $id            Row id.
	 * @param int $lease_seconds How long the claim holds if the worker dies.
	 */
	public function claim( int $id, int $lease_seconds ): bool {
		$now   = time();
		$lease = gmdate( 'Y-m-d H:i:s', $now + max( 1, $lease_seconds ) );
		$sql   = 'UPDATE %i SET lease_until = %s WHERE id = %d AND status IN (' . implode( ', ', array_fill( 0, count( self::CLAIMABLE ), '%s' ) ) . ')'
			. ' AND (lease_until IS NULL OR lease_until <= %s)';
		$args  = array_merge(
			array( Schema::messages_table(), $lease, $id ),
			self::CLAIMABLE,
			array( gmdate( 'Y-m-d H:i:s', $now ) )
		);
		$this->db->query( $this->db->prepare( $sql, $args ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		if ( 1 !== (int) $this->db->rows_affected ) {
			return false;
		}
		$this->leases[ $id ] = $lease;
		return true;
	}

	/**
	 * End a claim early. A claim this object took is ended only while it is still the row's: if the lease ran out mid-run and
	 * another worker claimed the row, that worker's claim stays. A claim taken elsewhere (the sweeper freeing a dead worker's row)
	 * is ended whatever it is.
	 *
	 * @param int $id Row id.
	 */
	public function release( int $id ): void {
		$lease = $this->leases[ $id ] ?? null;
		unset( $this->leases[ $id ] );
		if ( null === $lease ) {
			$this->db->query( $this->db->prepare( 'UPDATE %i SET lease_until = NULL WHERE id = %d', Schema::messages_table(), $id ) );
			return;
		}
		$this->db->query( $this->db->prepare( 'UPDATE %i SET lease_until = NULL WHERE id = %d AND lease_until = %s', Schema::messages_table(), $id, $lease ) );
	}

	/**
	 * One page of rows, newest first.
	 *
	 * @param array $filters  See MessageQuery.
	 * @param int   $page     1-based page.
	 * @param int   $per_page Rows per page (1–500).
	 * @return array{rows: array[], total: int}
	 */
	public function query( array $filters, int $page = 1, int $per_page = 20 ): array {
		$where    = ( new MessageQuery( $filters ) )->where();
		$per_page = min( 500, max( 1, $per_page ) );
		$offset   = ( max( 1, $page ) - 1 ) * $per_page;

		$total = (int) $this->db->get_var(
			$this->db->prepare( 'SELECT COUNT(*) FROM %i WHERE ' . $where['sql'], array_merge( array( Schema::messages_table() ), $where['args'] ) ) // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		);
		$rows  = $this->db->get_results(
			$this->db->prepare(
				'SELECT * FROM %i WHERE ' . $where['sql'] . ' ORDER BY id DESC LIMIT %d OFFSET %d', // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
				array_merge( array( Schema::messages_table() ), $where['args'], array( $per_page, $offset ) )
			),
			ARRAY_A
		);
		return array(
			'rows'  => array_map( array( RowFormat::class, 'from_db' ), $rows ?: array() ),
			'total' => $total,
		);
	}

	/**
	 * Rows belonging to a person, for the privacy exporter and eraser: sent to one of the phones, or about one of the orders, or to
	 * the customer.
	 *
	 * @param string[]    $phones      E.164 numbers.
	 * @param int[]       $order_ids   Order ids.
	 * @param int         $customer_id User id (0 for none).
	 * @param int         $page        1-based page.
	 * @param int         $per_page    Rows per page.
	 * @param string|null $erased_text When given, rows already anonymised (no phone and this text) are left out.
	 * @return array[]
	 */
	public function find_for_person( array $phones, array $order_ids, int $customer_id, int $page, int $per_page, ?string $erased_text = null ): array {
		$where = ( new MessageQuery( array() ) )->person_where( $phones, $order_ids, $customer_id );
		if ( null === $where ) {
			return array();
		}
		if ( null !== $erased_text ) {
			$where['sql']   .= " AND (phone <> '' OR text <> %s)";
			$where['args'][] = $erased_text;
		}
		$rows = $this->db->get_results(
			$this->db->prepare(
				'SELECT * FROM %i WHERE ' . $where['sql'] . ' ORDER BY id LIMIT %d OFFSET %d', // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
				array_merge( array( Schema::messages_table() ), $where['args'], array( $per_page, ( max( 1, $page ) - 1 ) * $per_page ) )
			),
			ARRAY_A
		);
		return array_map( array( RowFormat::class, 'from_db' ), $rows ?: array() );
	}

	/**
	 * @param string     $column Unique column.
	 * @param int|string $value  Its value.
	 */
	private function find_by( string $column, int|string $value ): ?array {
		$row = $this->db->get_row(
			$this->db->prepare( 'SELECT * FROM %i WHERE %i = ' . ( is_int( $value ) ? '%d' : '%s' ) . ' LIMIT 1', Schema::messages_table(), $column, $value ), // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
			ARRAY_A
		);
		return is_array( $row ) ? RowFormat::from_db( $row ) : null;
	}

	/**
	 * Read-modify-write of the attempts with a compare-and-set on the old JSON, so that a delivery report arriving while a worker
	 * records its outcome is never lost.
	 *
	 * @param int      $id     Row id.
	 * @param callable $change fn(array $attempts): array.
	 */
	private function mutate_attempts( int $id, callable $change ): ?array {
		for ( $try = 0; $try < 10; $try++ ) {
			$old_json = $this->db->get_var( $this->db->prepare( 'SELECT attempts FROM %i WHERE id = %d', Schema::messages_table(), $id ) );
			if ( null === $old_json && null === $this->find( $id ) ) {
				return null;
			}
			$attempts = $change( RowFormat::attempts_from_json( $old_json ) );
			$new_json = RowFormat::attempts_to_json( $attempts );
			$updated  = $this->db->query(
				$this->db->prepare(
					'UPDATE %i SET attempts = %s, updated_at = %s WHERE id = %d AND ' . ( null === $old_json ? 'attempts IS NULL' : 'BINARY attempts = %s' ), // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
					array_merge( array( Schema::messages_table(), $new_json, gmdate( 'Y-m-d H:i:s' ), $id ), null === $old_json ? array() : array( $old_json ) )
				)
			);
			if ( 1 === (int) $updated || $new_json === $old_json ) {
				return $attempts;
			}
		}
		return null;
	}

	/**
	 * A new row with defaults for the columns the caller left out.
	 *
	 * @param array $row Caller's row.
	 * @throws \InvalidArgumentException On a value that is not a date where one is expected.
	 */
	private function row_to_db( array $row ): array {
		return RowFormat::to_db(
			$row + array(
				'uuid'     => wp_generate_uuid4(),
				'status'   => 'scheduled',
				'routing'  => 'sms',
				'attempts' => array(),
				'phone'    => '',
				'text'     => '',
				'kind'     => 'manual',
			)
		);
	}

	/**
	 * @param mixed $value Column value.
	 */
	private function placeholder( mixed $value ): string {
		if ( null === $value ) {
			return 'NULL';
		}
		return is_int( $value ) ? '%d' : '%s';
	}
}
