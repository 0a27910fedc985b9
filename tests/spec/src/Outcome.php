<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Spec;

/** The result of one spec command. */
final class Outcome
{
    public const PASS = 'pass';
    public const FAIL = 'fail';
    public const SKIP = 'skip';

    private function __construct(
        public readonly string $status,
        public readonly int $line,
        public readonly string $command,
        public readonly string $reason,
    ) {
    }

    public static function pass(array $command): self
    {
        return new self(self::PASS, (int) ($command['line'] ?? 0), (string) ($command['type'] ?? '?'), '');
    }

    public static function fail(array $command, string $reason): self
    {
        return new self(self::FAIL, (int) ($command['line'] ?? 0), (string) ($command['type'] ?? '?'), $reason);
    }

    public static function skip(array $command, string $reason): self
    {
        return new self(self::SKIP, (int) ($command['line'] ?? 0), (string) ($command['type'] ?? '?'), $reason);
    }

    /** One line: "<status> <line> <command>: <reason>", reasons flattened to one line and capped. */
    public function toLine(): string
    {
        $reason = preg_replace('/\s+/', ' ', $this->reason);
        if (strlen($reason) > 300) {
            $reason = substr($reason, 0, 300) . '…';
        }
        return rtrim("{$this->status} {$this->line} {$this->command}: $reason");
    }

    public static function fromLine(string $line): ?self
    {
        if (preg_match('/^(pass|fail|skip) (\d+) (\S+?):(?: (.*))?$/D', $line, $m) !== 1) {
            return null;
        }
        return new self($m[1], (int) $m[2], $m[3], $m[4] ?? '');
    }
}
