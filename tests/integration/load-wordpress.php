<?php
/**
 * Loads the wc-env WordPress site for PHPUnit, in the global scope.
 *
 * run.sh passes this file to phpunit's `--prepend`, which requires it at the top level of the phpunit script, before PHPUnit
 * starts: WordPress's loader relies on global variables ($table_prefix, $wpdb, …) and must not run inside a function, which is
 * where PHPUnit would include a `bootstrap` file. The loading itself is wc-env's own (WC_ENV_DIR/php/bootstrap.php, the same
 * code as wp-php.sh), so the tests see the site exactly as the environment's scripts do.
 *
 * @package Modulus\Sms\Tests
 */

$modulus_sms_wc_env = getenv( 'WC_ENV_DIR' );
if ( ! $modulus_sms_wc_env || ! is_file( $modulus_sms_wc_env . '/php/bootstrap.php' ) ) {
	fwrite( STDERR, "integration: WC_ENV_DIR does not point at wc-env; run tests/integration/run.sh\n" );
	exit( 2 );
}
require $modulus_sms_wc_env . '/php/bootstrap.php';
unset( $modulus_sms_wc_env );
