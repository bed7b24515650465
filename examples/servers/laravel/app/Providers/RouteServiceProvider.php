<?php

namespace App\Providers;

use Illuminate\Foundation\Support\Providers\RouteServiceProvider as ServiceProvider;
use Illuminate\Support\Facades\Route;

// laravel/laravel's: routes/web.php in the `web` middleware group; and
// the status endpoint in a group of its own (app/Http/Kernel.php).
class RouteServiceProvider extends ServiceProvider
{
    public function boot()
    {
        $this->routes(function () {
            Route::middleware('web')->group(base_path('routes/web.php'));
            Route::middleware('status')->group(base_path('routes/status.php'));
            Route::group([], base_path('routes/files.php'));
        });
    }
}
