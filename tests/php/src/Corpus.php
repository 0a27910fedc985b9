<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

use Modulus\Sms\Core\InputJson;

/**
 * A recorded slice of the differential test: generated inputs with the native core's replies,
 * one JSON line each (`{"op", "input", "native"}`, input and reply as JSON texts). Written
 * natively, replayed where no native core can run (PHP compiled to WebAssembly).
 */
final class Corpus
{
    /** @param list<string> $ops */
    public static function write(string $file, NativeCore $native, array $ops, int $perOp, int $seed): void
    {
        $lines = '';
        foreach ($ops as $op) {
            $generator = new InputGenerator($seed ^ crc32($op));
            $calls = [];
            for ($i = 0; $i < $perOp; $i++) {
                $calls[] = [$op, InputJson::encode($generator->input($op))];
            }
            foreach ($native->replies($calls) as $i => $reply) {
                $lines .= json_encode(['op' => $op, 'input' => $calls[$i][1], 'native' => $reply], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES) . "\n";
            }
        }
        file_put_contents($file, $lines);
    }

    /**
     * Every recorded input through $core: the input must encode to the recorded bytes again and the
     * reply must equal the native one exactly.
     *
     * @param callable(string, array): array $core
     */
    public static function replay(string $file, callable $core, Report $report): void
    {
        $handle = @fopen($file, 'r');
        if ($handle === false) {
            $report->fail('replay', "no corpus at $file");
            return;
        }
        while (($line = fgets($handle)) !== false) {
            $record = json_decode($line, true);
            $group = 'replay ' . ($record['op'] ?? '?');
            $input = json_decode((string) ($record['input'] ?? ''), true);
            if (!is_array($input) || InputJson::encode($input) !== $record['input']) {
                $report->fail($group, 'the input does not survive decoding and encoding: ' . ($record['input'] ?? ''));
                continue;
            }
            $php = $core($record['op'], $input);
            if ($php === json_decode($record['native'], true, 512, JSON_BIGINT_AS_STRING)) {
                $report->pass($group);
            } else {
                $report->fail($group, "input {$record['input']} native {$record['native']} php " . json_encode($php, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES));
            }
        }
        fclose($handle);
    }
}
