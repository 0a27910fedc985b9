<?php

declare(strict_types=1);

/*
 * Runs prepared spec files (see SpecLayout) in this PHP process:
 *   php runner.php --cache DIR [--protocol] STEM...
 * Without --protocol it prints the per-file table and "N passed, N failed, N skipped" and exits 1
 * on any failure (used under PHP compiled to WebAssembly, which cannot spawn processes).
 * With --protocol it prints one line per command for suite.php, which runs one process per file
 * so that a crash loses only that file's remaining commands.
 * Needs no process spawning and runs on PHP 8.1+.
 */

require __DIR__ . '/bootstrap.php';

use Modulus\Sms\Tests\Spec\Outcome;
use Modulus\Sms\Tests\Spec\Runtime;
use Modulus\Sms\Tests\Spec\ScriptRunner;
use Modulus\Sms\Tests\Spec\SpecLayout;
use Modulus\Sms\Tests\Spec\Tally;

// Every notice, warning and deprecation (PHP 8.5 warns on unrepresentable float→int casts)
// is a failure of the command that caused it, not noise on stderr.
set_error_handler(static function (int $severity, string $message, string $file, int $line): bool {
    if ((error_reporting() & $severity) === 0) {
        return false; // silenced with @ on purpose
    }
    throw new ErrorException($message, 0, $severity, $file, $line);
});

$args = array_slice($argv, 1);
$protocol = false;
$cache = null;
$stems = [];
for ($i = 0; $i < count($args); $i++) {
    match ($args[$i]) {
        '--protocol' => $protocol = true,
        '--cache' => $cache = $args[++$i] ?? null,
        default => $stems[] = $args[$i],
    };
}
if ($cache === null || $stems === []) {
    fwrite(STDERR, "usage: php runner.php --cache DIR [--protocol] STEM...\n");
    exit(2);
}

$layout = new SpecLayout($cache);
$tally = new Tally();
foreach ($stems as $stem) {
    $commands = json_decode((string) @file_get_contents($layout->commandsPath($stem)), true);
    $translations = json_decode((string) @file_get_contents($layout->translationsPath($stem)), true);
    if (!is_array($commands) || !is_array($translations)) {
        fwrite(STDERR, "$stem is not prepared in $cache (run tests/spec/run.sh natively first)\n");
        exit(2);
    }
    $commands = $commands['commands'];
    if ($protocol) {
        echo "begin $stem " . count($commands) . "\n";
    }
    $report = static function (Outcome $outcome) use ($protocol, $tally, $stem): void {
        $tally->add($stem, $outcome);
        if ($protocol) {
            echo $outcome->toLine(), "\n";
        }
    };
    try {
        if ($layout->spectestTranslator() !== ($translations['translator'] ?? null)) {
            throw new RuntimeException('another wasm2php build translated this file than the shared spectest module and runtime; rerun tests/spec/run.sh');
        }
        $spectest = Runtime::instantiate($layout->spectestDir(), SpecLayout::SPECTEST_NAMESPACE, []);
    } catch (Throwable $e) {
        $reason = 'spectest module: ' . get_class($e) . ': ' . $e->getMessage();
        foreach ($commands as $command) {
            $report(Outcome::fail($command, $reason));
        }
        continue;
    }
    (new ScriptRunner($layout, $stem, $translations['modules'], $spectest, Closure::fromCallable($report)))->run($commands);
    if ($protocol) {
        echo "end $stem\n";
    }
}

if (!$protocol) {
    echo $tally->render();
    exit($tally->failed() ? 1 : 0);
}
