<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

/**
 * The non-text facts of core inputs: phone numbers in every common notation (and garbage),
 * instants clustered around DST changes, time zones, quiet-hour windows, consent flags,
 * delivery attempts and retry policies.
 */
final class FactsGenerator
{
    private const COUNTRIES = ['GR', 'GR', 'GR', 'CY', 'GB', 'DE', 'FR', 'IT', 'US', 'BG', 'gr', '', 'XX', 'GRC'];
    private const ZONES = ['Europe/Athens', 'Europe/Athens', 'Europe/London', 'Europe/Berlin', 'Europe/Lisbon', 'Asia/Nicosia', 'UTC', 'Etc/GMT-2', 'Etc/GMT+5', '+02:00', '-03:30', 'UTC+2', 'America/New_York', 'Mars/Olympus', ''];
    public const OUTCOMES = ['accepted', 'delivered', 'read', 'rejected_channel', 'invalid', 'transient', 'throttled', 'failed', 'expired', 'unauthorized', 'no_balance'];
    public const KINDS = ['order_status', 'manual', 'bulk', 'back_in_stock', 'test'];

    public function __construct(private readonly Random $random)
    {
    }

    public function country(): string
    {
        return $this->random->pick(self::COUNTRIES);
    }

    public function phone(): string
    {
        $digits = fn (int $n): string => implode('', array_map(fn () => (string) $this->random->int(0, 9), range(1, max(1, $n))));
        $national = match ($this->random->int(0, 5)) {
            0, 1 => '69' . $digits(8),
            2 => '2' . $digits(9),
            3 => '9' . $digits(7),
            4 => '7' . $digits(9),
            default => $digits($this->random->int(1, 15)),
        };
        $number = match ($this->random->int(0, 9)) {
            0, 1 => $national,
            2 => '+30' . $national,
            3 => '0030' . $national,
            4 => '30' . $national,
            5 => '+357 ' . $national,
            6 => '+44 ' . ltrim($national, '0'),
            7 => '0' . $national,
            8 => $this->random->pick(['', '+', '++30691', 'abc', '69-12-34', '+30 (691) 234-5678', '+30.691.234.5678', '６９１２３４５６７８', '+1 212 555 0100', '00', '+', ' 6912345678 ', '+0030691234567']),
            default => '+' . $digits($this->random->int(1, 17)),
        };
        return $this->random->chance(0.3) ? $this->spaced($number) : $number;
    }

    /**
     * An RFC 3339 instant; most within hours of a DST change in Europe (last Sundays of March and
     * October at 01:00 UTC), in 2024–2030.
     */
    public function instant(): string
    {
        $year = $this->random->int(2024, 2030);
        if ($this->random->chance(0.7)) {
            $month = $this->random->pick([3, 10]);
            $lastSunday = (int) gmdate('j', strtotime("last sunday of $year-" . sprintf('%02d', $month) . ' UTC'));
            $base = gmmktime(1, 0, 0, $month, $lastSunday, $year);
            // Half within two hours of the change (minute steps), half within a day and a half.
            $offset = $this->random->chance(0.5) ? $this->random->int(-120, 120) * 60 : $this->random->int(-30, 30) * 1800;
            $seconds = $base + $offset + $this->random->pick([0, 0, 0, -1, 1, $this->random->int(0, 1799)]);
        } else {
            $seconds = gmmktime(0, 0, 0, 1, 1, $year) + $this->random->int(0, 365 * 86400);
        }
        return match ($this->random->int(0, 11)) {
            0 => gmdate('Y-m-d\TH:i:s', $seconds) . '.' . $this->random->int(0, 999) . 'Z',
            1 => gmdate('Y-m-d\TH:i:s', $seconds + 7200) . '+02:00',
            2 => $this->random->pick(['', 'now', '2026-13-01T00:00:00Z', '2026-11-28 10:00:00', '2026-11-28T10:00:00', '2026-02-30T10:00:00Z']),
            default => gmdate('Y-m-d\TH:i:s\Z', $seconds),
        };
    }

    public function zone(): string
    {
        return $this->random->pick(self::ZONES);
    }

