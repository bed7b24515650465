<?php

namespace App\Http\Middleware;

use Closure;

// recipe:start laravel-middleware
// Laravel saves the session, and sends its cookies with a new expiry, on
// every answer: this answer goes out without them, so asking how long is
// left never extends the session.
class WithoutSessionRefresh
{
    public function handle($request, Closure $next)
    {
        $response = $next($request);
        foreach ($response->headers->getCookies() as $cookie) {
            $response->headers->removeCookie($cookie->getName(), $cookie->getPath(), $cookie->getDomain());
        }
        return $response;
    }
}
// recipe:end
