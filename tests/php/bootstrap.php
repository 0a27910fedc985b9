<?php

declare(strict_types=1);

// Loads the plugin's Core host outside WordPress, plus these tests' own classes.

if (!defined('ABSPATH')) {
    define('ABSPATH', dirname(__DIR__, 2) . '/'); // the plugin's files exit early without it
}

spl_autoload_register(static function (string $class): void {
    $roots = [
        'Modulus\\Sms\\Tests\\Php\\' => __DIR__ . '/src/',
        'Modulus\\Sms\\Generated\\' => null, // generated/core/autoload.php, required by CoreModule
        'Modulus\\Sms\\' => dirname(__DIR__, 2) . '/php-plugin/src/',
    ];
    foreach ($roots as $prefix => $dir) {
        if (str_starts_with($class, $prefix)) {
            $file = $dir === null ? null : $dir . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if ($file !== null && is_file($file)) {
                require $file;
            }
            return;
        }
    }
});

// A notice or warning inside the host is a bug: make it an exception, which Core::call turns
// into an `internal` error reply that no vector expects.
set_error_handler(static function (int $severity, string $message, string $file, int $line): bool {
    if ((error_reporting() & $severity) === 0) {
        return false; // silenced with @ on purpose
    }
    throw new ErrorException($message, 0, $severity, $file, $line);
});