    /** A local wall time "HH:MM", sometimes malformed. */
    public function clock(): string
    {
        if ($this->random->chance(0.05)) {
            return $this->random->pick(['24:00', '7:00', '25:00', '12:60', '', 'noon', '03:30:00']);
        }
        return sprintf('%02d:%02d', $this->random->pick([0, 1, 2, 3, 4, 7, 8, 21, 22, 23, $this->random->int(0, 23)]), $this->random->pick([0, 0, 30, 59, $this->random->int(0, 59)]));
    }

    /** @return array<string, mixed> */
    public function quietWindow(): array
    {
        $window = ['enabled' => $this->random->chance(0.8), 'start' => $this->clock(), 'end' => $this->clock()];
        if ($this->random->chance(0.1)) {
            $window['start'] = $window['end'];
        }
        return $window;
    }

    /** @return array<string, mixed> */
    public function recipientConsent(): array
    {
        $flag = fn () => $this->random->pick([true, false, null]);
        $recipient = [];
        if ($this->random->chance(0.9)) {
            $recipient['opted_out'] = $this->random->pick([false, false, false, true, null]);
        }
        if ($this->random->chance(0.9)) {
            $recipient['consent'] = ['order_updates' => $flag(), 'marketing' => $flag()];
        }
        return $recipient;
    }

    /** @return array<string, mixed> */
    public function consentSettings(): array
    {
        $consent = ['enabled' => $this->random->chance(0.7)];
        if ($this->random->chance(0.2)) {
            $consent['required_for_order_updates'] = $this->random->pick([true, false, null]);
        }
        return $consent;
    }

    /**
     * Attempts oldest first, spaced before $now (sometimes after it, to test clamping).
     *
     * @return list<array<string, mixed>>
     */
    public function attempts(string $now, string $routing): array
    {
        $time = strtotime($now) ?: gmmktime(10, 0, 0, 11, 28, 2026);
        $count = $this->random->pick([0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 8, 11]);
        $at = $time - $this->random->int(0, 7200) * $count;
        $attempts = [];
        for ($i = 0; $i < $count; $i++) {
            $attempt = [
                'channel' => $routing === 'viber2sms' ? $this->random->pick(['viber', 'viber', 'sms']) : $this->random->pick([$routing, $routing, 'sms', 'viber']),
                'outcome' => $this->random->pick(self::OUTCOMES),
                'at' => gmdate('Y-m-d\TH:i:s\Z', $at),
            ];
            if ($attempt['outcome'] === 'throttled' || $this->random->chance(0.05)) {
                $attempt['retry_after'] = $this->random->pick([0, 1, 30, 600, 86400, -5]);
            }
            if ($this->random->chance(0.3)) {
                $attempt += ['http_status' => $this->random->pick([200, 202, 400, 429, 503]), 'provider_id' => 'p-' . $this->random->int(1, 999), 'error' => $this->random->pick(['', 'timeout', 'Σφάλμα'])];
            }
            $attempts[] = $attempt;
            $at += $this->random->pick([0, 1, 30, 120, 599, 600, 601, 3600, $this->random->int(0, 9000)]);
        }
        return $attempts;
    }

    /** @return array<string, mixed> a partial policy (missing fields take the defaults) */
    public function policy(): array
    {
        $policy = [];
        if ($this->random->chance(0.3)) {
            $policy['backoff_s'] = $this->random->pick([[], [1], [30, 120, 600, 1800, 7200], [0, 0, 0], [5, 10]]);
        }
        if ($this->random->chance(0.3)) {
            $policy['max_tries'] = $this->random->pick([0, 1, 2, 5, 10]);
        }
        if ($this->random->chance(0.3)) {
            $policy['fallback_after_s'] = $this->random->pick([0, 60, 600, 3600]);
        }
        return $policy;
    }

    private function spaced(string $number): string
    {
        $out = '';
        foreach (Utf8::chars($number) as $i => $char) {
            $out .= ($i > 0 && $this->random->chance(0.25) ? $this->random->pick([' ', '-', '.', ' ']) : '') . $char;
        }
        return $out;
    }
}
