<?php

declare(strict_types=1);

namespace __RNS__;

// Imported so that PHP resolves them at compile time (strlen() etc. become opcodes).
use function count, intdiv, is_int, strlen;

/**
 * Integer helpers and traps for generated code. i32 values are signed ints in [-2^31, 2^31);
 * i64 values are PHP ints, whose overflow (which PHP turns into a float) is handled here.
 */
final class Rt
{
    /**
     * The 256 one-byte strings: generated stores write `$m[$a] = $by[$v & 255]` with `$by = Rt::BYTE`
     * bound once per function, about twice as fast as calling chr() per byte (PHP 8.2, no JIT);
     * the st* helpers below index it directly.
     */
    public const BYTE = [
        "\x00", "\x01", "\x02", "\x03", "\x04", "\x05", "\x06", "\x07", "\x08", "\x09", "\x0a", "\x0b", "\x0c", "\x0d", "\x0e", "\x0f",
        "\x10", "\x11", "\x12", "\x13", "\x14", "\x15", "\x16", "\x17", "\x18", "\x19", "\x1a", "\x1b", "\x1c", "\x1d", "\x1e", "\x1f",
        "\x20", "\x21", "\x22", "\x23", "\x24", "\x25", "\x26", "\x27", "\x28", "\x29", "\x2a", "\x2b", "\x2c", "\x2d", "\x2e", "\x2f",
        "\x30", "\x31", "\x32", "\x33", "\x34", "\x35", "\x36", "\x37", "\x38", "\x39", "\x3a", "\x3b", "\x3c", "\x3d", "\x3e", "\x3f",
        "\x40", "\x41", "\x42", "\x43", "\x44", "\x45", "\x46", "\x47", "\x48", "\x49", "\x4a", "\x4b", "\x4c", "\x4d", "\x4e", "\x4f",
        "\x50", "\x51", "\x52", "\x53", "\x54", "\x55", "\x56", "\x57", "\x58", "\x59", "\x5a", "\x5b", "\x5c", "\x5d", "\x5e", "\x5f",
        "\x60", "\x61", "\x62", "\x63", "\x64", "\x65", "\x66", "\x67", "\x68", "\x69", "\x6a", "\x6b", "\x6c", "\x6d", "\x6e", "\x6f",
        "\x70", "\x71", "\x72", "\x73", "\x74", "\x75", "\x76", "\x77", "\x78", "\x79", "\x7a", "\x7b", "\x7c", "\x7d", "\x7e", "\x7f",
        "\x80", "\x81", "\x82", "\x83", "\x84", "\x85", "\x86", "\x87", "\x88", "\x89", "\x8a", "\x8b", "\x8c", "\x8d", "\x8e", "\x8f",
        "\x90", "\x91", "\x92", "\x93", "\x94", "\x95", "\x96", "\x97", "\x98", "\x99", "\x9a", "\x9b", "\x9c", "\x9d", "\x9e", "\x9f",
        "\xa0", "\xa1", "\xa2", "\xa3", "\xa4", "\xa5", "\xa6", "\xa7", "\xa8", "\xa9", "\xaa", "\xab", "\xac", "\xad", "\xae", "\xaf",
        "\xb0", "\xb1", "\xb2", "\xb3", "\xb4", "\xb5", "\xb6", "\xb7", "\xb8", "\xb9", "\xba", "\xbb", "\xbc", "\xbd", "\xbe", "\xbf",
        "\xc0", "\xc1", "\xc2", "\xc3", "\xc4", "\xc5", "\xc6", "\xc7", "\xc8", "\xc9", "\xca", "\xcb", "\xcc", "\xcd", "\xce", "\xcf",
        "\xd0", "\xd1", "\xd2", "\xd3", "\xd4", "\xd5", "\xd6", "\xd7", "\xd8", "\xd9", "\xda", "\xdb", "\xdc", "\xdd", "\xde", "\xdf",
        "\xe0", "\xe1", "\xe2", "\xe3", "\xe4", "\xe5", "\xe6", "\xe7", "\xe8", "\xe9", "\xea", "\xeb", "\xec", "\xed", "\xee", "\xef",
        "\xf0", "\xf1", "\xf2", "\xf3", "\xf4", "\xf5", "\xf6", "\xf7", "\xf8", "\xf9", "\xfa", "\xfb", "\xfc", "\xfd", "\xfe", "\xff",
    ];

    public static function trap(string $message): never
    {
        throw new Trap($message);
    }

    public static function oob(): never
    {
        throw new Trap('out of bounds memory access');
    }

    public static function exhausted(): never
    {
        throw new Trap('call stack exhausted');
    }

    public static function unreachable(): never
    {
        throw new Trap('unreachable');
    }

