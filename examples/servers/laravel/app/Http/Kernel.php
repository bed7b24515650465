<?php

namespace App\Http;

use Illuminate\Foundation\Http\Kernel as HttpKernel;

// laravel/laravel 8's web middleware group, with the framework's own
// middleware where the skeleton's classes only extend them.
class Kernel extends HttpKernel
{
    protected $middlewareGroups = [
        'web' => [
            \Illuminate\Cookie\Middleware\EncryptCookies::class,
            \Illuminate\Cookie\Middleware\AddQueuedCookiesToResponse::class,
            \Illuminate\Session\Middleware\StartSession::class,
            \Illuminate\View\Middleware\ShareErrorsFromSession::class,
            \Illuminate\Foundation\Http\Middleware\VerifyCsrfToken::class,
            \Illuminate\Routing\Middleware\SubstituteBindings::class,
            \App\Http\Middleware\SessionExpiresIn::class,
        ],
        // recipe:start laravel-kernel
        // The status endpoint's: the session read, its user known, and
        // nothing of it sent back.
        'status' => [
            \Illuminate\Cookie\Middleware\EncryptCookies::class,
            \App\Http\Middleware\WithoutSessionRefresh::class,
            \Illuminate\Cookie\Middleware\AddQueuedCookiesToResponse::class,
            \Illuminate\Session\Middleware\StartSession::class,
        ],
        // recipe:end
    ];

    protected $routeMiddleware = [
        'auth' => \App\Http\Middleware\Authenticate::class,
        'guest' => \Illuminate\Auth\Middleware\RedirectIfAuthenticated::class,
    ];
}
