<?php
/**
 * One instance of the translated core module and its raw JSON ABI.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Core;

defined( 'ABSPATH' ) || exit;

/**
 * Loads the PHP translation of the core's .wasm (`generated/core/`, written by wasm2php at build time), instantiates it,
 * and speaks the ABI of crates/wasm/src/abi.rs: `mmp_alloc` two buffers, write the op name and the input JSON,
 * `mmp_call` (which frees both and returns the reply as `ptr << 32 | len`), read the reply, `mmp_dealloc` it.
 */
final class CoreModule {

	/** The generated module class (namespace given to wasm2php by build.sh). */
	private const MODULE_CLASS = 'Modulus\\Sms\\Generated\\Core\\Module';

	/**
	 * @param object $instance The translated module's instance.
	 * @param object $memory   Its exported linear memory (read/write/size).
	 */
	private function __construct( private object $instance, private object $memory ) {
	}

	/**
	 * Instantiate the module translated into $dir. The wasm-bindgen imports of the browser API are never reached through
	 * the raw ABI; each is linked to a function that throws, so a call would fail loudly instead of misbehaving.
	 *
	 * @param string $dir The wasm2php output directory.
	 * @return self
	 * @throws CoreError When the translation is missing or does not instantiate.
	 */
	public static function load( string $dir ): self {
		if ( ! class_exists( self::MODULE_CLASS ) ) {
			$autoload = $dir . '/autoload.php';
			if ( ! is_readable( $autoload ) ) {
				throw new CoreError( 'the PHP translation of the core is missing (' . $autoload . '); build the plugin with ./build.sh' );
			}
			require_once $autoload;
		}
		$class    = self::MODULE_CLASS;
		$instance = $class::instantiate( self::stubbed_imports( $class::imports() ) );
		return new self( $instance, $instance->memory( 'memory' ) );
	}

	/**
	 * Run one op.
	 *
	 * @param string $op    The op name.
	 * @param string $input The input JSON.
	 * @return string The reply JSON as the core wrote it.
	 * @throws CoreError When memory cannot be allocated.
	 */
	public function call( string $op, string $input ): string {
		$op_ptr = $this->put( $op );
		try {
			$in_ptr = $this->put( $input );
		} catch ( CoreError $e ) {
			$this->instance->call( 'mmp_dealloc', array( $op_ptr, strlen( $op ) ) );
			throw $e;
		}
		$packed = $this->instance->call( 'mmp_call', array( $op_ptr, strlen( $op ), $in_ptr, strlen( $input ) ) )[0];
		$ptr    = ( $packed >> 32 ) & 0xFFFFFFFF;
		$len    = $packed & 0xFFFFFFFF;
		if ( 0 === $ptr ) {
			throw new CoreError( 'the core could not allocate its reply' );
		}
		$reply = $this->memory->read( $ptr, $len );
		$this->instance->call( 'mmp_dealloc', array( $ptr, $len ) );
		return $reply;
	}

	/**
	 * Copy bytes into a fresh buffer of the module.
	 *
	 * @param string $bytes The bytes.
	 * @return int The buffer's address.
	 * @throws CoreError When the module's allocator fails.
	 */
	private function put( string $bytes ): int {
		$ptr = $this->instance->call( 'mmp_alloc', array( strlen( $bytes ) ) )[0] & 0xFFFFFFFF;
		if ( 0 === $ptr ) {
			throw new CoreError( sprintf( 'the core could not allocate %d bytes', strlen( $bytes ) ) );
		}
		$this->memory->write( $ptr, $bytes );
		return $ptr;
	}

	/**
	 * @param list<array{module: string, name: string, kind: string}> $imports The module's imports.
	 * @return array<string, array<string, callable>> module => name => a function that throws.
	 * @throws CoreError When the module imports something other than functions (the core has no such import).
	 */
	private static function stubbed_imports( array $imports ): array {
		$linked = array();
		foreach ( $imports as $import ) {
			$where = $import['module'] . '.' . $import['name'];
			if ( 'func' !== $import['kind'] ) {
				throw new CoreError( 'the core imports a ' . $import['kind'] . ' (' . $where . '), which the PHP host cannot provide' );
			}
			$linked[ $import['module'] ][ $import['name'] ] = static function () use ( $where ): never {
				throw new CoreError( 'the core called the browser import ' . $where . ', which the PHP host does not provide' );
			};
		}
		return $linked;
	}
}
