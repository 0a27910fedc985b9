<?php
/**
 * Base class of the integration tests: a real site, the plugin installed from the zip, the emulator reset before each test.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Support;

use PHPUnit\Framework\TestCase;

/**
 * Before each test: the emulator forgets everything, the plugin points at it with valid credentials, nobody is logged in, and
 * Action Scheduler's async loopback runner is held off, so queued actions run only when a test runs them (ActionRunner).
 */
abstract class IntegrationTestCase extends TestCase {

	protected static EmulatorClient $emulator;

	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		self::$emulator = EmulatorClient::from_env();
		if ( ! self::$emulator->is_up() ) {
			throw new \RuntimeException( 'the mMP emulator is not running: start the suite with tests/integration/run.sh' );
		}
	}

	protected function setUp(): void {
		parent::setUp();
		PluginState::flush_caches();
		ActionRunner::hold_async_runner();
		self::$emulator->reset();
		self::$emulator->config(
			array(
				'token'  => PluginState::token(),
				'secret' => PluginState::secret(),
			)
		);
		PluginState::configure_for_emulator( self::$emulator );
		wp_set_current_user( 0 );
	}

	/**
	 * Assert a REST status with the response in the failure message.
	 *
	 * @param int        $expected Expected status.
	 * @param RestResult $result   The response.
	 * @param string     $context  What was called.
	 */
	protected function assertStatus( int $expected, RestResult $result, string $context = '' ): void {
		$this->assertSame( $expected, $result->status, trim( $context . ' → ' . $result->describe() ) );
	}

	/**
	 * Assert a 400 that names the field: the plugin's own validation (`data.field`) or WordPress's argument schema
	 * (`data.params.<field>`, e.g. an enum).
	 *
	 * @param string     $field  Field name (dotted path for nested settings).
	 * @param RestResult $result The response.
	 */
	protected function assertFieldError( string $field, RestResult $result ): void {
		$this->assertStatus( 400, $result, "invalid $field" );
		$data   = $result->error_data();
		$params = is_array( $data['params'] ?? null ) ? $data['params'] : array();
		$this->assertTrue( ( $data['field'] ?? null ) === $field || array_key_exists( $field, $params ), "the error names '$field': " . $result->describe() );
	}

	/**
	 * The one send request the emulator received since the reset (fails when there were none or several).
	 */
	protected function onlySendRequest(): array {
		$sends = self::$emulator->send_requests();
		$this->assertCount( 1, $sends, 'send requests the emulator received: ' . wp_json_encode( $sends ) );
		return $sends[0];
	}
}
