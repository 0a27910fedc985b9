<?php

declare(strict_types=1);

/*
 * One web request of the plugin's core host, for ./build.sh bench under `php -S` with opcache:
 * times loading + instantiating the translated module and one render, and reports the
 * request's peak memory. Answers JSON.
 */

$started = hrtime(true);
require dirname(__DIR__) . '/php/bootstrap.php';

use Modulus\Sms\Core\CoreModule;
use Modulus\Sms\Core\InputJson;

$module = CoreModule::load(dirname(__DIR__, 2) . '/php-plugin/generated/core');
$loaded = hrtime(true);
$reply = $module->call('render', InputJson::encode(json_decode((string) file_get_contents(__DIR__ . '/render.json'), true)));
$called = hrtime(true);

$status = function_exists('opcache_get_status') ? opcache_get_status(false) : false;
header('Content-Type: application/json');
echo json_encode([
    'load_instantiate_ns' => $loaded - $started,
    'call_ns' => $called - $loaded,
    'peak_bytes' => memory_get_peak_usage(),
    'reply_ok' => is_array(json_decode($reply, true)) && !isset(json_decode($reply, true)['error']),
    'opcache_hits' => is_array($status) ? (int) ($status['opcache_statistics']['hits'] ?? 0) : 0,
    'opcache_scripts' => is_array($status) ? (int) ($status['opcache_statistics']['num_cached_scripts'] ?? 0) : 0,
]);
