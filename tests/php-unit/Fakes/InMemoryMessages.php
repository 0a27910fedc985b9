<?php
/**
 * A message store in memory with the real repository's semantics (row format, dedupe, claims, in-flight attempts).
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Fakes;

use Modulus\Sms\Messages\Repository;
use Modulus\Sms\Messages\RowFormat;

final class InMemoryMessages extends Repository {

	/** @var array<int, array> Rows in database format. */
	public array $rows = array();

	public int $now;

	public function __construct() {
		$this->now = time();
	}

	public function create( array $row ): array {
		$key = (string) ( $row['dedupe_key'] ?? '' );
		foreach ( $this->rows as $id => $existing ) {
			if ( '' !== $key && $existing['dedupe_key'] === $key ) {
				return array( 'id' => $id, 'created' => false );
			}
		}
		$id                = count( $this->rows ) + 1;
		$db                = RowFormat::to_db( $row + array( 'uuid' => wp_generate_uuid4(), 'status' => 'scheduled', 'routing' => 'sms', 'attempts' => array(), 'kind' => 'manual', 'phone' => '', 'text' => '' ) );
		$this->rows[ $id ] = $db + array_fill_keys( array_keys( RowFormat::COLUMNS ), null ) + array(
			'id'         => $id,
			'created_at' => gmdate( 'Y-m-d H:i:s', $this->now ),
			'updated_at' => gmdate( 'Y-m-d H:i:s', $this->now ),
		);
		return array( 'id' => $id, 'created' => true );
	}

	public function find( int $id ): ?array {
		return isset( $this->rows[ $id ] ) ? RowFormat::from_db( $this->rows[ $id ] ) : null;
	}

	public function update( int $id, array $changes ): bool {
		if ( ! isset( $this->rows[ $id ] ) ) {
			return false;
		}
		$this->rows[ $id ] = array_merge( $this->rows[ $id ], RowFormat::to_db( $changes ) );
		return true;
	}

	public function append_attempt( int $id, array $attempt ): ?array {
		$attempts   = RowFormat::attempts_from_json( $this->rows[ $id ]['attempts'] );
		$attempts[] = $attempt;
		$this->rows[ $id ]['attempts'] = RowFormat::attempts_to_json( $attempts );
		return $attempts;
	}

	public function complete_attempt( int $id, array $attempt ): ?array {
		$attempts = RowFormat::attempts_from_json( $this->rows[ $id ]['attempts'] );
		for ( $i = count( $attempts ) - 1; $i >= 0; $i-- ) {
			if ( null === ( $attempts[ $i ]['outcome'] ?? null ) && $attempts[ $i ]['channel'] === $attempt['channel'] ) {
				$attempts[ $i ]                = $attempt;
				$this->rows[ $id ]['attempts'] = RowFormat::attempts_to_json( $attempts );
				return $attempts;
			}
		}
		return $this->append_attempt( $id, $attempt );
	}

	/** @var (\Closure(int): void)|null Runs just before a claim: another worker's work between a read and the claim. */
	public ?\Closure $before_claim = null;

	public function claim( int $id, int $lease_seconds ): bool {
		if ( null !== $this->before_claim ) {
			( $this->before_claim )( $id );
		}
		$row = $this->rows[ $id ] ?? null;
		if ( null === $row || ! in_array( $row['status'], array( 'scheduled', 'sending', 'awaiting_status', 'held' ), true ) ) {
			return false;
		}
		if ( null !== $row['lease_until'] && strtotime( $row['lease_until'] . ' UTC' ) > $this->now ) {
			return false;
		}
		$this->rows[ $id ]['lease_until'] = gmdate( 'Y-m-d H:i:s', $this->now + $lease_seconds );
		return true;
	}

	public function release( int $id ): void {
		$this->rows[ $id ]['lease_until'] = null;
	}
}
