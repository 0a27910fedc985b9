<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Spec;

/**
 * Runs commands $parallel at a time without a shell, collecting stdout/stderr, killing any
 * that outlives its timeout. Each job's callback gets (exit code, stdout, stderr, timed out);
 * a process killed by a signal reports 128 + the signal number, like a shell.
 */
final class ProcessPool
{
    /** @var list<array{argv: list<string>, timeout: float, done: callable}> */
    private array $queue = [];

    public function __construct(private readonly int $parallel)
    {
    }

    /** @param list<string> $argv @param callable(int, string, string, bool): void $done */
    public function add(array $argv, float $timeoutSeconds, callable $done): void
    {
        $this->queue[] = ['argv' => $argv, 'timeout' => $timeoutSeconds, 'done' => $done];
    }

    public function run(): void
    {
        $running = [];
        while ($this->queue !== [] || $running !== []) {
            while ($this->queue !== [] && count($running) < $this->parallel) {
                $running[] = $this->start(array_shift($this->queue));
            }
            $this->pump($running);
            foreach ($running as $key => $job) {
                if ($this->finished($job)) {
                    unset($running[$key]);
                }
            }
            $running = array_values($running);
        }
    }

    private function start(array $job): array
    {
        $process = proc_open($job['argv'], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        if (!is_resource($process)) {
            ($job['done'])(127, '', 'cannot start ' . $job['argv'][0], false);
            return $job + ['process' => null, 'pipes' => [], 'out' => '', 'err' => '', 'deadline' => 0.0];
        }
        stream_set_blocking($pipes[1], false);
        stream_set_blocking($pipes[2], false);
        return $job + [
            'process' => $process,
            'pipes' => [1 => $pipes[1], 2 => $pipes[2]],
            'out' => '',
            'err' => '',
            'deadline' => microtime(true) + $job['timeout'],
        ];
    }

    /** Waits up to 50 ms for output from any running job and appends what arrived. */
    private function pump(array &$running): void
    {
        $read = [];
        foreach ($running as $job) {
            foreach ($job['pipes'] as $pipe) {
                if (!feof($pipe)) {
                    $read[] = $pipe;
                }
            }
        }
        if ($read === []) {
            usleep(5000);
            return;
        }
        $write = $except = null;
        if (@stream_select($read, $write, $except, 0, 50000) === false) {
            return;
        }
        foreach ($running as &$job) {
            $job['out'] .= (string) stream_get_contents($job['pipes'][1]);
            $job['err'] .= (string) stream_get_contents($job['pipes'][2]);
        }
    }

    private function finished(array $job): bool
    {
        if ($job['process'] === null) {
            return true;
        }
        $status = proc_get_status($job['process']);
        $timedOut = false;
        if ($status['running'] && microtime(true) > $job['deadline']) {
            proc_terminate($job['process'], 9);
            $timedOut = true;
            usleep(20000);
            $status = proc_get_status($job['process']);
        }
        if ($status['running']) {
            return false;
        }
        // The status is only reported once: read the exit code now, drain, then close.
        $exit = $status['signaled'] ? 128 + $status['termsig'] : $status['exitcode'];
        foreach ($job['pipes'] as $pipe) {
            stream_set_blocking($pipe, true);
        }
        $out = $job['out'] . stream_get_contents($job['pipes'][1]);
        $err = $job['err'] . stream_get_contents($job['pipes'][2]);
        foreach ($job['pipes'] as $pipe) {
            fclose($pipe);
        }
        proc_close($job['process']);
        ($job['done'])($exit, $out, $err, $timedOut);
        return true;
    }
}
