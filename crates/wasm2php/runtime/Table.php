<?php

declare(strict_types=1);

namespace __RNS__;

// Imported so that PHP resolves them at compile time (strlen() etc. become opcodes).
use function array_fill, array_slice, count;

/** A table of references: Func|null for funcref, any PHP value (null = ref.null) for externref. */
final class Table
{
    /** Growth beyond this many elements is refused (returns -1) even without a declared maximum. */
    public const SANE_ELEMENTS = 10_000_000;

    /** @var list<mixed> */
    public array $elems;
    public string $type;
    public int $max;
    public bool $hasMax;

    public function __construct(string $type, int $min, ?int $max = null, mixed $init = null)
    {
        if ($type !== 'funcref' && $type !== 'externref') {
            throw new \InvalidArgumentException("table type must be funcref or externref, got $type");
        }
        $this->type = $type;
        $this->hasMax = $max !== null;
        $this->max = $max ?? 0xFFFFFFFF;
        $this->elems = $min > 0 ? array_fill(0, $min, $init) : [];
    }

    public function size(): int
    {
        return count($this->elems);
    }

    public function get(int $index): mixed
    {
        $index &= 0xFFFFFFFF;
        if ($index >= count($this->elems)) {
            throw new Trap('out of bounds table access');
        }
        return $this->elems[$index];
    }

    public function set(int $index, mixed $value): void
    {
        $index &= 0xFFFFFFFF;
        if ($index >= count($this->elems)) {
            throw new Trap('out of bounds table access');
        }
        $this->elems[$index] = $value;
    }

    /** table.grow: old size, or -1 when the maximum or the sane cap forbids it. */
    public function grow(int $delta, mixed $init): int
    {
        $delta &= 0xFFFFFFFF;
        $old = count($this->elems);
        if ($old + $delta > $this->max || $old + $delta > self::SANE_ELEMENTS) {
            return -1;
        }
        for ($i = 0; $i < $delta; $i++) {
            $this->elems[] = $init;
        }
        return $old;
    }

    public function fill(int $at, mixed $value, int $len): void
    {
        $at &= 0xFFFFFFFF;
        $len &= 0xFFFFFFFF;
        if ($at + $len > count($this->elems)) {
            throw new Trap('out of bounds table access');
        }
        for ($i = 0; $i < $len; $i++) {
            $this->elems[$at + $i] = $value;
        }
    }

    /** table.copy (this is the destination); overlapping ranges behave like memmove. */
    public function copy(int $dst, Table $source, int $src, int $len): void
    {
        $dst &= 0xFFFFFFFF;
        $src &= 0xFFFFFFFF;
        $len &= 0xFFFFFFFF;
        if ($dst + $len > count($this->elems) || $src + $len > count($source->elems)) {
            throw new Trap('out of bounds table access');
        }
        $slice = array_slice($source->elems, $src, $len);
        foreach ($slice as $i => $value) {
            $this->elems[$dst + $i] = $value;
        }
    }

    /** table.init from an element segment (dropped segments are []). */
    public function init(int $dst, array $segment, int $src, int $len): void
    {
        $dst &= 0xFFFFFFFF;
        $src &= 0xFFFFFFFF;
        $len &= 0xFFFFFFFF;
        if ($src + $len > count($segment) || $dst + $len > count($this->elems)) {
            throw new Trap('out of bounds table access');
        }
        for ($i = 0; $i < $len; $i++) {
            $this->elems[$dst + $i] = $segment[$src + $i];
        }
    }
}
