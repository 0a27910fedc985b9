<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Spec;

/**
 * Runs prepared files, one runner.php process per .wast file and PHP mode ($parallel at a
 * time), and tallies the per-command lines they print. A process that dies or times out loses
 * the rest of its file: those commands count as failures with the process's last words as the
 * reason. Modes are sets of `php -d` settings; every file runs in each (opcache's optimizer
 * rewrites float comparisons, so generated code must be right with and without it). Rows of
 * modes after the first are named "<file> (<mode>)".
 */
final class Suite
{
    public function __construct(
        private readonly SpecLayout $layout,
        private readonly int $parallel,
        private readonly float $fileTimeout,
        /** @var array<string, list<string>> mode name => `php -d` settings of its runner processes */
        private readonly array $modes,
    ) {
    }

    /**
     * @param list<string> $stems
     * @param array<string, string> $unprepared stems that could not be prepared => why
     */
    public function run(array $stems, array $unprepared, Tally $tally): void
    {
        $pool = new ProcessPool($this->parallel);
        $first = array_key_first($this->modes);
        foreach ($this->longestFirst($stems) as $stem) {
            foreach ($this->modes as $mode => $settings) {
                $row = $mode === $first ? $stem : "$stem ($mode)";
                if (isset($unprepared[$stem])) {
                    $tally->addLost($row, 1, $unprepared[$stem]);
                    continue;
                }
                $argv = [PHP_BINARY];
                foreach ($settings as $setting) {
                    array_push($argv, '-d', $setting);
                }
                array_push($argv, __DIR__ . '/../runner.php', '--cache', $this->layout->cacheDir, '--protocol', $stem);
                $pool->add($argv, $this->fileTimeout, function (int $exit, string $out, string $err, bool $timedOut) use ($stem, $row, $tally): void {
                    $this->collect($stem, $row, $exit, $out, $err, $timedOut, $tally);
                });
            }
        }
        $pool->run();
    }

    private function collect(string $stem, string $row, int $exit, string $out, string $err, bool $timedOut, Tally $tally): void
    {
        $expected = null;
        $reported = 0;
        $ended = false;
        foreach (explode("\n", $out) as $line) {
            if (preg_match('/^begin \S+ (\d+)$/D', $line, $m) === 1) {
                $expected = (int) $m[1];
            } elseif ($line === "end $stem") {
                $ended = true;
            } elseif (($outcome = Outcome::fromLine($line)) !== null) {
                $tally->add($row, $outcome);
                $reported++;
            }
        }
        if ($ended && $exit === 0) {
            return;
        }
        $expected ??= count(json_decode((string) @file_get_contents($this->layout->commandsPath($stem)), true)['commands'] ?? [1]);
        $lastWords = trim(substr(trim($err . "\n" . self::strayOutput($out)), -400));
        $why = $timedOut
            ? sprintf('runner timed out after %.0f s', $this->fileTimeout)
            : "runner process died (exit $exit)" . ($lastWords !== '' ? ": $lastWords" : '');
        $tally->addLost($row, max(1, $expected - $reported), $why);
    }

    /** Output lines that are not protocol lines (PHP fatal errors print to stdout). */
    private static function strayOutput(string $out): string
    {
        $stray = array_filter(explode("\n", $out), static fn (string $l) => $l !== ''
            && Outcome::fromLine($l) === null && !str_starts_with($l, 'begin ') && !str_starts_with($l, 'end '));
        return implode("\n", $stray);
    }

    /** Big files first, so the last process to finish is a short one. @return list<string> */
    private function longestFirst(array $stems): array
    {
        usort($stems, fn (string $a, string $b) => (int) @filesize($this->layout->commandsPath($b)) <=> (int) @filesize($this->layout->commandsPath($a)));
        return $stems;
    }
}
