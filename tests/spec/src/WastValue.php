<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Spec;

/**
 * Values of the spec JSON (`{"type":"i32","value":"4294967295"}`) in the "raw" representation of
 * the generated code's callRaw(): i32/i64 as signed ints, f32 bits as 0..2^32-1, f64 bits as a
 * signed int, references as null / host objects. Numbers arrive as decimal strings, unsigned or
 * signed, i64 and f64 bit patterns up to 2^64-1 (more than a PHP int holds).
 */
final class WastValue
{
    private const CANONICAL_NAN_32 = 0x7FC00000;
    private const CANONICAL_NAN_64 = 0x7FF8000000000000;

    /** The raw argument for a JSON argument value. */
    public static function argument(array $value): mixed
    {
        $type = (string) ($value['type'] ?? '');
        $text = (string) ($value['value'] ?? '');
        return match ($type) {
            'i32' => self::decimal($text, 32),
            'f32' => self::decimal($text, 32) & 0xFFFFFFFF,
            'i64', 'f64' => self::decimal($text, 64),
            'externref' => $text === 'null' ? null : HostRef::of(self::decimal($text, 64)),
            'funcref' => $text === 'null' ? null : throw new \UnexpectedValueException('a funcref argument other than null has no JSON form'),
            default => throw new \UnexpectedValueException("unsupported value type '$type'"),
        };
    }

    /**
     * Null when $actual (a raw result) is what $expected describes, else why not.
     * $funcClass is the runtime's function-reference class (non-null funcref results).
     */
    public static function mismatch(array $expected, mixed $actual, string $funcClass): ?string
    {
        $type = (string) ($expected['type'] ?? '');
        $text = (string) ($expected['value'] ?? '');
        $ok = match ($type) {
            'i32' => is_int($actual) && $actual === self::decimal($text, 32),
            'i64' => is_int($actual) && $actual === self::decimal($text, 64),
            'f32' => is_int($actual) && $actual >= 0 && $actual <= 0xFFFFFFFF && self::floatMatches($text, $actual, 32),
            'f64' => is_int($actual) && self::floatMatches($text, $actual, 64),
            'externref' => $text === 'null' ? $actual === null : $actual === HostRef::of(self::decimal($text, 64)),
            'funcref' => $text === 'null' ? $actual === null : $actual instanceof $funcClass,
            default => throw new \UnexpectedValueException("unsupported value type '$type'"),
        };
        return $ok ? null : sprintf('expected %s, got %s', self::describeExpected($expected), self::describe($type, $actual));
    }

    /** A readable form of a raw value of $type, for failure messages. */
    public static function describe(string $type, mixed $raw): string
    {
        if (!is_int($raw)) {
            return match (true) {
                $raw === null => 'null',
                $raw instanceof HostRef => "ref.extern {$raw->id}",
                is_object($raw) => 'object ' . get_class($raw),
                default => get_debug_type($raw) . ' ' . var_export($raw, true),
            };
        }
        return match ($type) {
            'f32' => sprintf('f32 0x%08x (%s)', $raw, self::floatText(unpack('g', pack('V', $raw))[1])),
            'f64' => sprintf('f64 0x%016x (%s)', $raw, self::floatText(unpack('e', pack('P', $raw))[1])),
            'i32' => sprintf('i32 %d (0x%08x)', $raw, $raw & 0xFFFFFFFF),
            default => sprintf('%s %d (0x%016x)', $type, $raw, $raw),
        };
    }

    public static function describeExpected(array $expected): string
    {
        $type = (string) ($expected['type'] ?? '');
        $text = (string) ($expected['value'] ?? '');
        if (str_starts_with($text, 'nan:') || $text === 'null') {
            return "$type $text";
        }
        $raw = match ($type) {
            'i32' => self::decimal($text, 32),
            'f32' => self::decimal($text, 32) & 0xFFFFFFFF,
            'i64', 'f64', 'externref' => self::decimal($text, 64),
            default => $text,
        };
        return $type === 'externref' ? "ref.extern $raw" : self::describe($type, $raw);
    }

    /**
     * A decimal string (optionally negative, up to 2^bits-1 unsigned) as the signed two's
     * complement int of that width. Built in 32-bit limbs so nothing overflows into a float.
     */
    public static function decimal(string $text, int $bits): int
    {
        if (preg_match('/^(-?)([0-9]+)$/D', $text, $m) !== 1) {
            throw new \UnexpectedValueException("not a decimal integer: '$text'");
        }
        [$high, $low] = [0, 0];
        foreach (str_split(ltrim($m[2], '0') ?: '0') as $digit) {
            $low = $low * 10 + (int) $digit;
            $high = $high * 10 + ($low >> 32);
            $low &= 0xFFFFFFFF;
            if ($high > 0xFFFFFFFF) {
                throw new \UnexpectedValueException("integer out of 64-bit range: '$text'");
            }
        }
        $value = ($high << 32) | $low;
        if ($m[1] === '-' && ($high > 0x80000000 || ($high === 0x80000000 && $low > 0))) {
            throw new \UnexpectedValueException("integer out of 64-bit range: '$text'");
        }
        if ($m[1] === '-') {
            $value = -$value; // PHP_INT_MIN negates to a float, so it is handled below
            if (is_float($value)) {
                $value = PHP_INT_MIN;
            }
        }
        if ($bits === 32) {
            $fits = $m[1] === '-' ? $value >= -0x80000000 : ($high === 0);
            if (!$fits) {
                throw new \UnexpectedValueException("integer out of 32-bit range: '$text'");
            }
            return $value << 32 >> 32;
        }
        return $value;
    }

    private static function floatMatches(string $text, int $bits, int $width): bool
    {
        $exponentAndQuiet = $width === 32 ? self::CANONICAL_NAN_32 : self::CANONICAL_NAN_64;
        $magnitude = $width === 32 ? $bits & 0x7FFFFFFF : $bits & PHP_INT_MAX;
        return match ($text) {
            // canonical: the quiet bit alone in the payload, either sign
            'nan:canonical' => $magnitude === $exponentAndQuiet,
            // arithmetic: any NaN with the quiet bit set, either sign
            'nan:arithmetic' => ($magnitude & $exponentAndQuiet) === $exponentAndQuiet,
            default => $bits === ($width === 32 ? self::decimal($text, 32) & 0xFFFFFFFF : self::decimal($text, 64)),
        };
    }

    private static function floatText(float $f): string
    {
        return is_nan($f) ? 'nan' : var_export($f, true);
    }
}
