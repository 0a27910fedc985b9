<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Spec;

/**
 * Executes the commands of one prepared .wast file against the translated modules, like the
 * spec's reference interpreter: one module registry per file, a fresh spectest instance,
 * trap and link messages matched by prefix.
 */
final class ScriptRunner
{
    /** @var array<string, object> instances by their $name in the script */
    private array $named = [];
    /** @var array<string, object> instances importable by module name (spectest + register) */
    private array $importable = [];
    private ?object $current = null;
    private string $noCurrentReason = 'no module instantiated yet';

    /**
     * @param array<string, array{accepted: bool, exit: int, message: string}> $translations by .wasm file
     * @param \Closure(Outcome): void $report
     */
    public function __construct(
        private readonly SpecLayout $layout,
        private readonly string $stem,
        private readonly array $translations,
        object $spectest,
        private readonly \Closure $report,
    ) {
        $this->importable['spectest'] = $spectest;
    }

    /** @param list<array<string, mixed>> $commands */
    public function run(array $commands): void
    {
        foreach ($commands as $command) {
            try {
                $outcome = $this->execute($command);
            } catch (\Throwable $e) {
                $outcome = Outcome::fail($command, self::describeThrowable($e));
            }
            ($this->report)($outcome);
        }
    }

    private function execute(array $command): Outcome
    {
        return match ($command['type'] ?? '') {
            'module' => $this->module($command),
            'register' => $this->register($command),
            'action' => $this->action($command),
            'assert_return' => $this->assertReturn($command),
            'assert_trap', 'assert_exhaustion' => $this->assertTrap($command),
            'assert_invalid', 'assert_malformed' => $this->assertRejected($command),
            'assert_unlinkable' => $this->assertNotInstantiated($command, Runtime::linkErrorClass()),
            'assert_uninstantiable' => $this->assertNotInstantiated($command, Runtime::trapClass()),
            default => Outcome::fail($command, 'unsupported command type'),
        };
    }

    private function module(array $command): Outcome
    {
        $this->current = null;
        $this->noCurrentReason = "the module at line {$command['line']} did not instantiate";
        $instance = $this->instantiate($command); // throws on failure: reported by run()
        $this->current = $instance;
        if (isset($command['name'])) {
            $this->named[(string) $command['name']] = $instance;
        }
        return Outcome::pass($command);
    }

    private function register(array $command): Outcome
    {
        $instance = $this->instanceFor($command['name'] ?? null);
        $this->importable[(string) $command['as']] = $instance;
        return Outcome::pass($command);
    }

    private function action(array $command): Outcome
    {
        $this->perform($command['action']);
        return Outcome::pass($command);
    }

    private function assertReturn(array $command): Outcome
    {
        [$results, $types] = $this->perform($command['action']);
        $expected = $command['expected'] ?? [];
        if (count($results) !== count($expected)) {
            return Outcome::fail($command, sprintf('expected %d results, got %d', count($expected), count($results)));
        }
        foreach ($expected as $i => $want) {
            $why = WastValue::mismatch($want, $results[$i], Runtime::funcClass());
            if ($why !== null) {
                return Outcome::fail($command, "{$this->describeAction($command['action'])}: result $i: $why");
            }
        }
        return Outcome::pass($command);
    }

    private function assertTrap(array $command): Outcome
    {
        $trapClass = Runtime::trapClass();
        try {
            [$results, $types] = $this->perform($command['action']);
        } catch (\Throwable $e) {
            if (!$e instanceof $trapClass) {
                throw $e;
            }
            return $this->messageOutcome($command, $e->getMessage());
        }
        $shown = [];
        foreach ($results as $i => $value) {
            $shown[] = WastValue::describe($types[$i] ?? '?', $value);
        }
        return Outcome::fail($command, "{$this->describeAction($command['action'])}: expected trap '{$command['text']}', returned [" . implode(', ', $shown) . ']');
    }

