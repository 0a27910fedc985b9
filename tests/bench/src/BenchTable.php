<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Bench;

/** The bench results as one plain-text table, with the issue's targets and whether each is met. */
final class BenchTable
{
    /** Median per call in PHP 8.2 with opcache and no JIT (issue 3). */
    private const PLAN_TARGET_US = 150.0;
    private const LOAD_TARGET_MS = 0.5;
    private const MEMORY_TARGET_MB = 4.0;
    private const COMPILE_LIMIT_MB = 64.0;

    /**
     * @param array<string, array<string, array<string, mixed>>> $results op => column => result
     * @param array{load_ms: float, call_ms: float, peak_mb: float, requests: int} $web
     * @param array{file: string, bytes: int, peak_mb: float, ok: bool} $compile
     */
    public static function render(array $results, array $web, array $compile): string
    {
        $columns = array_keys(reset($results));
        $rows = [];
        $rows[] = array_merge(['median per call'], $columns, ['PHP/native', 'JIT/native', 'target']);
        foreach ($results as $op => $byColumn) {
            $row = [$op];
            foreach ($columns as $column) {
                $row[] = self::us($byColumn[$column]['median_ns']);
            }
            $nativeNs = max(1, $byColumn['native']['median_ns']);
            $row[] = sprintf('%.0f×', $byColumn['PHP opcache']['median_ns'] / $nativeNs);
            $row[] = sprintf('%.0f×', $byColumn['PHP JIT']['median_ns'] / $nativeNs);
            $row[] = $op === 'plan' ? self::verdict($byColumn['PHP opcache']['median_ns'] / 1000 <= self::PLAN_TARGET_US, '≤ 150 µs (PHP opcache)') : '';
            $rows[] = $row;
        }
        $out = self::table($rows);

        $peakCli = max(array_map(static fn (array $byColumn): int => (int) $byColumn['PHP opcache']['peak_bytes'], $results)) / 1048576;
        $facts = [
            ['per request (php -S, warm opcache, JIT off), median of ' . $web['requests'], '', ''],
            ['  load + instantiate', sprintf('%.3f ms', $web['load_ms']), self::verdict($web['load_ms'] <= self::LOAD_TARGET_MS, '≤ 0.5 ms')],
            ['  one render in that request', sprintf('%.3f ms', $web['call_ms']), ''],
            ['  peak memory of the request', sprintf('%.2f MB', $web['peak_mb']), self::verdict($web['peak_mb'] <= self::MEMORY_TARGET_MB, '≤ 4 MB')],
            ['peak memory, PHP CLI bench process', sprintf('%.2f MB', $peakCli), ''],
            ['first call in a CLI process (compile + instantiate + call)', self::us($results['render']['PHP opcache']['first_call_ns']), ''],
            ['opcache.jit in effect in the "PHP JIT" column (tracing asked; the runtime may switch it)', (string) ($results['plan']['PHP JIT']['jit_mode'] ?? '?'), ''],
            ['cold compile, worst generated file (memory_limit 64M)', sprintf('%s, %d KB, %.1f MB', $compile['file'], intdiv($compile['bytes'], 1024), $compile['peak_mb']),
                self::verdict($compile['ok'] && $compile['peak_mb'] < self::COMPILE_LIMIT_MB, 'compiles under 64M')],
        ];
        return $out . "\n" . self::table($facts);
    }

    private static function us(int|float $ns): string
    {
        return $ns >= 1e6 ? sprintf('%.2f ms', $ns / 1e6) : sprintf('%.1f µs', $ns / 1000);
    }

    private static function verdict(bool $met, string $target): string
    {
        return ($met ? 'met: ' : 'MISSED: ') . $target;
    }

    /** @param list<list<string>> $rows */
    private static function table(array $rows): string
    {
        $widths = [];
        foreach ($rows as $row) {
            foreach ($row as $i => $cell) {
                $widths[$i] = max($widths[$i] ?? 0, self::width($cell));
            }
        }
        $out = '';
        foreach ($rows as $row) {
            $cells = [];
            foreach ($row as $i => $cell) {
                $cells[] = $cell . str_repeat(' ', $widths[$i] - self::width($cell));
            }
            $out .= rtrim(implode('  ', $cells)) . "\n";
        }
        return $out;
    }

    private static function width(string $text): int
    {
        return (int) preg_match_all('/./us', $text);
    }
}
