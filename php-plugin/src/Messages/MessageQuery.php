<?php
/**
 * WHERE clauses for listing messages.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Messages;

defined( 'ABSPATH' ) || exit;

/**
 * Turns the Log filters into a WHERE clause with placeholders and its arguments (for `$wpdb->prepare`). Unknown filters and empty
 * values are ignored; values are never put into the SQL text.
 *
 * Filters: `kind`, `status`, `channel` (exact; string or list), `phone` (substring), `order_id`, `customer_id` (int), `date_from`,
 * `date_to` (`Y-m-d`, inclusive, days in the site's time zone, on `created_at`).
 */
final class MessageQuery {

	/**
	 * @param array         $filters  Filter values.
	 * @param \DateTimeZone $timezone Time zone of the dates; default the site's.
	 */
	public function __construct( private readonly array $filters, private ?\DateTimeZone $timezone = null ) {
	}

	/**
	 * @return array{sql: string, args: array}
	 */
	public function where(): array {
		$sql  = array( '1=1' );
		$args = array();
		foreach ( array( 'kind', 'status', 'channel' ) as $column ) {
			$values = $this->list_filter( $column );
			if ( array() !== $values ) {
				$sql[] = '%i IN (' . implode( ', ', array_fill( 0, count( $values ), '%s' ) ) . ')';
				$args  = array_merge( $args, array( $column ), $values );
			}
		}
		foreach ( array( 'order_id', 'customer_id' ) as $column ) {
			$id = (int) ( $this->filters[ $column ] ?? 0 );
			if ( $id > 0 ) {
				$sql[]  = '%i = %d';
				$args[] = $column;
				$args[] = $id;
			}
		}
		$phone = trim( (string) ( $this->filters['phone'] ?? '' ) );
		if ( '' !== $phone ) {
			$sql[]  = 'phone LIKE %s';
			$args[] = '%' . $this->escape_like( $phone ) . '%';
		}
		$from = $this->day_start_utc( (string) ( $this->filters['date_from'] ?? '' ), 0 );
		if ( null !== $from ) {
			$sql[]  = 'created_at >= %s';
			$args[] = $from;
		}
		$until = $this->day_start_utc( (string) ( $this->filters['date_to'] ?? '' ), 1 );
		if ( null !== $until ) {
			$sql[]  = 'created_at < %s';
			$args[] = $until;
		}
		return array(
			'sql'  => implode( ' AND ', $sql ),
			'args' => $args,
		);
	}

	/**
	 * Rows to one of the phones, about one of the orders, or to the customer; null when nothing identifies the person.
	 *
	 * @param string[] $phones      Phone numbers (exact).
	 * @param int[]    $order_ids   Order ids.
	 * @param int      $customer_id User id or 0.
	 * @return array{sql: string, args: array}|null
	 */
	public function person_where( array $phones, array $order_ids, int $customer_id ): ?array {
		$any    = array();
		$args   = array();
		$phones = array_values( array_unique( array_filter( array_map( 'strval', $phones ), 'strlen' ) ) );
		if ( array() !== $phones ) {
			$any[] = 'phone IN (' . implode( ', ', array_fill( 0, count( $phones ), '%s' ) ) . ')';
			$args  = array_merge( $args, $phones );
		}
		$order_ids = array_values( array_unique( array_filter( array_map( 'intval', $order_ids ) ) ) );
		if ( array() !== $order_ids ) {
			$any[] = 'order_id IN (' . implode( ', ', array_fill( 0, count( $order_ids ), '%d' ) ) . ')';
			$args  = array_merge( $args, $order_ids );
		}
		if ( $customer_id > 0 ) {
			$any[]  = 'customer_id = %d';
			$args[] = $customer_id;
		}
		if ( array() === $any ) {
			return null;
		}
		return array(
			'sql'  => '(' . implode( ' OR ', $any ) . ')',
			'args' => $args,
		);
	}

	/**
	 * @param string $key Filter name.
	 * @return string[]
	 */
	private function list_filter( string $key ): array {
		$value = $this->filters[ $key ] ?? array();
		if ( is_string( $value ) ) {
			$value = explode( ',', $value );
		}
		return is_array( $value ) ? array_values( array_filter( array_map( 'trim', array_map( 'strval', $value ) ), 'strlen' ) ) : array();
	}

	/**
	 * The UTC start of the day $date (+ $add_days) in the site's time zone, or null when $date is not Y-m-d.
	 *
	 * @param string $date     "Y-m-d".
	 * @param int    $add_days Days to add.
	 */
	private function day_start_utc( string $date, int $add_days ): ?string {
		$day = \DateTimeImmutable::createFromFormat( '!Y-m-d', trim( $date ), $this->timezone() );
		if ( false === $day || $day->format( 'Y-m-d' ) !== trim( $date ) ) {
			return null;
		}
		return $day->modify( "+{$add_days} day" )->setTimezone( new \DateTimeZone( 'UTC' ) )->format( 'Y-m-d H:i:s' );
	}

	private function timezone(): \DateTimeZone {
		return $this->timezone ??= function_exists( 'wp_timezone' ) ? wp_timezone() : new \DateTimeZone( 'UTC' );
	}

	/**
	 * Same as wpdb::esc_like, without needing $wpdb.
	 *
	 * @param string $text Literal text.
	 */
	private function escape_like( string $text ): string {
		return addcslashes( $text, '_%\\' );
	}
}
