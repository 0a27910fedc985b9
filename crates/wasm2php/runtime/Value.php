<?php

declare(strict_types=1);

namespace __RNS__;

/**
 * Conversions between the API representation of values and the internal one.
 * Internal: i32 signed int in [-2^31, 2^31), i64 int, f32 bit pattern as an i32, f64 float.
 * API: i32/i64 signed ints, f32/f64 floats. Raw API: f32 bits as 0..2^32-1, f64 bits as a signed int.
 */
final class Value
{
    public static function zero(string $type): mixed
    {
        return match ($type) {
            'i32', 'i64' => 0,
            'f32', 'f64' => 0.0,
            default => null,
        };
    }

    public static function fromApi(string $type, mixed $v): mixed
    {
        return match ($type) {
            'i32' => ((int) $v) << 32 >> 32,
            'i64' => (int) $v,
            'f32' => Fp::bits32((float) $v),
            'f64' => (float) $v,
            default => $v,
        };
    }

    public static function toApi(string $type, mixed $v): mixed
    {
        return match ($type) {
            'f32' => Fp::f32($v),
            default => $v,
        };
    }

    public static function fromRaw(string $type, mixed $v): mixed
    {
        return match ($type) {
            'i32', 'f32' => ((int) $v) << 32 >> 32,
            'i64' => (int) $v,
            'f64' => Fp::f64((int) $v),
            default => $v,
        };
    }

    public static function toRaw(string $type, mixed $v): mixed
    {
        return match ($type) {
            'f32' => $v & 0xFFFFFFFF,
            'f64' => Fp::bits64($v),
            default => $v,
        };
    }
}
