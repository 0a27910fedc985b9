<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

/**
 * The shared core vectors (tests/vectors/<op>.json lists or tests/vectors/<op>/*.json files):
 * each `expect` field must equal the same field of the reply; an `expect` that is not an
 * object (plan_batch's lists) must equal the whole reply. Same rule as the Rust and wasm runs.
 */
final class VectorSuite
{
    public function __construct(private readonly string $vectorsDir)
    {
    }

    /** @param callable(string, array): array $core */
    public function run(callable $core, Report $report): void
    {
        foreach ($this->files() as $file) {
            $vectors = json_decode((string) file_get_contents($file), true);
            if (!is_array($vectors)) {
                $report->fail('vectors ' . basename($file), 'not a JSON list');
                continue;
            }
            foreach (array_is_list($vectors) ? $vectors : [$vectors] as $vector) {
                $group = 'vectors ' . ($vector['op'] ?? '?');
                $output = $core((string) ($vector['op'] ?? ''), (array) ($vector['input'] ?? []));
                $mismatch = self::mismatch($vector['expect'] ?? null, $output);
                if ($mismatch === null) {
                    $report->pass($group);
                } else {
                    $report->fail($group, ($vector['name'] ?? '?') . ": $mismatch");
                }
            }
        }
    }

    /** @return list<string> */
    private function files(): array
    {
        $files = array_merge(glob($this->vectorsDir . '/*.json') ?: [], glob($this->vectorsDir . '/*/*.json') ?: []);
        sort($files);
        return $files;
    }

    private static function mismatch(mixed $expect, array $output): ?string
    {
        if (!is_array($expect) || array_is_list($expect) || array_is_list($output)) {
            return self::same($expect, $output) ? null : 'expected ' . self::json($expect) . ', got ' . self::json($output);
        }
        foreach ($expect as $field => $want) {
            $got = $output[$field] ?? null;
            if (!array_key_exists($field, $output) || !self::same($want, $got)) {
                return "field `$field`: expected " . self::json($want) . ', got ' . self::json($got) . ' (reply ' . self::json($output) . ')';
            }
        }
        return null;
    }

    /** JSON equality: objects compare by key set regardless of order, like serde_json's Value. */
    private static function same(mixed $a, mixed $b): bool
    {
        if (is_array($a) && is_array($b)) {
            if (array_is_list($a) !== array_is_list($b) || count($a) !== count($b)) {
                return false;
            }
            foreach ($a as $key => $value) {
                if (!array_key_exists($key, $b) || !self::same($value, $b[$key])) {
                    return false;
                }
            }
            return true;
        }
        return $a === $b;
    }

    private static function json(mixed $value): string
    {
        $json = json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        return strlen((string) $json) > 400 ? substr((string) $json, 0, 400) . '…' : (string) $json;
    }
}
