<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Spec;

/** Per-file pass/fail/skip counts, the failures and skips with their reasons, and the summary. */
final class Tally
{
    /** @var array<string, array{pass: int, fail: int, skip: int}> */
    private array $files = [];
    /** @var array<string, list<Outcome>> */
    private array $notPassed = [];

    public function add(string $stem, Outcome $outcome): void
    {
        $this->files[$stem] ??= [Outcome::PASS => 0, Outcome::FAIL => 0, Outcome::SKIP => 0];
        $this->files[$stem][$outcome->status]++;
        if ($outcome->status !== Outcome::PASS) {
            $this->notPassed[$stem][] = $outcome;
        }
    }

    /** Counts commands that never reported (the process running them died) as failures. */
    public function addLost(string $stem, int $count, string $why): void
    {
        for ($i = 0; $i < $count; $i++) {
            $this->add($stem, Outcome::fail(['line' => 0, 'type' => 'lost'], $why));
        }
    }

    public function total(string $status): int
    {
        return array_sum(array_column($this->files, $status));
    }

    public function failed(): bool
    {
        return $this->total(Outcome::FAIL) > 0;
    }

    /**
     * The per-file table, then the failures (at most $shownPerFile per file), then the closing
     * line "N passed, N failed, N skipped".
     */
    public function render(int $shownPerFile = 10): string
    {
        ksort($this->files);
        $out = '';
        foreach ($this->files as $stem => $c) {
            $out .= sprintf("%-36s %6d passed %6d failed %6d skipped\n", $stem, $c['pass'], $c['fail'], $c['skip']);
        }
        $out .= $this->renderNotPassed(Outcome::FAIL, $shownPerFile);
        $out .= $this->renderSkipReasons();
        return $out . sprintf("%d passed, %d failed, %d skipped\n", $this->total('pass'), $this->total('fail'), $this->total('skip'));
    }

    /** Every failure, one per line, for a log file. */
    public function renderAllFailures(): string
    {
        return $this->renderNotPassed(Outcome::FAIL, PHP_INT_MAX);
    }

    private function renderNotPassed(string $status, int $shownPerFile): string
    {
        $out = '';
        foreach ($this->notPassed as $stem => $outcomes) {
            $matching = array_values(array_filter($outcomes, static fn (Outcome $o) => $o->status === $status));
            foreach (array_slice($matching, 0, $shownPerFile) as $outcome) {
                $out .= "  $stem: " . $outcome->toLine() . "\n";
            }
            if (count($matching) > $shownPerFile) {
                $out .= sprintf("  %s: … and %d more\n", $stem, count($matching) - $shownPerFile);
            }
        }
        return $out;
    }

    /** Skips grouped by reason: they are few kinds, each with one explanation. */
    private function renderSkipReasons(): string
    {
        $reasons = [];
        foreach ($this->notPassed as $outcomes) {
            foreach ($outcomes as $outcome) {
                if ($outcome->status === Outcome::SKIP) {
                    $key = "{$outcome->command}: {$outcome->reason}";
                    $reasons[$key] = ($reasons[$key] ?? 0) + 1;
                }
            }
        }
        $out = '';
        foreach ($reasons as $reason => $count) {
            $out .= "  skipped $count × $reason\n";
        }
        return $out;
    }
}
