<?php

declare(strict_types=1);

/*
 * The PHP host of the core (php-plugin/src/Core) against the shared vectors and, natively,
 * against the native core on generated inputs:
 *   php host.php [--vectors-only] [--native BIN] [--per-op N] [--seed S] [--ops a,b] [--jobs N] [--out DIR]
 *   php host.php --write-corpus FILE [--native BIN] [--per-op N]   (record inputs + native replies)
 *   php host.php --vectors-only --replay FILE                      (vectors + a recorded corpus, no native core)
 * Ends with "N passed, N failed"; exits 1 on any failure. The differential part runs in --jobs
 * worker processes (`--differential-only --report FILE`, internal).
 */

require __DIR__ . '/bootstrap.php';

use Modulus\Sms\Core\Core;
use Modulus\Sms\Tests\Php\Corpus;
use Modulus\Sms\Tests\Php\Differential;
use Modulus\Sms\Tests\Php\DifferentialShards;
use Modulus\Sms\Tests\Php\GeneratorCoverage;
use Modulus\Sms\Tests\Php\HostChecks;
use Modulus\Sms\Tests\Php\InputGenerator;
use Modulus\Sms\Tests\Php\NativeCore;
use Modulus\Sms\Tests\Php\Report;
use Modulus\Sms\Tests\Php\VectorSuite;

$options = getopt('', ['vectors-only', 'differential-only', 'native:', 'per-op:', 'seed:', 'ops:', 'jobs:', 'out:', 'report:', 'write-corpus:', 'replay:']);
$repo = dirname(__DIR__, 2);
$core = static fn (string $op, array $input): array => Core::call($op, $input);
$report = new Report();
$native = (string) ($options['native'] ?? $repo . '/target/release/mmp-core');
$perOp = (int) ($options['per-op'] ?? 10000);
$seed = (int) ($options['seed'] ?? 20261128);
$out = (string) ($options['out'] ?? $repo . '/tests/out/php');
$ops = isset($options['ops']) ? explode(',', (string) $options['ops']) : InputGenerator::OPS;
@mkdir($out, 0777, true);

if (isset($options['write-corpus'])) {
    Corpus::write((string) $options['write-corpus'], new NativeCore($native), $ops, $perOp, $seed);
    exit(0);
}
if (isset($options['differential-only'])) {
    $log = "$out/differential-failures-" . implode('-', $ops) . '.txt';
    (new Differential(new NativeCore($native), $perOp, $seed, $log))->run($core, $ops, $report);
    file_put_contents((string) $options['report'], json_encode($report->toArray()));
    exit(0);
}

(new HostChecks())->run($report);
(new VectorSuite($repo . '/tests/vectors'))->run($core, $report);
if (isset($options['replay'])) {
    Corpus::replay((string) $options['replay'], $core, $report);
}
if (!isset($options['vectors-only'])) {
    (new GeneratorCoverage())->run($seed, $report);
    $workerArgs = ['--native', $native, '--per-op', (string) $perOp, '--seed', (string) $seed, '--out', $out];
    (new DifferentialShards(__FILE__, $workerArgs, $out))->run($ops, max(1, (int) ($options['jobs'] ?? 2)), $report);
}

echo $report->render();
exit($report->failed() ? 1 : 0);
