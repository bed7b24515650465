<?php

use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;
use Illuminate\Support\Facades\Route;

// recipe:start laravel-routes
Route::post('/session/keep-alive', fn () => response()->noContent())->middleware('auth');
// recipe:end

Route::get('/', fn () => redirect('/app'));
Route::get('/login', fn (Request $request) => view('login', ['expired' => $request->has('expired')]))->name('login');
Route::post('/login', function (Request $request) {
    if (! Auth::attempt(['name' => $request->input('username'), 'password' => $request->input('password')])) {
        return response()->view('login', ['error' => 'Wrong name or password.'], 401);
    }
    $request->session()->regenerate(); // a new session id at sign-in (no session fixation)
    return redirect()->intended('/app');
});
// Breeze's sign-out: POST only, with the CSRF token.
Route::post('/logout', function (Request $request) {
    Auth::guard('web')->logout();
    $request->session()->invalidate();
    $request->session()->regenerateToken();
    return redirect('/');
})->name('logout');
Route::middleware('auth')->group(function () {
    // The second page: the sign-in brings the person back to it.
    Route::get('/app', fn () => view('app'));
    Route::get('/app/notes', fn () => view('app'));
    Route::get('/api/whoami', fn () => ['user' => Auth::id()]);
    // An autosave the page's own script posts (the CSRF check runs first).
    Route::post('/api/notes', fn () => response()->noContent());
});
