<?php
/**
 * A stand-in for WordPress's wpdb that records the SQL the repositories build. Its prepare() follows wpdb::prepare for the
 * placeholders the plugin uses (%i identifiers, %s strings, %d integers) and, like WordPress, refuses a placeholder/argument
 * count mismatch. Queries answer from a script.
 */

declare( strict_types=1 );

// phpcs:disable
class wpdb {

	public string $prefix = 'wp_';
	public int $rows_affected = 0;
	public int $insert_id = 0;
	public string $last_error = '';

	/** @var string[] */
	public array $queries = array();

	/** @var array<int, mixed> Answers of successive query/get_* calls (null when the script is empty). */
	public array $script = array();

	public function prepare( string $query, mixed ...$args ): string {
		if ( 1 === count( $args ) && is_array( $args[0] ) ) {
			$args = $args[0];
		}
		preg_match_all( '/%[isd]/', $query, $placeholders );
		if ( count( $placeholders[0] ) !== count( $args ) ) {
			throw new LogicException( sprintf( 'prepare: %d placeholders, %d arguments in %s', count( $placeholders[0] ), count( $args ), $query ) );
		}
		$args = array_values( $args );
		$i    = 0;
		return preg_replace_callback(
			'/%([isd])/',
			static function ( array $m ) use ( &$i, $args ): string {
				$value = $args[ $i++ ];
				if ( null === $value ) {
					throw new LogicException( 'prepare: null argument (WordPress would turn it into an empty string)' );
				}
				return match ( $m[1] ) {
					'i' => '`' . str_replace( '`', '``', (string) $value ) . '`',
					'd' => (string) (int) $value,
					's' => "'" . addslashes( (string) $value ) . "'",
				};
			},
			$query
		);
	}

	public function query( string $sql ): int|bool {
		$this->queries[]     = $sql;
		$answer              = array_shift( $this->script );
		$this->rows_affected = is_int( $answer ) ? $answer : 0;
		return $answer ?? 0;
	}

	public function get_row( string $sql, mixed $output = null ): mixed {
		$this->queries[] = $sql;
		return array_shift( $this->script );
	}

	public function get_var( string $sql ): mixed {
		$this->queries[] = $sql;
		return array_shift( $this->script );
	}

	public function get_col( string $sql ): array {
		$this->queries[] = $sql;
		return (array) array_shift( $this->script );
	}

	public function get_results( string $sql, mixed $output = null ): mixed {
		$this->queries[] = $sql;
		return array_shift( $this->script );
	}
}
