<?php

declare(strict_types=1);

namespace __RNS__;

/**
 * A global shared between instances (imported or exported). `$value` holds the internal
 * representation (f32 as its bit pattern); get()/set() speak API values, getRaw()/setRaw() bits.
 */
final class GlobalVar
{
    public mixed $value;

    public function __construct(public readonly string $type, public readonly bool $mutable, mixed $value = null)
    {
        $this->value = Value::fromApi($type, $value ?? Value::zero($type));
    }

    public function get(): mixed
    {
        return Value::toApi($this->type, $this->value);
    }

    public function set(mixed $value): void
    {
        $this->value = Value::fromApi($this->type, $value);
    }

    public function getRaw(): mixed
    {
        return Value::toRaw($this->type, $this->value);
    }

    public function setRaw(mixed $value): void
    {
        $this->value = Value::fromRaw($this->type, $value);
    }
}