    /** The Func behind call_indirect, after the bounds, null and signature checks. */
    public static function callee(Table $table, int $index, string $sig): Func
    {
        $index &= 0xFFFFFFFF;
        if ($index >= count($table->elems)) {
            throw new Trap("undefined element $index");
        }
        $f = $table->elems[$index];
        if ($f === null) {
            throw new Trap("uninitialized element $index");
        }
        if ($f->sig !== $sig) {
            throw new Trap('indirect call type mismatch');
        }
        return $f;
    }

    // ---- stores: bounds check, then the bytes written in place (never a copy of the memory) ----

    public static function st8(string &$m, int $addr, int $offset, int $v): void
    {
        $a = ($addr & 0xFFFFFFFF) + $offset;
        if ($a >= strlen($m)) {
            throw new Trap('out of bounds memory access');
        }
        $m[$a] = self::BYTE[$v & 255];
    }

    public static function st16(string &$m, int $addr, int $offset, int $v): void
    {
        $a = ($addr & 0xFFFFFFFF) + $offset;
        if ($a + 2 > strlen($m)) {
            throw new Trap('out of bounds memory access');
        }
        $m[$a] = self::BYTE[$v & 255];
        $m[$a + 1] = self::BYTE[$v >> 8 & 255];
    }

    public static function st32(string &$m, int $addr, int $offset, int $v): void
    {
        $a = ($addr & 0xFFFFFFFF) + $offset;
        if ($a + 4 > strlen($m)) {
            throw new Trap('out of bounds memory access');
        }
        $m[$a] = self::BYTE[$v & 255];
        $m[$a + 1] = self::BYTE[$v >> 8 & 255];
        $m[$a + 2] = self::BYTE[$v >> 16 & 255];
        $m[$a + 3] = self::BYTE[$v >> 24 & 255];
    }

    public static function st64(string &$m, int $addr, int $offset, int $v): void
    {
        $a = ($addr & 0xFFFFFFFF) + $offset;
        if ($a + 8 > strlen($m)) {
            throw new Trap('out of bounds memory access');
        }
        $m[$a] = self::BYTE[$v & 255];
        $m[$a + 1] = self::BYTE[$v >> 8 & 255];
        $m[$a + 2] = self::BYTE[$v >> 16 & 255];
        $m[$a + 3] = self::BYTE[$v >> 24 & 255];
        $m[$a + 4] = self::BYTE[$v >> 32 & 255];
        $m[$a + 5] = self::BYTE[$v >> 40 & 255];
        $m[$a + 6] = self::BYTE[$v >> 48 & 255];
        $m[$a + 7] = self::BYTE[$v >> 56 & 255];
    }

    public static function stF64(string &$m, int $addr, int $offset, float $v): void
    {
        $a = ($addr & 0xFFFFFFFF) + $offset;
        if ($a + 8 > strlen($m)) {
            throw new Trap('out of bounds memory access');
        }
        $bytes = pack('e', $v);
        for ($i = 0; $i < 8; $i++) {
            $m[$a + $i] = $bytes[$i];
        }
    }

    // ---- i32 ----

    public static function divS32(int $a, int $b): int
    {
        if ($b === 0) {
            throw new Trap('integer divide by zero');
        }
        if ($b === -1 && $a === -2147483648) {
            throw new Trap('integer overflow');
        }
        return intdiv($a, $b);
    }

    public static function divU32(int $a, int $b): int
    {
        if ($b === 0) {
            throw new Trap('integer divide by zero');
        }
        return intdiv($a & 0xFFFFFFFF, $b & 0xFFFFFFFF) << 32 >> 32;
    }

    public static function remS32(int $a, int $b): int
    {
        if ($b === 0) {
            throw new Trap('integer divide by zero');
        }
        return $b === -1 ? 0 : $a % $b;
    }

    public static function remU32(int $a, int $b): int
    {
        if ($b === 0) {
            throw new Trap('integer divide by zero');
        }
        return (($a & 0xFFFFFFFF) % ($b & 0xFFFFFFFF)) << 32 >> 32;
    }

    public static function clz32(int $a): int
    {
        $a &= 0xFFFFFFFF;
        if ($a === 0) {
            return 32;
        }
        $n = 0;
        if ($a <= 0xFFFF) { $n += 16; $a <<= 16; }
        if ($a <= 0xFFFFFF) { $n += 8; $a <<= 8; }
        if ($a <= 0xFFFFFFF) { $n += 4; $a <<= 4; }
        if ($a <= 0x3FFFFFFF) { $n += 2; $a <<= 2; }
        if ($a <= 0x7FFFFFFF) { $n += 1; }
        return $n;
    }

    public static function ctz32(int $a): int
    {
        $a &= 0xFFFFFFFF;
        if ($a === 0) {
            return 32;
        }
        $n = 0;
        if (($a & 0xFFFF) === 0) { $n += 16; $a >>= 16; }
        if (($a & 0xFF) === 0) { $n += 8; $a >>= 8; }
        if (($a & 0xF) === 0) { $n += 4; $a >>= 4; }
        if (($a & 0x3) === 0) { $n += 2; $a >>= 2; }
        if (($a & 0x1) === 0) { $n += 1; }
        return $n;
    }

