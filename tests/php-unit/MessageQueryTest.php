<?php
/**
 * Log filters → WHERE clause with placeholders; values never enter the SQL text.
 */

declare( strict_types=1 );

use Modulus\Sms\Messages\MessageQuery;
use PHPUnit\Framework\TestCase;

final class MessageQueryTest extends TestCase {

	private function where( array $filters ): array {
		return ( new MessageQuery( $filters, new DateTimeZone( 'Europe/Athens' ) ) )->where();
	}

	public function test_no_filters_match_everything(): void {
		$this->assertSame( array( 'sql' => '1=1', 'args' => array() ), $this->where( array() ) );
		$this->assertSame( array( 'sql' => '1=1', 'args' => array() ), $this->where( array( 'kind' => '', 'order_id' => 0, 'phone' => '  ', 'unknown' => 'x' ) ) );
	}

	public function test_exact_filters_accept_one_value_a_list_or_commas(): void {
		$where = $this->where( array( 'kind' => 'manual', 'status' => array( 'sent', 'failed' ), 'channel' => 'sms,viber' ) );
		$this->assertSame( "1=1 AND %i IN (%s) AND %i IN (%s, %s) AND %i IN (%s, %s)", $where['sql'] );
		$this->assertSame( array( 'kind', 'manual', 'status', 'sent', 'failed', 'channel', 'sms', 'viber' ), $where['args'] );
	}

	public function test_ids_phone_substring_and_injection_shaped_values_stay_arguments(): void {
		$where = $this->where( array( 'order_id' => '1042', 'customer_id' => 7, 'phone' => "69%_'; DROP" ) );
		$this->assertSame( '1=1 AND %i = %d AND %i = %d AND phone LIKE %s', $where['sql'] );
		$this->assertSame( array( 'order_id', 1042, 'customer_id', 7, '%69\\%\\_\'; DROP%' ), $where['args'] );
	}

	public function test_dates_are_whole_days_in_the_site_time_zone(): void {
		$where = $this->where( array( 'date_from' => '2026-11-28', 'date_to' => '2026-11-28' ) );
		$this->assertSame( '1=1 AND created_at >= %s AND created_at < %s', $where['sql'] );
		// Athens is UTC+2 in November: the local day starts at 22:00 UTC the day before.
		$this->assertSame( array( '2026-11-27 22:00:00', '2026-11-28 22:00:00' ), $where['args'] );

		$summer = $this->where( array( 'date_to' => '2026-07-01' ) );
		$this->assertSame( array( '2026-07-01 21:00:00' ), $summer['args'] );
	}

	public function test_malformed_dates_are_ignored(): void {
		foreach ( array( '28/11/2026', '2026-02-30', '2026-11-28 10:00', 'yesterday' ) as $bad ) {
			$this->assertSame( '1=1', $this->where( array( 'date_from' => $bad ) )['sql'], $bad );
		}
	}

	public function test_person_where_combines_with_or(): void {
		$query = new MessageQuery( array() );
		$this->assertNull( $query->person_where( array( '' ), array( 0 ), 0 ) );
		$this->assertSame(
			array(
				'sql'  => '(phone IN (%s, %s) OR order_id IN (%d) OR customer_id = %d)',
				'args' => array( '+306912345678', '6912345678', 5, 2 ),
			),
			$query->person_where( array( '+306912345678', '6912345678', '+306912345678' ), array( 5, 5 ), 2 )
		);
	}
}
