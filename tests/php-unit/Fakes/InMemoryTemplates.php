<?php
/**
 * A template store in memory.
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Fakes;

use Modulus\Sms\Templates\Repository;

final class InMemoryTemplates extends Repository {

	/** @var array<int, array> */
	public array $rows = array();

	public function __construct() {
	}

	public function all( ?string $context = null ): array {
		return array_values( array_filter( $this->rows, static fn( $row ) => null === $context || $row['context'] === $context ) );
	}

	public function find( int $id ): ?array {
		return $this->rows[ $id ] ?? null;
	}

	public function create( array $template ): ?array {
		$id                = count( $this->rows ) + 1;
		$this->rows[ $id ] = array( 'id' => $id ) + $template;
		return $this->rows[ $id ];
	}

	public function count(): int {
		return count( $this->rows );
	}
}