    public static function popcnt32(int $a): int
    {
        $a &= 0xFFFFFFFF;
        $a -= ($a >> 1) & 0x55555555;
        $a = ($a & 0x33333333) + (($a >> 2) & 0x33333333);
        $a = ($a + ($a >> 4)) & 0x0F0F0F0F;
        return (($a * 0x01010101) & 0xFFFFFFFF) >> 24;
    }

    public static function rotl32(int $a, int $b): int
    {
        $b &= 31;
        $a &= 0xFFFFFFFF;
        return ((($a << $b) | ($a >> (32 - $b))) & 0xFFFFFFFF) << 32 >> 32;
    }

    public static function rotr32(int $a, int $b): int
    {
        return self::rotl32($a, 32 - ($b & 31));
    }

    // ---- i64 ----

    public static function add64(int $a, int $b): int
    {
        $r = $a + $b;
        // On overflow PHP yields a float; flipping the sign bit of one operand moves the sum into range.
        return is_int($r) ? $r : (($a ^ PHP_INT_MIN) + $b) ^ PHP_INT_MIN;
    }

    public static function sub64(int $a, int $b): int
    {
        $r = $a - $b;
        return is_int($r) ? $r : (($a ^ PHP_INT_MIN) - $b) ^ PHP_INT_MIN;
    }

    public static function mul64(int $a, int $b): int
    {
        $r = $a * $b;
        if (is_int($r)) {
            return $r;
        }
        $al = $a & 0xFFFFFFFF;
        $bl = $b & 0xFFFFFFFF;
        $cross = ((($a >> 32) * $bl) & 0xFFFFFFFF) + (($al * ($b >> 32)) & 0xFFFFFFFF);
        $low = self::add64($al * ($bl & 0xFFFF), ($al * ($bl >> 16)) << 16);
        return self::add64($low, $cross << 32);
    }

    public static function divS64(int $a, int $b): int
    {
        if ($b === 0) {
            throw new Trap('integer divide by zero');
        }
        if ($b === -1 && $a === PHP_INT_MIN) {
            throw new Trap('integer overflow');
        }
        return intdiv($a, $b);
    }

    public static function remS64(int $a, int $b): int
    {
        if ($b === 0) {
            throw new Trap('integer divide by zero');
        }
        return $b === -1 ? 0 : $a % $b;
    }

    public static function divU64(int $a, int $b): int
    {
        if ($b === 0) {
            throw new Trap('integer divide by zero');
        }
        if ($a >= 0 && $b > 0) {
            return intdiv($a, $b);
        }
        if ($b < 0) {
            return ($a ^ PHP_INT_MIN) >= ($b ^ PHP_INT_MIN) ? 1 : 0;
        }
        $q = intdiv(($a >> 1) & PHP_INT_MAX, $b) << 1;
        $r = self::sub64($a, self::mul64($q, $b));
        return ($r ^ PHP_INT_MIN) >= ($b ^ PHP_INT_MIN) ? $q + 1 : $q;
    }

    public static function remU64(int $a, int $b): int
    {
        if ($b === 0) {
            throw new Trap('integer divide by zero');
        }
        if ($a >= 0 && $b > 0) {
            return $a % $b;
        }
        if ($b < 0) {
            return ($a ^ PHP_INT_MIN) >= ($b ^ PHP_INT_MIN) ? self::sub64($a, $b) : $a;
        }
        $q = intdiv(($a >> 1) & PHP_INT_MAX, $b) << 1;
        $r = self::sub64($a, self::mul64($q, $b));
        return ($r ^ PHP_INT_MIN) >= ($b ^ PHP_INT_MIN) ? self::sub64($r, $b) : $r;
    }

    public static function shrU64(int $a, int $b): int
    {
        $b &= 63;
        return $b === 0 ? $a : ($a >> $b) & (PHP_INT_MAX >> ($b - 1));
    }

    public static function rotl64(int $a, int $b): int
    {
        $b &= 63;
        return $b === 0 ? $a : ($a << $b) | (($a >> (64 - $b)) & (PHP_INT_MAX >> (63 - $b)));
    }

    public static function rotr64(int $a, int $b): int
    {
        return self::rotl64($a, 64 - ($b & 63));
    }

    public static function clz64(int $a): int
    {
        if ($a < 0) {
            return 0;
        }
        $high = $a >> 32;
        return $high !== 0 ? self::clz32($high) : 32 + self::clz32($a);
    }

    public static function ctz64(int $a): int
    {
        $low = $a & 0xFFFFFFFF;
        return $low !== 0 ? self::ctz32($low) : 32 + self::ctz32($a >> 32);
    }

    public static function popcnt64(int $a): int
    {
        return self::popcnt32($a) + self::popcnt32($a >> 32);
    }
}
