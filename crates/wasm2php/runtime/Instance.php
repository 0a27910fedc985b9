<?php

declare(strict_types=1);

namespace __RNS__;

/**
 * Base of every generated `Module`: the export API and the import linking rules.
 * Generated code reads the public properties directly.
 */
abstract class Instance
{
    /** The generated module's functions: index => [class, method, params, results, signature] (imports excluded). */
    protected const FUNCS = [];
    /** name => [kind, index] */
    protected const EXPORTS = [];
    /** list of [module, name, kind] in import-section order */
    protected const IMPORTS = [];

    public ?Memory $mem = null;
    /**
     * @var string $mem->data, bound by reference once the memory exists: generated functions
     * bind it with one property fetch (`$m = &$c->md`) instead of two.
     */
    public $md = '';
    /** @var array<int, Func> function index => Func, filled lazily */
    public array $funcs = [];
    /** @var array<int, string> passive data segments ('' once dropped) */
    public array $data = [];
    /** @var array<int, array<int, mixed>> element segments ([] once dropped) */
    public array $elem = [];

    /** @param list<mixed> $args @return list<mixed> */
    public function call(string $name, array $args = []): array
    {
        return $this->exportedFunc($name)->invoke($args);
    }

    /** Like call(), with f32/f64 arguments and results as bit patterns (ints). @return list<mixed> */
    public function callRaw(string $name, array $args = []): array
    {
        return $this->exportedFunc($name)->invoke($args, true);
    }

    public function memory(string $name): Memory
    {
        $export = $this->export($name);
        if (!$export instanceof Memory) {
            throw new \InvalidArgumentException("export $name is not a memory");
        }
        return $export;
    }

    public function global(string $name): GlobalVar
    {
        $export = $this->export($name);
        if (!$export instanceof GlobalVar) {
            throw new \InvalidArgumentException("export $name is not a global");
        }
        return $export;
    }

    public function table(string $name): Table
    {
        $export = $this->export($name);
        if (!$export instanceof Table) {
            throw new \InvalidArgumentException("export $name is not a table");
        }
        return $export;
    }

    /** @return list<array{name: string, kind: string}> */
    public function exports(): array
    {
        $list = [];
        foreach (static::EXPORTS as $name => [$kind]) {
            $list[] = ['name' => (string) $name, 'kind' => $kind];
        }
        return $list;
    }

    /**
     * What the module imports, so a host can supply (or stub) every import.
     *
     * @return list<array{module: string, name: string, kind: string}>
     */
    public static function imports(): array
    {
        $list = [];
        foreach (static::IMPORTS as [$module, $name, $kind]) {
            $list[] = ['module' => $module, 'name' => $name, 'kind' => $kind];
        }
        return $list;
    }

    /** The exported object: Func, Memory, Table or GlobalVar. */
    public function export(string $name): Func|Memory|Table|GlobalVar
    {
        if (!isset(static::EXPORTS[$name])) {
            throw new \InvalidArgumentException("unknown export $name");
        }
        [$kind, $index] = static::EXPORTS[$name];
        return match ($kind) {
            'func' => $this->funcRef($index),
            'memory' => $this->mem,
            'table' => $this->{'t' . $index},
            'global' => $this->{'g' . $index},
        };
    }

    public function hasExport(string $name): bool
    {
        return isset(static::EXPORTS[$name]);
    }

    /** The Func object of function $index (ref.func, tables, exports). */
    public function funcRef(int $index): Func
    {
        if (isset($this->funcs[$index])) {
            return $this->funcs[$index];
        }
        [$cls, $fn, $params, $results, $sig] = static::FUNCS[$index];
        return $this->funcs[$index] = new Func($sig, $params, $results, $this, $cls, $fn);
    }

    private function exportedFunc(string $name): Func
    {
        $export = $this->export($name);
        if (!$export instanceof Func) {
            throw new \InvalidArgumentException("export $name is not a function");
        }
        return $export;
    }

    /**
     * Set to true before instantiating to keep a tracing JIT. By default instantiation switches
     * opcache's tracing JIT to the function JIT for the rest of the request: PHP 8.2's tracing
     * JIT miscompiles some shapes of generated code (wrong results, endless loops), the
     * function JIT and the interpreter run it correctly.
     */
    public static bool $keepTracingJit = false;

    protected static function avoidTracingJit(): void
    {
        if (self::$keepTracingJit) {
            return;
        }
        $mode = strtolower((string) ini_get('opcache.jit'));
        // 'tracing'/'on', or a CRTO number whose trigger digit T is 5 (tracing).
        $tracing = $mode === 'tracing' || $mode === 'on' || (strlen($mode) === 4 && ctype_digit($mode) && $mode[2] === '5');
        if (!$tracing || !function_exists('opcache_get_status')) {
            return;
        }
        // Only a running JIT can be switched (PHP warns otherwise); the status call may be
        // restricted by opcache.restrict_api, in which case there is nothing we may do.
        $status = @opcache_get_status(false);
        if (is_array($status) && !empty($status['jit']['on'])) {
            ini_set('opcache.jit', 'function');
        }
    }

    // ---- linking, used by generated instantiate() ----

    private static function lookup(array $imports, string $module, string $name): mixed
    {
        $provider = $imports[$module] ?? null;
        if ($provider instanceof self) {
            if (!$provider->hasExport($name)) {
                throw new LinkError("unknown import: $module.$name");
            }
            return $provider->export($name);
        }
        if (is_array($provider) && array_key_exists($name, $provider)) {
            return $provider[$name];
        }
        throw new LinkError("unknown import: $module.$name");
    }

    /** @param list<string> $params @param list<string> $results */
    protected static function importFunc(array $imports, string $module, string $name, array $params, array $results): Func
    {
        $value = self::lookup($imports, $module, $name);
        if ($value instanceof Func) {
            if ($value->sig !== Func::signature($params, $results)) {
                throw new LinkError("incompatible import type: $module.$name");
            }
            return $value;
        }
        if (is_callable($value)) {
            return Func::host($value, $params, $results);
        }
        throw new LinkError("incompatible import type: $module.$name");
    }

    protected static function importMemory(array $imports, string $module, string $name, int $min, ?int $max): Memory
    {
        $value = self::lookup($imports, $module, $name);
        if (!$value instanceof Memory || $value->size() < $min
            || ($max !== null && (!$value->hasMax || $value->max > $max))) {
            throw new LinkError("incompatible import type: $module.$name");
        }
        return $value;
    }

    protected static function importTable(array $imports, string $module, string $name, string $type, int $min, ?int $max): Table
    {
        $value = self::lookup($imports, $module, $name);
        if (!$value instanceof Table || $value->type !== $type || $value->size() < $min
            || ($max !== null && (!$value->hasMax || $value->max > $max))) {
            throw new LinkError("incompatible import type: $module.$name");
        }
        return $value;
    }

    protected static function importGlobal(array $imports, string $module, string $name, string $type, bool $mutable): GlobalVar
    {
        $value = self::lookup($imports, $module, $name);
        if (!$value instanceof GlobalVar || $value->type !== $type || $value->mutable !== $mutable) {
            throw new LinkError("incompatible import type: $module.$name");
        }
        return $value;
    }
}
