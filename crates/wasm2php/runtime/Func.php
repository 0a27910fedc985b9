<?php

declare(strict_types=1);

namespace __RNS__;

/**
 * A function reference (funcref value, table element, export or import).
 * Calling convention of generated code: `$cls::$fn($inst, $depth, ...$args)` with internal values;
 * no result → null, one result → the value, several → a list.
 */
final class Func
{
    /**
     * @param list<string> $params
     * @param list<string> $results
     */
    public function __construct(
        public readonly string $sig,
        public readonly array $params,
        public readonly array $results,
        public mixed $inst,
        public readonly string $cls,
        public readonly string $fn,
        public readonly mixed $callable = null,
    ) {
    }

    /**
     * A typed host function. It receives API values and returns null, one value or a list
     * (a single result may also be given as a one-element list).
     *
     * @param list<string> $params
     * @param list<string> $results
     */
    public static function host(callable $fn, array $params, array $results): self
    {
        $f = new self(self::signature($params, $results), $params, $results, null, self::class, 'callHost', $fn);
        $f->inst = $f;
        return $f;
    }

    /** @param list<string> $params @param list<string> $results */
    public static function signature(array $params, array $results): string
    {
        return implode(',', $params) . '->' . implode(',', $results);
    }

    /** Entry point generated code uses for host functions. */
    public static function callHost(self $f, int $depth, mixed ...$args): mixed
    {
        foreach ($args as $i => $arg) {
            $args[$i] = Value::toApi($f->params[$i], $arg);
        }
        $result = ($f->callable)(...$args);
        $count = count($f->results);
        if ($count === 0) {
            return null;
        }
        if ($count === 1) {
            if (is_array($result) && count($result) === 1 && array_key_exists(0, $result)) {
                $result = $result[0];
            }
            return Value::fromApi($f->results[0], $result);
        }
        if (!is_array($result) || count($result) !== $count) {
            throw new \UnexpectedValueException("host function must return a list of $count values");
        }
        $out = [];
        foreach (array_values($result) as $i => $value) {
            $out[] = Value::fromApi($f->results[$i], $value);
        }
        return $out;
    }

    /**
     * Calls the function with API values (raw: floats as bit patterns) and returns the list of results.
     *
     * @param list<mixed> $args
     * @return list<mixed>
     */
    public function invoke(array $args, bool $raw = false): array
    {
        $args = array_values($args);
        if (count($args) !== count($this->params)) {
            throw new \InvalidArgumentException(sprintf('expected %d arguments, got %d', count($this->params), count($args)));
        }
        foreach ($args as $i => $arg) {
            $args[$i] = $raw ? Value::fromRaw($this->params[$i], $arg) : Value::fromApi($this->params[$i], $arg);
        }
        $cls = $this->cls;
        $fn = $this->fn;
        $result = $cls::$fn($this->inst, 0, ...$args);
        $results = match (count($this->results)) {
            0 => [],
            1 => [$result],
            default => $result,
        };
        foreach ($results as $i => $value) {
            $results[$i] = $raw ? Value::toRaw($this->results[$i], $value) : Value::toApi($this->results[$i], $value);
        }
        return $results;
    }
}
