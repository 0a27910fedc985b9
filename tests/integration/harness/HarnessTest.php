<?php
/**
 * The test helpers themselves, so a failing plugin test never points at a broken helper: Action Scheduler runs, time travel,
 * callers and their capabilities, the emulator client.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Harness;

use Modulus\Sms\Tests\Integration\Support\ActionRunner;
use Modulus\Sms\Tests\Integration\Support\IntegrationTestCase;
use Modulus\Sms\Tests\Integration\Support\PluginState;
use Modulus\Sms\Tests\Integration\Support\Rest;
use Modulus\Sms\Tests\Integration\Support\Users;
use Modulus\Sms\Tests\Integration\Support\WpAdmin;

final class HarnessTest extends IntegrationTestCase {

	private const GROUP = 'modulus-sms-harness';
	private const HOOK  = 'modulus_sms_harness_probe';

	/** @var array<int, array> Arguments the probe hook received. */
	private static array $calls = array();

	protected function setUp(): void {
		parent::setUp();
		self::$calls = array();
		add_action( self::HOOK, array( self::class, 'probe' ), 10, 1 );
		ActionRunner::cancel_pending( self::GROUP );
	}

	protected function tearDown(): void {
		ActionRunner::cancel_pending( self::GROUP );
		remove_action( self::HOOK, array( self::class, 'probe' ), 10 );
		parent::tearDown();
	}

	public static function probe( $arg ): void {
		self::$calls[] = $arg;
		if ( 'fail' === $arg ) {
			throw new \RuntimeException( 'probe failed on purpose' );
		}
	}

	public function test_run_due_runs_due_actions_of_the_group_through_action_scheduler(): void {
		as_schedule_single_action( time() - 5, self::HOOK, array( 'due' ), self::GROUP );
		as_schedule_single_action( time() + 3600, self::HOOK, array( 'later' ), self::GROUP );
		as_schedule_single_action( time() - 5, self::HOOK, array( 'fail' ), self::GROUP );
		$ran = ActionRunner::run_due( self::GROUP );
		$this->assertEqualsCanonicalizing( array( 'due', 'fail' ), self::$calls );
		$by_arg = array_column( array_map( static fn( array $r ): array => array( $r['args'][0], $r ), $ran ), 1, 0 );
		$this->assertSame( \ActionScheduler_Store::STATUS_COMPLETE, $by_arg['due']['status'] );
		$this->assertSame( \ActionScheduler_Store::STATUS_FAILED, $by_arg['fail']['status'] );
		$this->assertStringContainsString( 'probe failed on purpose', (string) $by_arg['fail']['error'] );
		$this->assertSame( array( array( 'later' ) ), array_column( ActionRunner::pending( self::GROUP ), 'args' ) );
		$this->assertSame( array(), ActionRunner::run_due( 'no-such-group-ever' ) );
	}

	public function test_make_due_moves_future_actions_to_now(): void {
		as_schedule_single_action( time() + 7200, self::HOOK, array( 'deferred' ), self::GROUP );
		$this->assertSame( array(), ActionRunner::run_due( self::GROUP ) );
		$this->assertSame( 1, ActionRunner::make_due( self::GROUP ) );
		$this->assertLessThanOrEqual( gmdate( 'Y-m-d H:i:s' ), ActionRunner::pending( self::GROUP )[0]['scheduled_gmt'] );
		ActionRunner::run_due( self::GROUP );
		$this->assertSame( array( 'deferred' ), self::$calls );
	}

	public function test_wp_admin_page_loads_do_not_run_queued_actions_behind_the_tests_back(): void {
		delete_option( ActionRunner::ASYNC_LOCK_OPTION ); // As on a site where no admin page loaded in the last minute…
		ActionRunner::hold_async_runner();                 // …but with the hold every test starts with.
		$id = as_schedule_single_action( time() - 5, self::HOOK, array( 'untouched' ), self::GROUP );
		[ $status ] = WpAdmin::get( 'wp-admin/index.php', Users::ADMIN );
		$this->assertSame( 200, $status );
		usleep( 1500000 ); // Time enough for an async runner request to start and claim it, were one dispatched.
		PluginState::flush_caches();
		$this->assertSame( \ActionScheduler_Store::STATUS_PENDING, \ActionScheduler::store()->get_status( $id ) );
		$this->assertSame( array(), self::$calls );
	}

	public function test_callers_have_the_roles_the_permission_tests_assume(): void {
		$this->assertSame( 0, Users::id( Users::ANONYMOUS ) );
		$this->assertFalse( user_can( Users::id( Users::CUSTOMER ), 'manage_woocommerce' ) );
		$this->assertTrue( user_can( Users::id( Users::SHOP_MANAGER ), 'manage_woocommerce' ) );
		$this->assertFalse( user_can( Users::id( Users::SHOP_MANAGER ), 'manage_options' ) );
		$this->assertTrue( user_can( Users::id( Users::ADMIN ), 'manage_options' ) );
		$this->assertSame( 0, get_current_user_id(), 'Rest::call restores the current user' );
	}

	public function test_rest_http_authenticates_with_application_passwords(): void {
		$this->assertStatus( 401, Rest::http( 'GET', '/wp/v2/users/me', null, Users::ANONYMOUS ) );
		$me = Rest::http( 'GET', '/wp/v2/users/me', null, Users::SHOP_MANAGER );
		$this->assertStatus( 200, $me );
		$this->assertSame( Users::id( Users::SHOP_MANAGER ), $me->data['id'] );
		$in_process = Rest::call( 'GET', '/wp/v2/users/me', null, Users::CUSTOMER );
		$this->assertSame( Users::id( Users::CUSTOMER ), $in_process->data['id'] );
	}

	public function test_the_emulator_client_sees_what_the_emulator_recorded(): void {
		self::$emulator->fault( array( 'status' => 503, 'count' => 2 ) );
		$this->assertSame( 2, self::$emulator->fault( array( 'viber_unavailable' => array( '+306900000000' ) ) )['request_faults'][0]['remaining'] );
		self::$emulator->reset();
		$this->assertSame( array(), self::$emulator->fault( array( 'clear' => true ) )['request_faults'] );
		$this->assertSame( 0, self::$emulator->messages()['count'] );
		$this->expectException( \RuntimeException::class );
		self::$emulator->fault( array( 'status' => 42 ) );
	}
}
