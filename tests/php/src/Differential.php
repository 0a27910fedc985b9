<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

use Modulus\Sms\Core\InputJson;

/**
 * Native vs PHP on generated inputs: for every op, $perOp inputs from a seeded generator go
 * through `mmp-core batch` and through `Core::call`; the decoded replies must be identical
 * (same values, same types, same key order). The input JSON both get is the same bytes:
 * what the PHP host encodes.
 */
final class Differential
{
    public function __construct(
        private readonly NativeCore $native,
        private readonly int $perOp,
        private readonly int $seed,
        private readonly string $failureLog,
    ) {
    }

    /** @param callable(string, array): array $core @param list<string> $ops */
    public function run(callable $core, array $ops, Report $report): void
    {
        $log = fopen($this->failureLog, 'w');
        foreach ($ops as $op) {
            $group = "differential $op";
            $generator = new InputGenerator($this->seed ^ crc32($op));
            $inputs = [];
            $calls = [];
            for ($i = 0; $i < $this->perOp; $i++) {
                $inputs[] = $input = $generator->input($op);
                $calls[] = [$op, InputJson::encode($input)];
            }
            $replies = $this->native->replies($calls);
            $started = microtime(true);
            foreach ($inputs as $i => $input) {
                $php = $core($op, $input);
                $native = json_decode($replies[$i], true, 512, JSON_BIGINT_AS_STRING);
                if ($php === $native) {
                    $report->pass($group);
                    continue;
                }
                $line = sprintf('#%d input %s native %s php %s', $i, $calls[$i][1], $replies[$i], json_encode($php, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES));
                fwrite($log, "$op $line\n");
                $report->fail($group, strlen($line) > 600 ? substr($line, 0, 600) . '…' : $line);
            }
            fprintf(STDERR, "differential %s: %d inputs, PHP %.0f µs per call\n", $op, count($inputs), (microtime(true) - $started) / max(1, count($inputs)) * 1e6);
        }
        fclose($log);
    }
}
