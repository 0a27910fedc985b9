<?php
/**
 * The emulator's signed delivery reports and the plugin's `POST /dlr` agree on the wire: a message sent through the plugin carries
 * the site's callback URL, a report signed with the API secret is taken over real HTTP, a forged or unsigned one is refused.
 * (The order-level consequences — fallbacks, duplicates, out-of-order — are the orders suite's.)
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Plugin;

use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\PluginState;
use Modulus\Sms\Tests\Integration\Support\Rest;

final class DeliveryReportWireTest extends IntegrationTestCase {

	/** A Test SMS through the plugin; returns [row id, provider id]. */
	private function sent_message(): array {
		$result = Rest::call( 'POST', '/test', array( 'to' => '6912345678', 'text' => 'Report me' ) );
		$this->assertStatus( 200, $result );
		return array( (int) $result->data['id'], (string) $result->data['provider_id'] );
	}

	private function row_status( int $id ): string {
		PluginState::flush_caches();
		return (string) PluginState::messages( array( 'id' => $id ) )[0]['status'];
	}

	public function test_the_send_names_the_sites_report_route_as_callback(): void {
		$this->sent_message();
		$this->assertSame( rest_url( 'modulus-sms/v1/dlr' ), $this->onlySendRequest()['body']['callback_url'] ?? null );
	}

	public function test_signed_reports_are_taken_over_http_and_update_the_message(): void {
		[ $id, $provider_id ] = $this->sent_message();
		$moved                = self::$emulator->advance( $provider_id, 'delivered' );
		$this->assertSame( array( 'sent', 'delivered' ), array_column( $moved['reports'], 'status' ) );
		foreach ( $moved['reports'] as $report ) {
			$this->assertSame( 200, $report['http_status'], wp_json_encode( $report ) );
		}
		$this->assertSame( 'delivered', $this->row_status( $id ) );
	}

	public function test_forged_and_unsigned_reports_are_401_and_change_nothing(): void {
		[ $id, $provider_id ] = $this->sent_message();
		$before               = $this->row_status( $id );
		foreach ( array( 'wrong', 'none' ) as $signature ) {
			$report = self::$emulator->report(
				array(
					'id'        => $provider_id,
					'status'    => 'delivered',
					'signature' => $signature,
				)
			);
			$this->assertSame( 401, $report['http_status'], "$signature signature: " . wp_json_encode( $report ) );
		}
		$this->assertSame( $before, $this->row_status( $id ) );
	}
}
