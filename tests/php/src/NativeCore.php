<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

/** The native core through `mmp-core batch`: many calls, one process. */
final class NativeCore
{
    public function __construct(private readonly string $binary)
    {
    }

    /**
     * @param list<array{0: string, 1: string}> $calls [op, input JSON]
     * @return list<string> the reply JSON of each call, in order
     */
    public function replies(array $calls): array
    {
        $requests = tmpfile();
        $responses = tmpfile();
        foreach ($calls as [$op, $json]) {
            if (str_contains($op, "\t") || str_contains($json, "\n")) {
                throw new \InvalidArgumentException('a batch line cannot hold this call');
            }
            fwrite($requests, "$op\t$json\n");
        }
        rewind($requests);
        $process = proc_open([$this->binary, 'batch'], [0 => $requests, 1 => $responses, 2 => ['pipe', 'w']], $pipes);
        if (!is_resource($process)) {
            throw new \RuntimeException("cannot start {$this->binary}");
        }
        $errors = stream_get_contents($pipes[2]);
        fclose($pipes[2]);
        $exit = proc_close($process);
        rewind($responses);
        $replies = explode("\n", rtrim((string) stream_get_contents($responses), "\n"));
        fclose($requests);
        fclose($responses);
        if ($exit !== 0 || ($calls !== [] && count($replies) !== count($calls))) {
            throw new \RuntimeException(sprintf('%s batch exited %d with %d replies for %d calls: %s', $this->binary, $exit, count($replies), count($calls), trim((string) $errors)));
        }
        return $calls === [] ? [] : $replies;
    }
}
