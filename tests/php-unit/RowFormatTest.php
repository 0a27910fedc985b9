<?php
/**
 * Message rows between PHP and the database.
 */

declare( strict_types=1 );

use Modulus\Sms\Messages\RowFormat;
use PHPUnit\Framework\TestCase;

final class RowFormatTest extends TestCase {

	public function test_to_db_keeps_known_columns_and_converts_them(): void {
		$db = RowFormat::to_db(
			array(
				'id'          => 5,
				'kind'        => 'manual',
				'order_id'    => '',
				'segments'    => '2',
				'attempts'    => array( array( 'channel' => 'sms', 'outcome' => 'accepted', 'at' => '2026-11-28T10:00:00Z' ) ),
				'send_at'     => '2026-11-28T12:00:00+02:00',
				'sent_at'     => '2026-11-28 10:00:00',
				'dedupe_key'  => null,
				'created_at'  => 'ignored',
			)
		);
		$this->assertSame(
			array(
				'kind'       => 'manual',
				'order_id'   => null,
				'segments'   => 2,
				'attempts'   => '[{"channel":"sms","outcome":"accepted","at":"2026-11-28T10:00:00Z"}]',
				'send_at'    => '2026-11-28 10:00:00',
				'sent_at'    => '2026-11-28 10:00:00',
				'dedupe_key' => null,
			),
			$db
		);
	}

	public function test_from_db_types_the_row(): void {
		$row = RowFormat::from_db(
			array(
				'id'          => '7',
				'order_id'    => null,
				'customer_id' => '3',
				'segments'    => '1',
				'attempts'    => '[{"channel":"viber","outcome":null,"at":"2026-11-28T10:00:00Z"}, 5]',
				'send_at'     => '2026-11-28 10:00:00',
				'sent_at'     => null,
				'lease_until' => '0000-00-00 00:00:00',
				'created_at'  => '2026-11-28 09:59:59',
				'updated_at'  => '2026-11-28 10:00:00',
			)
		);
		$this->assertSame( 7, $row['id'] );
		$this->assertNull( $row['order_id'] );
		$this->assertSame( 3, $row['customer_id'] );
		$this->assertSame( array( array( 'channel' => 'viber', 'outcome' => null, 'at' => '2026-11-28T10:00:00Z' ) ), $row['attempts'] );
		$this->assertSame( '2026-11-28T10:00:00Z', $row['send_at'] );
		$this->assertNull( $row['sent_at'] );
		$this->assertNull( $row['lease_until'] );
		$this->assertSame( array(), RowFormat::from_db( array( 'attempts' => 'not json' ) )['attempts'] );
	}

	public function test_bad_datetimes_are_refused(): void {
		$this->expectException( InvalidArgumentException::class );
		RowFormat::datetime_to_db( 'tomorrow-ish' );
	}

	public function test_fractional_seconds_and_utc_helper(): void {
		$this->assertSame( '2026-11-28 10:00:00', RowFormat::datetime_to_db( '2026-11-28T10:00:00.250Z' ) );
		$this->assertSame( '1970-01-01T00:01:00Z', RowFormat::utc( 60 ) );
	}
}
