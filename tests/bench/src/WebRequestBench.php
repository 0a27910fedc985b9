<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Bench;

use RuntimeException;

/** Load + instantiate + one render per request under the built-in server with a warm opcache. */
final class WebRequestBench
{
    public function __construct(private readonly string $docroot)
    {
    }

    /** @return array{load_ms: float, call_ms: float, peak_mb: float, requests: int} */
    public function run(int $requests): array
    {
        $port = self::freePort();
        $server = proc_open([PHP_BINARY, '-d', 'opcache.enable=1', '-d', 'opcache.enable_cli=1', '-d', 'opcache.jit=off', '-d', 'memory_limit=128M', '-S', "127.0.0.1:$port", '-t', $this->docroot],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        try {
            $url = "http://127.0.0.1:$port/request.php";
            self::waitFor($url);
            for ($i = 0; $i < 20; $i++) {
                self::get($url); // compile into opcache, warm the server
            }
            $samples = [];
            for ($i = 0; $i < $requests; $i++) {
                $samples[] = self::get($url);
            }
        } finally {
            proc_terminate($server);
            proc_close($server);
        }
        if (!$samples[0]['reply_ok'] || $samples[count($samples) - 1]['opcache_scripts'] === 0) {
            throw new RuntimeException('web request bench: the render failed or opcache did not cache the scripts');
        }
        $median = static function (string $key) use ($samples): float {
            $values = array_column($samples, $key);
            sort($values);
            return $values[intdiv(count($values), 2)] / 1e6;
        };
        return ['load_ms' => $median('load_instantiate_ns'), 'call_ms' => $median('call_ns'), 'peak_mb' => max(array_column($samples, 'peak_bytes')) / 1048576, 'requests' => $requests];
    }

    private static function freePort(): int
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) substr(strrchr(stream_socket_get_name($socket, false), ':'), 1);
        fclose($socket);
        return $port;
    }

    private static function waitFor(string $url): void
    {
        for ($i = 0; $i < 100; $i++) {
            if (@file_get_contents($url) !== false) {
                return;
            }
            usleep(50000);
        }
        throw new RuntimeException("the built-in server did not answer at $url");
    }

    private static function get(string $url): array
    {
        $body = @file_get_contents($url);
        $json = json_decode((string) $body, true);
        if (!is_array($json)) {
            throw new RuntimeException("bad answer from $url: " . substr((string) $body, 0, 300));
        }
        return $json;
    }
}
