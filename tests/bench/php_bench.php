<?php

declare(strict_types=1);

/*
 * The PHP CLI column of ./build.sh bench: Core::call timed per call in this process (run it with
 * the opcache/JIT settings to measure).
 *   php php_bench.php OP INPUT_JSON_FILE ITERATIONS → {"op","iterations","median_ns","min_ns","first_call_ns","peak_bytes","jit"}
 */

require dirname(__DIR__) . '/php/bootstrap.php';

use Modulus\Sms\Core\Core;

[, $op, $inputFile, $iterations] = $argv + [null, null, null, null];
$iterations = (int) $iterations;
$input = json_decode((string) @file_get_contents((string) $inputFile), true);
if ($op === null || !is_array($input) || $iterations < 1) {
    fwrite(STDERR, "usage: php php_bench.php OP INPUT_JSON_FILE ITERATIONS\n");
    exit(2);
}

$started = hrtime(true);
$reply = Core::call($op, $input);
$first = hrtime(true) - $started;
if (isset($reply['error'])) {
    fwrite(STDERR, "php_bench: $op replied with an error: " . json_encode($reply['error']) . "\n");
    exit(1);
}
for ($i = 0; $i < min($iterations, 50); $i++) {
    Core::call($op, $input);
}
$samples = [];
for ($i = 0; $i < $iterations; $i++) {
    $t = hrtime(true);
    Core::call($op, $input);
    $samples[] = hrtime(true) - $t;
}
sort($samples);
$status = function_exists('opcache_get_status') ? opcache_get_status(false) : false;
echo json_encode([
    'op' => $op,
    'iterations' => $iterations,
    'median_ns' => $samples[intdiv($iterations, 2)],
    'min_ns' => $samples[0],
    'first_call_ns' => $first,
    'peak_bytes' => memory_get_peak_usage(),
    'opcache' => is_array($status) && ($status['opcache_enabled'] ?? false),
    'jit' => is_array($status) && ($status['jit']['on'] ?? false),
    // The runtime may switch the tracing JIT to the function JIT when it instantiates: report what ran.
    'jit_mode' => (string) ini_get('opcache.jit'),
]), "\n";