    /** assert_invalid / assert_malformed: the translator must refuse the binary with a message. */
    private function assertRejected(array $command): Outcome
    {
        $file = SpecLayout::binaryOf($command);
        if ($file === null) {
            return Outcome::skip($command, 'text-format module: json-from-wast cannot encode it as a binary, and wasm2php only reads binaries');
        }
        $result = $this->translation($file);
        if ($result['accepted']) {
            return Outcome::fail($command, "translator accepted $file (expected '{$command['text']}')");
        }
        if ($result['exit'] !== 1 || trim($result['message']) === '' || str_contains($result['message'], 'panicked')) {
            return Outcome::fail($command, "translator crashed instead of rejecting $file (exit {$result['exit']}): {$result['message']}");
        }
        return Outcome::pass($command);
    }

    /** assert_unlinkable / assert_uninstantiable: a valid module whose instantiation must fail. */
    private function assertNotInstantiated(array $command, string $errorClass): Outcome
    {
        try {
            $this->instantiate($command);
        } catch (\Throwable $e) {
            if (!$e instanceof $errorClass) {
                throw $e;
            }
            return $this->messageOutcome($command, $e->getMessage());
        }
        return Outcome::fail($command, "instantiated, expected $errorClass '{$command['text']}'");
    }

    private function messageOutcome(array $command, string $message): Outcome
    {
        $expected = (string) $command['text'];
        if (!str_starts_with($message, $expected)) {
            return Outcome::fail($command, "wrong message: expected '$expected', got '$message'");
        }
        return Outcome::pass($command);
    }

    /** Translated and instantiated with the spectest and registered modules as imports. */
    private function instantiate(array $command): object
    {
        $file = SpecLayout::binaryOf($command);
        if ($file === null) {
            throw new \RuntimeException('module has no binary form');
        }
        $result = $this->translation($file);
        if (!$result['accepted']) {
            throw new \RuntimeException("translator rejected $file: {$result['message']}");
        }
        return Runtime::instantiate(
            $this->layout->moduleDir($this->stem, $file),
            $this->layout->moduleNamespace($this->stem, $file),
            $this->importable,
        );
    }

    /** @return array{accepted: bool, exit: int, message: string} */
    private function translation(string $file): array
    {
        if (!isset($this->translations[$file])) {
            throw new \RuntimeException("$file was not translated (stale cache? rerun the suite)");
        }
        return $this->translations[$file];
    }

    /**
     * Runs an invoke/get action.
     *
     * @return array{0: list<mixed>, 1: list<string>} raw results and their types
     */
    private function perform(array $action): array
    {
        $instance = $this->instanceFor($action['module'] ?? null);
        $field = (string) $action['field'];
        if (($action['type'] ?? '') === 'get') {
            $global = $instance->global($field);
            return [[$global->getRaw()], [$global->type]];
        }
        if (($action['type'] ?? '') !== 'invoke') {
            throw new \RuntimeException("unsupported action type '{$action['type']}'");
        }
        $args = array_map([WastValue::class, 'argument'], $action['args'] ?? []);
        $func = $instance->export($field);
        return [$instance->callRaw($field, $args), $func->results];
    }

    private function instanceFor(?string $name): object
    {
        if ($name === null) {
            return $this->current ?? throw new \RuntimeException($this->noCurrentReason);
        }
        return $this->named[$name] ?? throw new \RuntimeException("no module named $name");
    }

    private function describeAction(array $action): string
    {
        $args = [];
        foreach ($action['args'] ?? [] as $arg) {
            $args[] = $arg['type'] . ':' . $arg['value'];
        }
        return ($action['module'] ?? '') . ' ' . $action['field'] . '(' . implode(', ', $args) . ')';
    }

    private static function describeThrowable(\Throwable $e): string
    {
        $where = basename($e->getFile()) . ':' . $e->getLine();
        return get_class($e) . ": {$e->getMessage()} at $where";
    }
}
