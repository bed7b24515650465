<?php

use Illuminate\Http\Request;
use Illuminate\Support\Facades\Route;

// recipe:start laravel-status
// The seconds left, from the expiry the session cookie carries (the
// `cookie` driver); answered without the session's cookies, so asking
// never extends it (the `status` middleware group).
Route::get('/session/status', function (Request $request) {
    $stored = json_decode($request->cookies->get($request->session()->getId(), ''), true);
    $left = max(0, ($stored['expires'] ?? 0) - time());
    return response()->json(['secondsLeft' => $left])->header('Session-Expires-In', (string) $left);
})->middleware('auth');
// recipe:end
