<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

/**
 * Proves the differential corpus covers what it claims: Greek, emoji and GSM-7 extension
 * characters, phone notations, instants next to DST changes, long attempt lists with every
 * outcome, damaged inputs. Generation only (no core call), on the same seeds as the test.
 */
final class GeneratorCoverage
{
    private const SAMPLE = 2000;

    public function run(int $seed, Report $report): void
    {
        $json = [];
        foreach (InputGenerator::OPS as $op) {
            $generator = new InputGenerator($seed ^ crc32($op));
            for ($i = 0; $i < self::SAMPLE; $i++) {
                $json[$op][] = json_encode($generator->input($op), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
            }
        }
        $share = static fn (string $op, string $pattern): float => count(preg_grep($pattern, $json[$op])) / self::SAMPLE;

        foreach (['segments', 'render', 'plan'] as $op) {
            $this->atLeast($report, "$op: Greek", $share($op, '/\p{Greek}/u'), 0.2);
            $this->atLeast($report, "$op: emoji", $share($op, '/[\x{1F300}-\x{1FAFF}]/u'), 0.03);
            $this->atLeast($report, "$op: GSM-7 extension characters", $share($op, '/[\^{}\[\]~|€]|\\\\\\\\/u'), 0.05);
        }
        $this->atLeast($report, 'segments: texts at a segment limit (150–165 characters)', $share('segments', '/"text":"(?:[^"\\\\]|\\\\.){150,165}"/u'), 0.01);
        $this->atLeast($report, 'normalize_phone: +, 00 and national notations', min($share('normalize_phone', '/"phone":"\+/'), $share('normalize_phone', '/"phone":"00/'), $share('normalize_phone', '/"phone":"69/')), 0.03);
        $this->atLeast($report, 'quiet_hours: instants within an hour of a DST change', $share('quiet_hours', '/"now":"20\d\d-(?:03|10)-(?:2[5-9]|3[01])T0[01]:/'), 0.05);
        $this->atLeast($report, 'route: three or more attempts', $share('route', '/(?:"outcome".*){3}/'), 0.2);
        foreach (FactsGenerator::OUTCOMES as $outcome) {
            $this->atLeast($report, "route: outcome $outcome", $share('route', "/\"outcome\":\"$outcome\"/"), 0.01);
        }
        $this->atLeast($report, 'plan_batch: pages of several items', $share('plan_batch', '/"items":\[\{.*\},\{/'), 0.2);
        $this->atLeast($report, 'every op: damaged inputs', min(array_map(static fn (string $op): float => $share($op, '/"(?:nested|text)":|:42[,}]|:1\.5[,}]|:false[,}]/'), ['consent', 'route'])), 0.005);
    }

    private function atLeast(Report $report, string $what, float $share, float $minimum): void
    {
        $share >= $minimum
            ? $report->pass('generator coverage')
            : $report->fail('generator coverage', sprintf('%s: %.1f%% of inputs, expected at least %.1f%%', $what, $share * 100, $minimum * 100));
    }
}
