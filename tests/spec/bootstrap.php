<?php

declare(strict_types=1);

// Autoloader for the spec runner's own classes (namespace Modulus\Sms\Tests\Spec → src/).
spl_autoload_register(static function (string $class): void {
    $prefix = 'Modulus\\Sms\\Tests\\Spec\\';
    if (str_starts_with($class, $prefix)) {
        $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
