<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Spec;

/**
 * Where the prepared suite lives under the cache directory, and the PHP namespaces the
 * translated modules get. Shared by the preparing step (native PHP, runs the tools) and the
 * runner (any PHP 8.1+, also PHP compiled to WebAssembly, which cannot spawn processes).
 *
 *   <cache>/<stem>/<stem>.json        wasm-tools json-from-wast output (+ the .wasm/.wat files)
 *   <cache>/<stem>/php/<module>/      wasm2php output of one module
 *   <cache>/<stem>/translations.json  which modules the translator accepted, with its messages
 *   <cache>/_spectest/                the spectest host module, translated the same way
 */
final class SpecLayout
{
    public const RUNTIME_NAMESPACE = 'WasmSpec\\Runtime';
    public const SPECTEST_NAMESPACE = 'WasmSpec\\Spectest';
    public const SPECTEST_DIR = '_spectest';

    public function __construct(public readonly string $cacheDir)
    {
    }

    public function fileDir(string $stem): string
    {
        return $this->cacheDir . '/' . $stem;
    }

    public function commandsPath(string $stem): string
    {
        return $this->fileDir($stem) . '/' . $stem . '.json';
    }

    public function translationsPath(string $stem): string
    {
        return $this->fileDir($stem) . '/translations.json';
    }

    public function wasmPath(string $stem, string $wasmFile): string
    {
        return $this->fileDir($stem) . '/' . $wasmFile;
    }

    /** Output directory of one translated module ("address.3.wasm" → <stem>/php/address_3). */
    public function moduleDir(string $stem, string $wasmFile): string
    {
        return $this->fileDir($stem) . '/php/' . self::identifier(basename($wasmFile, '.wasm'));
    }

    /** Namespace of one translated module: unique per file and module, so a whole run shares one process. */
    public function moduleNamespace(string $stem, string $wasmFile): string
    {
        return 'WasmSpec\\F_' . self::identifier($stem) . '\\M_' . self::identifier(basename($wasmFile, '.wasm'));
    }

    public function spectestWasm(): string
    {
        return $this->cacheDir . '/' . self::SPECTEST_DIR . '/spectest.wasm';
    }

    /** "<translator sha1> <spectest.wat sha1>" of the translation in spectestDir(). */
    public function spectestStamp(): string
    {
        return $this->cacheDir . '/' . self::SPECTEST_DIR . '/translator';
    }

    /** The translator that made the shared spectest module (and so the runtime everything uses). */
    public function spectestTranslator(): ?string
    {
        $stamp = @file_get_contents($this->spectestStamp());
        return $stamp === false ? null : strtok($stamp, ' ');
    }

    public function spectestDir(): string
    {
        return $this->cacheDir . '/' . self::SPECTEST_DIR . '/php';
    }

    /** The binary a module command refers to (a text module carries the binary wasm-tools made of it). */
    public static function binaryOf(array $command): ?string
    {
        if (isset($command['binary_filename'])) {
            return (string) $command['binary_filename'];
        }
        if (($command['module_type'] ?? 'binary') !== 'binary' || !isset($command['filename'])) {
            return null;
        }
        return (string) $command['filename'];
    }

    /** The .wast stems (file names without extension) in $specDir, sorted, filtered by substring. */
    public static function stems(string $specDir, string $filter = ''): array
    {
        $stems = [];
        foreach (glob($specDir . '/*.wast') ?: [] as $path) {
            $stem = basename($path, '.wast');
            if ($filter === '' || str_contains($stem, $filter)) {
                $stems[] = $stem;
            }
        }
        sort($stems);
        return $stems;
    }

    private static function identifier(string $text): string
    {
        return preg_replace('/[^A-Za-z0-9]/', '_', $text);
    }
}
