<?php
/**
 * The messaging core on the server.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Core;

defined( 'ABSPATH' ) || exit;

/**
 * `Core::call( $op, $input )`: the same entry point as the native CLI and the browser, backed by the core's .wasm
 * translated to PHP. The module is instantiated on the first call of a request and reused for the rest of it.
 * Every failure comes back as an error reply (`{"error":{"code":…,"message":…}}`), never as an exception.
 */
final class Core {

	/** The instance of this request, or null before the first call and after a failure. */
	private static ?CoreModule $module = null;

	/**
	 * Run one core op.
	 *
	 * @param string       $op    One of the ops of DESIGN.md (render, plan, route, …).
	 * @param array<mixed> $input The op's input.
	 * @return array<mixed> The core's reply: the op's output, or `['error' => ['code' => …, 'message' => …]]`.
	 */
	public static function call( string $op, array $input ): array {
		try {
			$json = InputJson::encode( $input );
		} catch ( CoreError $e ) {
			return self::internal( $e );
		}
		try {
			self::$module ??= CoreModule::load( self::generated_dir() );
			$reply          = self::$module->call( $op, $json );
		} catch ( \Throwable $e ) {
			// A trap or exception may leave the module's memory and allocator mid-update: the next call starts afresh.
			self::$module = null;
			return self::internal( $e );
		}
		$decoded = json_decode( $reply, true, 512, JSON_BIGINT_AS_STRING );
		if ( ! is_array( $decoded ) ) {
			return self::internal( new CoreError( 'the core replied with something that is not a JSON object: ' . substr( $reply, 0, 200 ) ) );
		}
		return $decoded;
	}

	/**
	 * Where build.sh writes the translated core.
	 *
	 * @return string
	 */
	private static function generated_dir(): string {
		return dirname( __DIR__, 2 ) . '/generated/core';
	}

	/**
	 * @param \Throwable $e What went wrong.
	 * @return array{error: array{code: string, message: string}}
	 */
	private static function internal( \Throwable $e ): array {
		$message = $e instanceof CoreError ? $e->getMessage() : get_class( $e ) . ': ' . $e->getMessage();
		return array(
			'error' => array(
				'code'    => 'internal',
				'message' => 'core: ' . $message,
			),
		);
	}
}
