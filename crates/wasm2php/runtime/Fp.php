<?php

declare(strict_types=1);

namespace __RNS__;

// Imported so that PHP resolves them at compile time (strlen() etc. become opcodes).
use function ceil, fdiv, floor, fmod, pack, round, sqrt, unpack;

/**
 * Float helpers. f32 values travel as their bit pattern (a signed i32) so NaN payloads survive;
 * arithmetic widens to double and rounds back once, which is exact for + - * / sqrt.
 * f64 values are PHP floats; operations that PHP would get wrong on NaN signs go through bits.
 */
final class Fp
{
    private const TWO63 = 9223372036854775808.0;

    public static function f32(int $bits): float
    {
        return unpack('ga', pack('V', $bits))['a'];
    }

    public static function bits32(float $x): int
    {
        return unpack('Va', pack('g', $x))['a'] << 32 >> 32;
    }

    public static function f64(int $bits): float
    {
        return unpack('ea', pack('P', $bits))['a'];
    }

    public static function bits64(float $x): int
    {
        return unpack('Pa', pack('e', $x))['a'];
    }

    // ---- f32 arithmetic on bit patterns ----

    public static function add32(int $a, int $b): int
    {
        return self::bits32(self::f32($a) + self::f32($b));
    }

    public static function sub32(int $a, int $b): int
    {
        return self::bits32(self::f32($a) - self::f32($b));
    }

    public static function mul32(int $a, int $b): int
    {
        return self::bits32(self::f32($a) * self::f32($b));
    }

    public static function div32(int $a, int $b): int
    {
        return self::bits32(fdiv(self::f32($a), self::f32($b)));
    }

    public static function sqrt32(int $a): int
    {
        return self::bits32(sqrt(self::f32($a)));
    }

    public static function min32(int $a, int $b): int
    {
        return self::bits32(self::min64(self::f32($a), self::f32($b)));
    }

    public static function max32(int $a, int $b): int
    {
        return self::bits32(self::max64(self::f32($a), self::f32($b)));
    }

    public static function ceil32(int $a): int
    {
        return self::bits32(self::ceil64(self::f32($a)));
    }

    public static function floor32(int $a): int
    {
        return self::bits32(self::floor64(self::f32($a)));
    }

    public static function trunc32(int $a): int
    {
        return self::bits32(self::trunc64(self::f32($a)));
    }

    public static function nearest32(int $a): int
    {
        return self::bits32(self::nearest64(self::f32($a)));
    }

    // ---- f64 ----

    public static function min64(float $a, float $b): float
    {
        if ($a < $b) {
            return $a;
        }
        if ($b < $a) {
            return $b;
        }
        if ($a != $a || $b != $b) {
            return $a + $b;
        }
        // Equal: only the sign of zero can differ, and min prefers -0.
        return self::bits64($a) < 0 ? $a : $b;
    }

    public static function max64(float $a, float $b): float
    {
        if ($a > $b) {
            return $a;
        }
        if ($b > $a) {
            return $b;
        }
        if ($a != $a || $b != $b) {
            return $a + $b;
        }
        return self::bits64($a) < 0 ? $b : $a;
    }

    /** PHP's ceil/floor hand a signalling NaN back unchanged; wasm wants it quieted. */
    public static function ceil64(float $x): float
    {
        return $x != $x ? $x + $x : ceil($x);
    }

    public static function floor64(float $x): float
    {
        return $x != $x ? $x + $x : floor($x);
    }

    public static function trunc64(float $x): float
    {
        if ($x != $x) {
            return $x + $x;
        }
        return $x < 0.0 ? ceil($x) : floor($x);
    }

    /** Round half to even (PHP's round() pre-rounds and rounds half away from zero). */
    public static function nearest64(float $x): float
    {
        if ($x != $x) {
            return $x + $x;
        }
        if (!($x > -4503599627370496.0 && $x < 4503599627370496.0)) {
            return $x; // already integral (or infinite)
        }
        $floor = floor($x);
        $diff = $x - $floor;
        if ($diff > 0.5 || ($diff == 0.5 && fmod($floor, 2.0) != 0.0)) {
            $floor += 1.0;
        }
        if ($floor == 0.0) {
            return $x < 0.0 || self::bits64($x) < 0 ? -0.0 : 0.0;
        }
        return $floor;
    }

