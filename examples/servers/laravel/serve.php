<?php
// Runs the app on PHP's built-in server (what `php artisan serve` runs) at
// 127.0.0.1:$PORT (0: a free port), with one app key for the run, and
// prints its address once it answers. Of the server's log it passes on
// only the app's errors.
//
//   php laravel/serve.php   # env: PORT, SESSION_SECONDS, WARN_SECONDS, REDIRECT_SECONDS, PKG_DIR
$port = getenv('PORT') === false ? 8000 : (int) getenv('PORT');
if ($port === 0) {
    $probe = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
    fclose($probe);
}
$storage = sys_get_temp_dir().'/session-timeout-laravel-'.bin2hex(random_bytes(6));
$env = getenv() + ['APP_KEY' => 'base64:'.base64_encode(random_bytes(32)), 'LARAVEL_STORAGE' => $storage];
register_shutdown_function(fn () => exec('rm -rf '.escapeshellarg($storage)));
$server = proc_open([PHP_BINARY, '-S', "127.0.0.1:$port", __DIR__.'/public/index.php'], [0 => ['file', '/dev/null', 'r'], 1 => STDOUT, 2 => ['pipe', 'w']], $pipes, __DIR__, $env);
pcntl_async_signals(true);
foreach ([SIGTERM, SIGINT] as $signal) {
    pcntl_signal($signal, function () use ($server) {
        proc_terminate($server);
        proc_close($server);
        exit(0); // runs the shutdown functions
    });
}
for ($tries = 0; ! ($socket = @fsockopen('127.0.0.1', $port, $code, $message, 0.1)); $tries++) {
    if ($tries > 100 || ! proc_get_status($server)['running']) {
        fwrite(STDERR, "laravel example: the server did not start on port $port\n");
        exit(1);
    }
    usleep(50000);
}
fclose($socket);
echo "laravel example: http://127.0.0.1:$port/ (sign in as ada / correct horse)\n";
// Waits with a time-out, so that a signal is handled while nothing is logged.
while (proc_get_status($server)['running']) {
    $read = [$pipes[2]];
    $none = null;
    if (@stream_select($read, $none, $none, 0, 200000)) {
        $line = fgets($pipes[2]);
        if ($line !== false && str_contains($line, '.ERROR:')) {
            fwrite(STDERR, $line);
        }
    }
}
proc_close($server);
