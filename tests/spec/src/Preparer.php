<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Spec;

/**
 * Turns .wast files into what runner.php needs (see SpecLayout): converts each with
 * `wasm-tools json-from-wast`, then translates every binary module it references with
 * `wasm2php translate`, recording which ones the translator accepted and what it said.
 * Both steps are cached: a file is converted again when the .wast or wasm-tools changes, and
 * translated again when the wasm2php binary changes.
 */
final class Preparer
{
    private const CONVERT_TIMEOUT = 120.0;
    private const TRANSLATE_TIMEOUT = 60.0;

    private readonly string $translatorId;
    private readonly string $converterId;

    public function __construct(
        private readonly SpecLayout $layout,
        private readonly string $specDir,
        private readonly string $wasmTools,
        private readonly string $wasm2php,
        private readonly int $parallel,
    ) {
        $this->translatorId = sha1_file($wasm2php) ?: throw new \RuntimeException("cannot read $wasm2php");
        $this->converterId = trim((string) shell_exec(escapeshellarg($wasmTools) . ' --version'));
    }

    /**
     * Prepares the spectest module and the given files. Returns the errors that make a file
     * unrunnable (conversion failures), keyed by stem.
     *
     * @param list<string> $stems
     * @return array<string, string>
     */
    public function prepare(array $stems, string $spectestWat): array
    {
        $this->prepareSpectest($spectestWat);
        $errors = $this->convert($stems);
        $this->translate(array_values(array_diff($stems, array_keys($errors))));
        return $errors;
    }

    /**
     * The spectest module is shared by every file, and so is the runtime its autoloader loads
     * first: it records which translator made it, and runner.php refuses files that a different
     * build translated (a filtered run with another wasm2php must not mix runtimes).
     */
    private function prepareSpectest(string $wat): void
    {
        $wasm = $this->layout->spectestWasm();
        $stamp = $this->layout->spectestStamp();
        $want = $this->translatorId . ' ' . sha1_file($wat);
        if (@file_get_contents($stamp) === $want && is_file($this->layout->spectestDir() . '/autoload.php')) {
            return;
        }
        @mkdir(dirname($wasm), 0777, true);
        @unlink($stamp);
        self::mustRun([$this->wasmTools, 'parse', $wat, '-o', $wasm]);
        self::removeTree($this->layout->spectestDir());
        self::mustRun([$this->wasm2php, 'translate', $wasm, '--out', $this->layout->spectestDir(),
            '--namespace', SpecLayout::SPECTEST_NAMESPACE, '--runtime-namespace', SpecLayout::RUNTIME_NAMESPACE]);
        file_put_contents($stamp, $want);
    }

    /** @param list<string> $stems @return array<string, string> */
    private function convert(array $stems): array
    {
        $errors = [];
        $pool = new ProcessPool($this->parallel);
        foreach ($stems as $stem) {
            $wast = "{$this->specDir}/$stem.wast";
            $stamp = $this->layout->fileDir($stem) . '/converted.stamp';
            $want = $this->converterId . ' ' . sha1_file($wast);
            if (is_file($this->layout->commandsPath($stem)) && @file_get_contents($stamp) === $want) {
                continue;
            }
            self::removeTree($this->layout->fileDir($stem));
            mkdir($this->layout->fileDir($stem), 0777, true);
            $argv = [$this->wasmTools, 'json-from-wast', $wast, '-o', $this->layout->commandsPath($stem), '--wasm-dir', $this->layout->fileDir($stem)];
            $pool->add($argv, self::CONVERT_TIMEOUT, static function (int $exit, string $out, string $err) use ($stem, $stamp, $want, &$errors): void {
                if ($exit === 0) {
                    file_put_contents($stamp, $want);
                } else {
                    $errors[$stem] = "wasm-tools json-from-wast failed (exit $exit): " . trim($err);
                }
            });
        }
        $pool->run();
        return $errors;
    }

    /** @param list<string> $stems */
    private function translate(array $stems): void
    {
        $pool = new ProcessPool($this->parallel);
        $manifests = [];
        foreach ($stems as $stem) {
            $manifest = json_decode((string) @file_get_contents($this->layout->translationsPath($stem)), true);
            if (!is_array($manifest) || ($manifest['translator'] ?? null) !== $this->translatorId) {
                self::removeTree($this->layout->fileDir($stem) . '/php');
                $manifest = ['translator' => $this->translatorId, 'modules' => []];
            }
            $manifests[$stem] = $manifest;
            foreach ($this->binaries($stem) as $file) {
                if (isset($manifest['modules'][$file])) {
                    continue;
                }
                $argv = [$this->wasm2php, 'translate', $this->layout->wasmPath($stem, $file),
                    '--out', $this->layout->moduleDir($stem, $file),
                    '--namespace', $this->layout->moduleNamespace($stem, $file),
                    '--runtime-namespace', SpecLayout::RUNTIME_NAMESPACE];
                $pool->add($argv, self::TRANSLATE_TIMEOUT, static function (int $exit, string $out, string $err, bool $timedOut) use ($stem, $file, &$manifests): void {
                    $manifests[$stem]['modules'][$file] = [
                        'accepted' => $exit === 0,
                        'exit' => $exit,
                        'message' => $timedOut ? 'translator timed out' : trim($err . $out),
                    ];
                });
            }
        }
        $pool->run();
        foreach ($manifests as $stem => $manifest) {
            file_put_contents($this->layout->translationsPath($stem), json_encode($manifest, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
        }
    }

    /** Every binary module file the commands of $stem refer to. @return list<string> */
    private function binaries(string $stem): array
    {
        $commands = json_decode((string) file_get_contents($this->layout->commandsPath($stem)), true)['commands'] ?? [];
        $files = [];
        foreach ($commands as $command) {
            $file = SpecLayout::binaryOf($command);
            if ($file !== null) {
                $files[$file] = true;
            }
        }
        return array_keys($files);
    }

    /** @param list<string> $argv */
    private static function mustRun(array $argv): void
    {
        $failure = null;
        $pool = new ProcessPool(1);
        $pool->add($argv, self::TRANSLATE_TIMEOUT, static function (int $exit, string $out, string $err) use (&$failure, $argv): void {
            if ($exit !== 0) {
                $failure = implode(' ', $argv) . " failed (exit $exit): " . trim($err);
            }
        });
        $pool->run();
        if ($failure !== null) {
            throw new \RuntimeException($failure);
        }
    }

    public static function removeTree(string $dir): void
    {
        if (!is_dir($dir)) {
            return;
        }
        $items = new \RecursiveIteratorIterator(
            new \RecursiveDirectoryIterator($dir, \FilesystemIterator::SKIP_DOTS),
            \RecursiveIteratorIterator::CHILD_FIRST,
        );
        foreach ($items as $item) {
            $item->isDir() && !$item->isLink() ? rmdir($item->getPathname()) : unlink($item->getPathname());
        }
        rmdir($dir);
    }
}
