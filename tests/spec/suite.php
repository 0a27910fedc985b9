<?php

declare(strict_types=1);

/*
 * The WebAssembly 2.0 spec suite through wasm2php (called by run.sh):
 *   php suite.php --spec-dir DIR --cache DIR --wasm-tools BIN --wasm2php BIN [--jobs N] [--filter TEXT]
 * Converts and translates (cached), runs each file in its own PHP process, once with opcache and
 * once without, prints the per-file table, the failures and "N passed, N failed, N skipped";
 * exits 1 on any failure.
 */

require __DIR__ . '/bootstrap.php';

use Modulus\Sms\Tests\Spec\Preparer;
use Modulus\Sms\Tests\Spec\SpecLayout;
use Modulus\Sms\Tests\Spec\Suite;
use Modulus\Sms\Tests\Spec\Tally;

$options = getopt('', ['spec-dir:', 'cache:', 'wasm-tools:', 'wasm2php:', 'jobs:', 'filter:', 'prepare-only']);
foreach (['spec-dir', 'cache', 'wasm-tools', 'wasm2php'] as $required) {
    if (!isset($options[$required])) {
        fwrite(STDERR, "usage: php suite.php --spec-dir DIR --cache DIR --wasm-tools BIN --wasm2php BIN [--jobs N] [--filter TEXT] [--prepare-only]\n");
        exit(2);
    }
}
$jobs = max(1, (int) ($options['jobs'] ?? 2));
$stems = SpecLayout::stems($options['spec-dir'], (string) ($options['filter'] ?? ''));
if ($stems === []) {
    fwrite(STDERR, "no .wast file in {$options['spec-dir']} matches the filter\n");
    exit(2);
}

$layout = new SpecLayout($options['cache']);
$started = microtime(true);
$preparer = new Preparer($layout, $options['spec-dir'], $options['wasm-tools'], $options['wasm2php'], $jobs);
$unprepared = $preparer->prepare($stems, __DIR__ . '/spectest.wat');
$prepared = microtime(true);
fprintf(STDERR, "spec: prepared %d files in %.1f s\n", count($stems), $prepared - $started);
if (isset($options['prepare-only'])) {
    exit($unprepared === [] ? 0 : 1);
}

$tally = new Tally();
// As on web servers (opcache on, its optimizer included, JIT off) and as on hosts without opcache.
$modes = [
    'opcache' => ['memory_limit=1G', 'opcache.enable_cli=1', 'opcache.jit=off'],
    'no opcache' => ['memory_limit=1G', 'opcache.enable_cli=0'],
];
(new Suite($layout, $jobs, 300.0, $modes))->run($stems, $unprepared, $tally);
file_put_contents($layout->cacheDir . '/failures.txt', $tally->renderAllFailures());
fprintf(STDERR, "spec: ran in %.1f s; every failure is listed in %s/failures.txt\n", microtime(true) - $prepared, $layout->cacheDir);
echo $tally->render();
exit($tally->failed() ? 1 : 0);
