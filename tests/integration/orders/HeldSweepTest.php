<?php
/**
 * The sweep's safety net for messages parked by a hold: once the hold is lifted, a held message whose action went missing
 * is queued again, so a lost action never strands it.
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Orders;

use Modulus\Sms\Queue\Sweeper;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Tests\Integration\Support\PluginState;

final class HeldSweepTest extends OrdersTestCase {

	public function test_a_held_message_whose_action_went_missing_after_the_resume_is_queued_again_by_the_sweep(): void {
		$this->configure( array( 'api_token' => 'wrong-token-that-mmp-refuses' ) );
		$order = $this->new_order();
		$order->update_status( 'completed' );
		$this->run_queue();
		PluginState::flush_caches();
		$row = $this->message_for( $order );
		$this->assertSame( 'held', $row['status'] );
		$this->assertNotContains( (int) $row['id'], Sweeper::sweep( null, 0 ), 'while the queue is held, held messages stay parked' );

		( new Settings() )->update( array( 'api_token' => PluginState::token() ) ); // lifts the hold and queues the held messages …
		PluginState::flush_caches();
		self::clear_queue(); // … but that action is lost (a crashed request, a purged queue)

		$this->assertContains( (int) $row['id'], Sweeper::sweep( null, 0 ) );
		$this->run_queue();
		$this->assertSame( 'sent', $this->reload( $row )['status'] );
		$this->assertSame( array( 401, 202 ), array_column( self::$emulator->send_requests(), 'response_status' ) );
	}
}
