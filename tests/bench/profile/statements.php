<?php

declare(strict_types=1);

// php statements.php COUNTED_DIR FUNCS_TXT OP INPUT_JSON — one call of OP after a warm-up call, then the
// statements executed per generated function (see count_statements.py), largest first.

[, $dir, $funcs, $op, $file] = $argv;
require $dir . '/autoload.php';
$class = 'Modulus\\Sms\\Generated\\Core\\Module';
$imports = [];
foreach ($class::imports() as $import) {
    $imports[$import['module']][$import['name']] = static function (): never {
        throw new RuntimeException('the core called a browser import');
    };
}
$instance = $class::instantiate($imports);
$memory = $instance->memory('memory');
$input = json_encode(json_decode((string) file_get_contents($file), true), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
$once = static function () use ($instance, $memory, $op, $input): void {
    $opPtr = $instance->call('mmp_alloc', [strlen($op)])[0] & 0xFFFFFFFF;
    $memory->write($opPtr, $op);
    $inPtr = $instance->call('mmp_alloc', [strlen($input)])[0] & 0xFFFFFFFF;
    $memory->write($inPtr, $input);
    $reply = $instance->call('mmp_call', [$opPtr, strlen($op), $inPtr, strlen($input)])[0];
    $instance->call('mmp_dealloc', [($reply >> 32) & 0xFFFFFFFF, $reply & 0xFFFFFFFF]);
};
$once();
$GLOBALS['__P'] = [];
$once();
$names = [];
foreach (file($funcs) as $line) {
    [$index, $name] = explode(' ', trim($line), 2);
    $names['f' . $index] = substr($name, 0, 100);
}
arsort($GLOBALS['__P']);
$total = array_sum($GLOBALS['__P']);
echo "total statements $total\n";
foreach ($GLOBALS['__P'] as $function => $count) {
    printf("%6d %5.1f%% %-5s %s\n", $count, 100 * $count / $total, $function, $names[$function] ?? '');
}
