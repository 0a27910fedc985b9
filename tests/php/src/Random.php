<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

/**
 * A seeded xorshift32 generator: the same seed gives the same inputs on every PHP version
 * (mt_rand's sequence is not promised across versions, and multiplication would overflow
 * into floats, so this generator only shifts and xors).
 */
final class Random
{
    private int $state;

    public function __construct(int $seed)
    {
        $this->state = ($seed & 0xFFFFFFFF) ?: 0x9E3779B9;
        for ($i = 0; $i < 8; $i++) {
            $this->next();
        }
    }

    /** The next 32-bit value. */
    public function next(): int
    {
        $x = $this->state;
        $x ^= ($x << 13) & 0xFFFFFFFF;
        $x ^= $x >> 17;
        $x ^= ($x << 5) & 0xFFFFFFFF;
        return $this->state = $x;
    }

    /** An int in [$min, $max]. */
    public function int(int $min, int $max): int
    {
        $span = $max - $min + 1;
        if ($span <= 0x100000000) {
            return $min + $this->next() % $span;
        }
        return $min + ((($this->next() << 31) ^ $this->next()) & PHP_INT_MAX) % $span;
    }

    public function chance(float $probability): bool
    {
        return $this->next() < $probability * 4294967296.0;
    }

    /** @template T @param array<T> $items @return T */
    public function pick(array $items): mixed
    {
        $items = array_values($items);
        return $items[$this->int(0, count($items) - 1)];
    }

    /** A random subset of $items, in their order. @return list<mixed> */
    public function subset(array $items): array
    {
        return array_values(array_filter($items, fn () => $this->chance(0.5)));
    }
}
