<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Support\Facades\Auth;

// recipe:start laravel-header
// Signed-in answers say how long is left: all of it, as the session is
// saved again with every answer.
class SessionExpiresIn
{
    public function handle($request, Closure $next)
    {
        $response = $next($request);
        if (Auth::check() && ! $response->headers->has('Session-Expires-In')) {
            $response->headers->set('Session-Expires-In', (string) (int) (config('session.lifetime') * 60));
        }
        return $response;
    }
}
// recipe:end
