<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

/**
 * Spreads the differential test over worker processes (one per core), each running some ops
 * with opcache on, and merges their reports. A worker that dies counts as a failure.
 */
final class DifferentialShards
{
    /** Rough PHP cost of one generated input per op, to balance the shards. */
    private const WEIGHTS = ['render' => 7, 'plan_batch' => 7, 'plan' => 6, 'validate_template' => 5, 'segments' => 3, 'route' => 2, 'quiet_hours' => 1, 'consent' => 1, 'normalize_phone' => 1];

    /** @param list<string> $workerArgs host.php arguments every worker gets */
    public function __construct(private readonly string $script, private readonly array $workerArgs, private readonly string $outDir)
    {
    }

    /** @param list<string> $ops */
    public function run(array $ops, int $jobs, Report $report): void
    {
        $processes = [];
        foreach ($this->split($ops, $jobs) as $i => $shard) {
            $reportFile = "{$this->outDir}/differential-shard-$i.json";
            @unlink($reportFile);
            $argv = array_merge([PHP_BINARY, '-d', 'opcache.enable_cli=1', '-d', 'memory_limit=512M', $this->script, '--differential-only', '--ops', implode(',', $shard), '--report', $reportFile], $this->workerArgs);
            $process = proc_open($argv, [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => STDERR], $pipes);
            $processes[] = [$process, $reportFile, $shard];
        }
        foreach ($processes as [$process, $reportFile, $shard]) {
            $exit = is_resource($process) ? proc_close($process) : 127;
            $result = json_decode((string) @file_get_contents($reportFile), true);
            if (!is_array($result)) {
                $report->fail('differential ' . implode(',', $shard), "worker exited $exit without a report");
                continue;
            }
            $report->merge($result);
        }
    }

    /** Greedy balance by weight. @return list<list<string>> */
    private function split(array $ops, int $jobs): array
    {
        usort($ops, static fn (string $a, string $b): int => (self::WEIGHTS[$b] ?? 1) <=> (self::WEIGHTS[$a] ?? 1));
        $shards = array_fill(0, max(1, min($jobs, count($ops))), []);
        $loads = array_fill(0, count($shards), 0);
        foreach ($ops as $op) {
            $lightest = array_keys($loads, min($loads))[0];
            $shards[$lightest][] = $op;
            $loads[$lightest] += self::WEIGHTS[$op] ?? 1;
        }
        return $shards;
    }
}
