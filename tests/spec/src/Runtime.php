<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Spec;

/** Loads translated modules and names the classes of the wasm2php runtime they share. */
final class Runtime
{
    public static function trapClass(): string
    {
        return SpecLayout::RUNTIME_NAMESPACE . '\\Trap';
    }

    public static function linkErrorClass(): string
    {
        return SpecLayout::RUNTIME_NAMESPACE . '\\LinkError';
    }

    public static function funcClass(): string
    {
        return SpecLayout::RUNTIME_NAMESPACE . '\\Func';
    }

    /** @param array<string, object> $imports */
    public static function instantiate(string $moduleDir, string $namespace, array $imports): object
    {
        $autoload = $moduleDir . '/autoload.php';
        if (!is_file($autoload)) {
            throw new \RuntimeException("no translated module at $moduleDir");
        }
        require_once $autoload;
        $class = $namespace . '\\Module';
        return $class::instantiate($imports);
    }
}
