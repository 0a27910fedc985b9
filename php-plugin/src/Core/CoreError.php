<?php
/**
 * A failure of the PHP host around the core (not a core error reply).
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Core;

defined( 'ABSPATH' ) || exit;

/**
 * Thrown inside the host (missing build, allocation failure, a reply that is not JSON, a host import called);
 * `Core::call` turns it into an `internal` error reply, so callers never see it.
 */
final class CoreError extends \RuntimeException {
}