    public static function neg64(float $x): float
    {
        return $x == $x ? -$x : self::f64(self::bits64($x) ^ PHP_INT_MIN);
    }

    public static function copysign64(float $a, float $b): float
    {
        return self::f64((self::bits64($a) & PHP_INT_MAX) | (self::bits64($b) & PHP_INT_MIN));
    }

    // ---- float -> int, trapping ----

    public static function truncS32(float $x): int
    {
        if ($x != $x) {
            throw new Trap('invalid conversion to integer');
        }
        if (!($x > -2147483649.0 && $x < 2147483648.0)) {
            throw new Trap('integer overflow');
        }
        return (int) $x;
    }

    public static function truncU32(float $x): int
    {
        if ($x != $x) {
            throw new Trap('invalid conversion to integer');
        }
        if (!($x > -1.0 && $x < 4294967296.0)) {
            throw new Trap('integer overflow');
        }
        return ((int) $x) << 32 >> 32;
    }

    public static function truncS64(float $x): int
    {
        if ($x != $x) {
            throw new Trap('invalid conversion to integer');
        }
        if (!($x >= -self::TWO63 && $x < self::TWO63)) {
            throw new Trap('integer overflow');
        }
        return (int) $x;
    }

    public static function truncU64(float $x): int
    {
        if ($x != $x) {
            throw new Trap('invalid conversion to integer');
        }
        if (!($x > -1.0 && $x < 18446744073709551616.0)) {
            throw new Trap('integer overflow');
        }
        return $x >= self::TWO63 ? ((int) ($x - self::TWO63)) | PHP_INT_MIN : (int) $x;
    }

    // ---- float -> int, saturating ----

    public static function satS32(float $x): int
    {
        if ($x != $x) {
            return 0;
        }
        if ($x <= -2147483648.0) {
            return -2147483648;
        }
        return $x >= 2147483647.0 ? 2147483647 : (int) $x;
    }

    public static function satU32(float $x): int
    {
        if ($x != $x || $x <= 0.0) {
            return 0;
        }
        return $x >= 4294967295.0 ? -1 : ((int) $x) << 32 >> 32;
    }

    public static function satS64(float $x): int
    {
        if ($x != $x) {
            return 0;
        }
        if ($x <= -self::TWO63) {
            return PHP_INT_MIN;
        }
        return $x >= self::TWO63 ? PHP_INT_MAX : (int) $x;
    }

    public static function satU64(float $x): int
    {
        if ($x != $x || $x <= 0.0) {
            return 0;
        }
        if ($x >= 18446744073709551616.0) {
            return -1;
        }
        return $x >= self::TWO63 ? ((int) ($x - self::TWO63)) | PHP_INT_MIN : (int) $x;
    }

    // ---- int -> float ----

    public static function u64ToF64(int $a): float
    {
        if ($a >= 0) {
            return (float) $a;
        }
        // Halve with the lost bit kept sticky so the single rounding stays correct.
        return (float) ((($a >> 1) & PHP_INT_MAX) | ($a & 1)) * 2.0;
    }

    public static function i64ToF32(int $a): int
    {
        if ($a === PHP_INT_MIN) {
            return self::bits32(-self::TWO63);
        }
        return $a < 0 ? self::bits32(-self::oddDouble(-$a)) : self::bits32(self::oddDouble($a));
    }

    public static function u64ToF32(int $a): int
    {
        if ($a >= 0) {
            return self::bits32(self::oddDouble($a));
        }
        return self::bits32(self::oddDouble((($a >> 1) & PHP_INT_MAX) | ($a & 1)) * 2.0);
    }

    /**
     * A non-negative int as a double rounded to odd at 53 bits, so that the later rounding
     * to f32 is correct (plain (float) would round twice).
     */
    private static function oddDouble(int $u): float
    {
        if ($u < 9007199254740992) {
            return (float) $u;
        }
        return (float) (($u >> 10) | (($u & 0x3FF) !== 0 ? 1 : 0)) * 1024.0;
    }
}
