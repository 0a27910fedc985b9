<?php

declare(strict_types=1);

/*
 * The PHP host of the core (php-plugin/src/Core) against the shared vectors and, natively,
 * against the native core on generated inputs:
 *   php host.php [--vectors-only] [--native BIN] [--per-op N] [--seed S] [--ops a,b]
 * Ends with "N passed, N failed"; exits 1 on any failure.
 */

require __DIR__ . '/bootstrap.php';

use Modulus\Sms\Core\Core;
use Modulus\Sms\Tests\Php\Differential;
use Modulus\Sms\Tests\Php\HostChecks;
use Modulus\Sms\Tests\Php\InputGenerator;
use Modulus\Sms\Tests\Php\NativeCore;
use Modulus\Sms\Tests\Php\Report;
use Modulus\Sms\Tests\Php\VectorSuite;

$options = getopt('', ['vectors-only', 'native:', 'per-op:', 'seed:', 'ops:', 'out:']);
$repo = dirname(__DIR__, 2);
$core = static fn (string $op, array $input): array => Core::call($op, $input);
$report = new Report();

(new HostChecks())->run($report);
(new VectorSuite($repo . '/tests/vectors'))->run($core, $report);

if (!isset($options['vectors-only'])) {
    $native = (string) ($options['native'] ?? $repo . '/target/release/mmp-core');
    $ops = isset($options['ops']) ? explode(',', (string) $options['ops']) : InputGenerator::OPS;
    $out = (string) ($options['out'] ?? $repo . '/tests/out/php');
    @mkdir($out, 0777, true);
    $differential = new Differential(new NativeCore($native), (int) ($options['per-op'] ?? 10000), (int) ($options['seed'] ?? 20261128), "$out/differential-failures.txt");
    $differential->run($core, $ops, $report);
}

echo $report->render();
exit($report->failed() ? 1 : 0);
