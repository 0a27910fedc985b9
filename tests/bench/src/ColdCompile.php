<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Bench;

/** Compiles each generated file alone, cold (no opcache), under memory_limit 64M. */
final class ColdCompile
{
    /** @return array{file: string, bytes: int, peak_mb: float, ok: bool} the file with the highest peak */
    public static function largest(string $dir): array
    {
        $worst = ['file' => '', 'bytes' => 0, 'peak_mb' => 0.0, 'ok' => true];
        foreach (glob("$dir/*.php") ?: [] as $file) {
            // Class declarations whose parents are missing fail after compiling: that is enough.
            $process = proc_open([PHP_BINARY, '-d', 'memory_limit=64M', '-d', 'opcache.enable_cli=0', '-r', 'spl_autoload_register(fn () => null); try { require $argv[1]; } catch (Error $e) {} echo memory_get_peak_usage();', $file],
                [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
            $out = trim((string) stream_get_contents($pipes[1]));
            stream_get_contents($pipes[2]);
            $ok = proc_close($process) === 0 && ctype_digit($out);
            $peak = $ok ? (int) $out / 1048576 : 64.0;
            if (!$ok || $peak > $worst['peak_mb']) {
                $worst = ['file' => basename($file), 'bytes' => filesize($file), 'peak_mb' => $peak, 'ok' => $ok && $worst['ok']];
            }
        }
        return $worst;
    }
}
