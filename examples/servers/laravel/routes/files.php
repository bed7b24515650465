<?php

use Illuminate\Support\Facades\Route;

// The library's files, as a site's web server would serve them from
// public/ (no session: loading them does not extend it).
$pkg = realpath(env('PKG_DIR') ?: base_path('../../../pkg')).'/';
Route::get('/static/session-timeout/{name}', function (string $name) use ($pkg) {
    // Only a file inside the package folder (no `..` out of it).
    $path = realpath($pkg.$name);
    abort_unless($path && is_file($path) && str_starts_with($path, $pkg), 404);
    $types = ['js' => 'text/javascript', 'wasm' => 'application/wasm', 'css' => 'text/css'];
    return response()->file($path, ['Content-Type' => $types[pathinfo($path, PATHINFO_EXTENSION)] ?? 'application/octet-stream']);
})->where('name', '.*');
