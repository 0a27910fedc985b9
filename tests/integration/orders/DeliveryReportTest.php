<?php
/**
 * `POST /wp-json/modulus-sms/v1/dlr` over real HTTP: signatures, duplicates, out-of-order reports.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Orders;

use Modulus\Sms\Tests\Integration\Support\PluginState;
use Modulus\Sms\Tests\Integration\Support\Rest;

require_once __DIR__ . '/OrdersTestCase.php';

final class DeliveryReportTest extends OrdersTestCase {

	public function test_forged_or_unsigned_reports_get_401_and_change_nothing(): void {
		$row    = $this->sent_sms();
		$before = $this->reload( $row );

		$forged = self::$emulator->report(
			array(
				'id'        => $row['provider_id'],
				'status'    => 'delivered',
				'signature' => 'wrong',
			)
		);
		$this->assertSame( 401, $forged['http_status'], 'forged signature' );

		$unsigned = self::$emulator->report(
			array(
				'id'        => $row['provider_id'],
				'status'    => 'delivered',
				'signature' => 'none',
			)
		);
		$this->assertSame( 401, $unsigned['http_status'], 'no signature' );

		$body     = (string) wp_json_encode( array( 'id' => $row['provider_id'], 'status' => 'failed' ) );
		$tampered = Rest::http( 'POST', 'dlr', null, 'anonymous', array( 'X-MMP-Signature' => 'sha256=' . hash_hmac( 'sha256', $body . ' ', PluginState::secret() ) ), $body );
		$this->assertSame( 401, $tampered->status, 'a signature of other bytes' );
		$other_key = Rest::http( 'POST', 'dlr', null, 'anonymous', array( 'X-MMP-Signature' => 'sha256=' . hash_hmac( 'sha256', $body, 'not-the-secret' ) ), $body );
		$this->assertSame( 401, $other_key->status, 'signed with another key' );

		PluginState::flush_caches();
		$after = $this->reload( $row );
		$this->assertSame( $before['status'], $after['status'] );
		$this->assertSame( $before['attempts'], $after['attempts'] );
		$this->assertSame( $before['updated_at'], $after['updated_at'] );
	}

	public function test_a_signed_report_moves_the_message_and_duplicates_or_late_reports_do_not(): void {
		$row = $this->sent_sms();

		$body      = (string) wp_json_encode( array( 'id' => $row['provider_id'], 'channel' => 'sms', 'status' => 'delivered', 'updated_at' => gmdate( 'c' ) ) );
		$signature = 'sha256=' . hash_hmac( 'sha256', $body, PluginState::secret() );
		$first     = Rest::http( 'POST', 'dlr', null, 'anonymous', array( 'X-MMP-Signature' => $signature ), $body );
		$this->assertSame( 200, $first->status, $first->raw );
		$again = Rest::http( 'POST', 'dlr', null, 'anonymous', array( 'X-MMP-Signature' => $signature ), $body );
		$this->assertSame( 200, $again->status, 'a duplicate is accepted' );
		$this->assertSame( 'duplicate', $again->data['result'] ?? null );

		$late      = (string) wp_json_encode( array( 'id' => $row['provider_id'], 'channel' => 'sms', 'status' => 'sent' ) );
		$late_resp = Rest::http( 'POST', 'dlr', null, 'anonymous', array( 'X-MMP-Signature' => 'sha256=' . hash_hmac( 'sha256', $late, PluginState::secret() ) ), $late );
		$this->assertSame( 200, $late_resp->status, 'an out-of-order report is accepted' );

		PluginState::flush_caches();
		$after = $this->reload( $row );
		$this->assertSame( 'delivered', $after['status'], 'a final status is never overwritten by an older one' );
		$events = array_filter( $after['attempts'], static fn ( $a ) => 'delivered' === ( $a['outcome'] ?? '' ) );
		$this->assertCount( 1, $events, 'the duplicate added nothing' );
	}

	public function test_emulator_lifecycle_reports_even_duplicated_and_reordered_end_read(): void {
		$this->configure( array( 'routing' => 'viber' ) );
		self::$emulator->fault( array( 'report_duplicate' => true ) );
		self::$emulator->fault( array( 'report_out_of_order' => true ) );
		$order = $this->new_order();
		$order->update_status( 'completed' );
		$this->run_queue();
		$row = $this->message_for( $order );
		$this->assertSame( 'awaiting_status', $row['status'] );

		$reports = self::$emulator->advance( $row['provider_id'], 'read' )['reports'];
		$this->assertNotEmpty( $reports );
		$this->assertSame( array( 200 ), array_values( array_unique( array_column( $reports, 'http_status' ) ) ) );
		PluginState::flush_caches();
		$this->run_queue();

		$after = $this->reload( $row );
		$this->assertSame( 'read', $after['status'], wp_json_encode( $after['attempts'] ) );
		$this->assertCount( 1, self::$emulator->send_requests(), 'no fallback for a message that was read' );
	}

	public function test_a_report_about_an_unknown_message_is_acknowledged(): void {
		$body = (string) wp_json_encode( array( 'id' => 'm_unknown', 'status' => 'delivered' ) );
		$resp = Rest::http( 'POST', 'dlr', null, 'anonymous', array( 'X-MMP-Signature' => 'sha256=' . hash_hmac( 'sha256', $body, PluginState::secret() ) ), $body );
		$this->assertSame( 200, $resp->status );
		$this->assertSame( 'unknown_message', $resp->data['result'] ?? null );
	}

	private function sent_sms(): array {
		$order = $this->new_order();
		$order->update_status( 'completed' );
		$this->run_queue();
		$row = $this->message_for( $order );
		$this->assertSame( 'sent', $row['status'] );
		return $row;
	}
}
