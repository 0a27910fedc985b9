<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

use Modulus\Sms\Core\Core;
use Modulus\Sms\Core\CoreError;
use Modulus\Sms\Core\CoreModule;
use Modulus\Sms\Core\InputJson;

/** The PHP host's own rules: how inputs are encoded and how failures come back. */
final class HostChecks
{
    private const GROUP = 'host';

    public function run(Report $report): void
    {
        // First, before anything has loaded the generated classes.
        $this->check($report, 'a missing translation is a CoreError', function (): bool {
            try {
                CoreModule::load(sys_get_temp_dir() . '/modulus-sms-no-such-dir');
            } catch (CoreError $e) {
                return str_contains($e->getMessage(), 'build the plugin');
            }
            return false;
        });

        $encodings = [
            '{}' => [],
            '{"vars":{}}' => ['vars' => []],
            '{"attempts":[]}' => ['attempts' => []],
            '{"items":[{},{"vars":{},"x":[]}]}' => ['items' => [[], ['vars' => [], 'x' => []]]],
            '{"settings":{"quiet_hours":{"applies_to":[]},"consent":{}},"recipient":{"consent":{}}}' => ['settings' => ['quiet_hours' => ['applies_to' => []], 'consent' => []], 'recipient' => ['consent' => []]],
            '{"text":"Γεια / 😀 \"q\""}' => ['text' => 'Γεια / 😀 "q"'],
            '{"common":{},"items":[]}' => ['common' => [], 'items' => []],
            '{"vars":{"a":[]}}' => ['vars' => ['a' => []]],
        ];
        foreach ($encodings as $json => $input) {
            $this->check($report, "encodes $json", fn (): bool => InputJson::encode($input) === $json);
        }

        $this->check($report, 'an unknown op is the core\'s bad_request', fn (): bool => (Core::call('no_such_op', [])['error']['code'] ?? null) === 'bad_request');
        $this->check($report, 'invalid UTF-8 is an internal error, not an exception', fn (): bool => (Core::call('segments', ['text' => "\xff"])['error']['code'] ?? null) === 'internal');
        $this->check($report, 'the host keeps answering after an internal error', fn (): bool => (Core::call('segments', ['text' => 'Hello'])['segments'] ?? null) === 1);
        $this->check($report, 'a large input and reply cross the ABI intact', function (): bool {
            $text = str_repeat('Γεια σου Μαρία! ', 1000); // 30 KB: longer than any small-write fast path
            return (Core::call('segments', ['text' => $text])['text'] ?? null) === $text;
        });
        // Every buffer is freed: 100 unfreed 2.4 KB replies would grow the linear memory by 4 pages.
        $this->check($report, 'repeated calls do not grow memory', function (): bool {
            $text = str_repeat('Γεια x', 200);
            Core::call('segments', ['text' => $text]);
            $before = memory_get_usage();
            for ($i = 0; $i < 100; $i++) {
                Core::call('segments', ['text' => $text]);
            }
            return memory_get_usage() - $before < 65536;
        });
    }

    private function check(Report $report, string $what, callable $check): void
    {
        try {
            $ok = $check();
        } catch (\Throwable $e) {
            $report->fail(self::GROUP, "$what: " . get_class($e) . ': ' . $e->getMessage());
            return;
        }
        $ok ? $report->pass(self::GROUP) : $report->fail(self::GROUP, $what);
    }
}
