<?php

declare(strict_types=1);

namespace __RNS__;

// Imported so that PHP resolves them at compile time (strlen() etc. become opcodes).
use function chr, ini_get, memory_get_usage, pack, str_repeat, strlen, strtolower, substr, substr_replace, trim;

/**
 * One linear memory. The bytes live in one PHP string that generated code binds by reference
 * (`$m = &$mem->data`) and writes byte by byte, so a store never copies the whole memory.
 */
final class Memory
{
    public const PAGE = 65536;
    /** wasm32 ceiling: 4 GiB. */
    public const MAX_PAGES = 65536;
    /** Growth beyond this many pages is refused (returns -1) even without a declared maximum. */
    public const SANE_PAGES = 16384;
    /**
     * memory.copy up to this many bytes copies in place; longer runs take a substring first
     * (cheaper per byte, PHP 8.2: ~430 machine instructions saved at 5 bytes, lost by 64).
     */
    private const SHORT_COPY = 16;

    /** @var string the bytes; generated code keeps a reference to this property */
    public $data = '';
    public int $max;
    public bool $hasMax;

    public function __construct(int $minPages, ?int $maxPages = null, ?string $image = null)
    {
        if (pack('S', 1) !== "\x01\x00") {
            // Generated loads use unpack('l'/'q'/'s'), which read machine byte order.
            throw new \RuntimeException('wasm2php code needs a little-endian PHP build');
        }
        $this->hasMax = $maxPages !== null;
        $this->max = $maxPages ?? self::MAX_PAGES;
        $this->data = $image ?? str_repeat("\0", $minPages * self::PAGE);
    }

    /** Current size in pages. */
    public function size(): int
    {
        return strlen($this->data) >> 16;
    }

    /** memory.grow: old size in pages, or -1 when the maximum, the sane cap or PHP's memory_limit forbids it. */
    public function grow(int $deltaPages): int
    {
        $old = strlen($this->data) >> 16;
        if ($deltaPages === 0) {
            return $old;
        }
        $new = $old + $deltaPages;
        if ($deltaPages < 0 || $new > $this->max || $new > self::SANE_PAGES || !self::affordable($deltaPages * self::PAGE)) {
            return -1;
        }
        $this->data .= str_repeat("\0", $deltaPages * self::PAGE);
        return $old;
    }

    public function read(int $addr, int $len): string
    {
        if ($addr < 0 || $len < 0 || $addr + $len > strlen($this->data)) {
            throw new Trap('out of bounds memory access');
        }
        return substr($this->data, $addr, $len);
    }

    public function write(int $addr, string $bytes): void
    {
        $len = strlen($bytes);
        if ($addr < 0 || $addr + $len > strlen($this->data)) {
            throw new Trap('out of bounds memory access');
        }
        $this->put($addr, $bytes);
    }

    /** memory.fill with i32 operands (any sign; read as unsigned). */
    public function fill(int $dst, int $value, int $len): void
    {
        $dst &= 0xFFFFFFFF;
        $len &= 0xFFFFFFFF;
        if ($dst + $len > strlen($this->data)) {
            throw new Trap('out of bounds memory access');
        }
        $this->put($dst, str_repeat(chr($value & 255), $len));
    }

    /** memory.copy with i32 operands; overlapping ranges behave like memmove. */
    public function copy(int $dst, int $src, int $len): void
    {
        $dst &= 0xFFFFFFFF;
        $src &= 0xFFFFFFFF;
        $len &= 0xFFFFFFFF;
        $size = strlen($this->data);
        if ($dst + $len > $size || $src + $len > $size) {
            throw new Trap('out of bounds memory access');
        }
        if ($len <= self::SHORT_COPY) {
            // Most copies are short (Rust's memcpy of small values): in place, without the substring.
            $data = &$this->data;
            if ($dst <= $src) {
                for ($i = 0; $i < $len; $i++) {
                    $data[$dst + $i] = $data[$src + $i];
                }
            } else {
                // Overlapping forwards: copy from the end, like memmove.
                for ($i = $len - 1; $i >= 0; $i--) {
                    $data[$dst + $i] = $data[$src + $i];
                }
            }
            return;
        }
        $this->put($dst, substr($this->data, $src, $len));
    }

    /** memory.init from a data segment (already-dropped segments are ''). */
    public function init(int $dst, string $segment, int $src, int $len): void
    {
        $dst &= 0xFFFFFFFF;
        $src &= 0xFFFFFFFF;
        $len &= 0xFFFFFFFF;
        if ($src + $len > strlen($segment) || $dst + $len > strlen($this->data)) {
            throw new Trap('out of bounds memory access');
        }
        $this->put($dst, $len === strlen($segment) ? $segment : substr($segment, $src, $len));
    }

    /**
     * Overwrites bytes in place. Runs go byte by byte (no copy of the memory) unless they are so
     * long that rebuilding the whole string once is cheaper: measured on PHP 8.2, a byte write
     * costs ~14 ns and substr_replace ~0.065 ns per byte of memory (91 µs for 1.4 MB).
     */
    private function put(int $at, string $bytes): void
    {
        $len = strlen($bytes);
        if ($len <= 256 || $len * 200 <= strlen($this->data)) {
            $data = &$this->data;
            for ($i = 0; $i < $len; $i++) {
                $data[$at + $i] = $bytes[$i];
            }
            return;
        }
        $this->data = substr_replace($this->data, $bytes, $at, $len);
    }

    private static function affordable(int $bytes): bool
    {
        $limit = self::bytesOf((string) ini_get('memory_limit'));
        // Keep room for the copy PHP makes while growing plus the rest of the request.
        return $limit < 0 || memory_get_usage() + 2 * $bytes + (8 << 20) <= $limit;
    }

    private static function bytesOf(string $setting): int
    {
        $setting = trim($setting);
        if ($setting === '' || $setting === '-1') {
            return -1;
        }
        $unit = strtolower(substr($setting, -1));
        $number = (int) $setting;
        return match ($unit) {
            'g' => $number << 30,
            'm' => $number << 20,
            'k' => $number << 10,
            default => $number,
        };
    }
}
