<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Spec;

/**
 * The spec harness's `ref.extern N` values: opaque host references that a module can store
 * in externref tables and globals. Interned, so the same N is the same PHP object and a
 * reference that made a round trip through a module compares identical.
 */
final class HostRef
{
    /** @var array<int, self> */
    private static array $interned = [];

    private function __construct(public readonly int $id)
    {
    }

    public static function of(int $id): self
    {
        return self::$interned[$id] ??= new self($id);
    }
}
