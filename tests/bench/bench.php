<?php

declare(strict_types=1);

/*
 * ./build.sh bench: median time per `render` and `plan` natively, in Node (the browser build)
 * and in PHP CLI (opcache on, JIT off and tracing JIT), the per-request cost of loading and
 * instantiating the module under `php -S` with a warm opcache, peak memory, cold compile of the
 * generated files, and the PHP/native ratios, as one table against the targets.
 *   php bench.php --native BIN [--node BIN] [--iterations N]
 */

require __DIR__ . '/src/WebRequestBench.php';
require __DIR__ . '/src/ColdCompile.php';
require __DIR__ . '/src/BenchTable.php';

use Modulus\Sms\Tests\Bench\BenchTable;
use Modulus\Sms\Tests\Bench\ColdCompile;
use Modulus\Sms\Tests\Bench\WebRequestBench;

$options = getopt('', ['native:', 'node:', 'iterations:', 'requests:']);
$repo = dirname(__DIR__, 2);
$native = (string) ($options['native'] ?? "$repo/target/release/mmp-core");
$node = $options['node'] ?? null;
$phpIterations = (int) ($options['iterations'] ?? 300);
$requests = (int) ($options['requests'] ?? 200);
$ops = ['render' => __DIR__ . '/render.json', 'plan' => __DIR__ . '/plan.json'];

/** Runs a command (stdin from a file or nothing), returns its decoded JSON stdout or throws. */
function runJson(array $argv, ?string $stdinFile = null): array
{
    $process = proc_open($argv, [0 => $stdinFile === null ? ['file', '/dev/null', 'r'] : ['file', $stdinFile, 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $exit = proc_close($process);
    $json = json_decode((string) $out, true);
    if ($exit !== 0 || !is_array($json)) {
        throw new RuntimeException(implode(' ', $argv) . " failed (exit $exit): " . trim($err . $out));
    }
    return $json;
}

$phpModes = [
    'PHP opcache' => ['-d', 'opcache.enable_cli=1', '-d', 'opcache.jit=off'],
    'PHP JIT' => ['-d', 'opcache.enable_cli=1', '-d', 'opcache.jit=tracing', '-d', 'opcache.jit_buffer_size=64M'],
];
$results = [];
foreach ($ops as $op => $input) {
    $results[$op]['native'] = runJson([$native, 'bench', $op, '5000'], $input);
    if ($node !== null) {
        $results[$op]['Node (wasm)'] = runJson([$node, __DIR__ . '/node_bench.mjs', "$repo/php-plugin/assets/wasm", $op, $input, '5000']);
    }
    foreach ($phpModes as $mode => $settings) {
        $results[$op][$mode] = runJson(array_merge([PHP_BINARY, '-d', 'memory_limit=256M'], $settings, [__DIR__ . '/php_bench.php', $op, $input, (string) $phpIterations]));
        if (!$results[$op][$mode]['opcache']) {
            throw new RuntimeException("$mode: opcache is not active (is the opcache extension installed?)");
        }
    }
}
$web = (new WebRequestBench(__DIR__))->run($requests);
$compile = ColdCompile::largest("$repo/php-plugin/generated/core");

echo BenchTable::render($results, $web, $compile);
