<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

/** Pass/fail counts per section and op, the first failures of each, and the closing line. */
final class Report
{
    private const SHOWN_PER_GROUP = 5;

    /** @var array<string, array{0: int, 1: int}> "section op" => [passed, failed] */
    private array $counts = [];
    /** @var array<string, list<string>> */
    private array $failures = [];

    public function pass(string $group): void
    {
        $this->counts[$group] ??= [0, 0];
        $this->counts[$group][0]++;
    }

    public function fail(string $group, string $why): void
    {
        $this->counts[$group] ??= [0, 0];
        $this->counts[$group][1]++;
        if (count($this->failures[$group] ?? []) < self::SHOWN_PER_GROUP) {
            $this->failures[$group][] = $why;
        }
    }

    /** The counts and shown failures, to hand over from a worker process. */
    public function toArray(): array
    {
        return ['counts' => $this->counts, 'failures' => $this->failures];
    }

    /** Adds a worker's toArray(). */
    public function merge(array $other): void
    {
        foreach ($other['counts'] ?? [] as $group => [$passed, $failed]) {
            $this->counts[$group] ??= [0, 0];
            $this->counts[$group][0] += $passed;
            $this->counts[$group][1] += $failed;
        }
        foreach ($other['failures'] ?? [] as $group => $reasons) {
            $this->failures[$group] = array_slice(array_merge($this->failures[$group] ?? [], $reasons), 0, self::SHOWN_PER_GROUP);
        }
    }

    public function failed(): bool
    {
        return array_sum(array_column($this->counts, 1)) > 0;
    }

    public function render(): string
    {
        $out = '';
        foreach ($this->counts as $group => [$passed, $failed]) {
            $out .= sprintf("%-34s %7d passed %5d failed\n", $group, $passed, $failed);
        }
        foreach ($this->failures as $group => $reasons) {
            foreach ($reasons as $reason) {
                $out .= "  FAIL $group: $reason\n";
            }
        }
        return $out . sprintf("%d passed, %d failed\n", array_sum(array_column($this->counts, 0)), array_sum(array_column($this->counts, 1)));
    }
}
