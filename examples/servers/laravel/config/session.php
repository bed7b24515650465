<?php

return [
    // recipe:start laravel-session
    // config/session.php: every request restarts the session's clock
    // (in minutes; SESSION_LIFETIME in .env).
    'lifetime' => env('SESSION_SECONDS', 1800) / 60,
    'expire_on_close' => false,
    // recipe:end
    // The session in its cookie, with its expiry: one of Laravel's own
    // drivers, and the one that counts in seconds (the file driver counts
    // whole minutes, and the tests' sessions last seconds).
    'driver' => 'cookie',
    'files' => storage_path('framework/sessions'),
    'lottery' => [2, 100],
    'cookie' => 'notes_session',
    'path' => '/',
    'domain' => null,
    'secure' => false,
    'http_only' => true,
    'same_site' => 'lax',
    'encrypt' => false,
];
