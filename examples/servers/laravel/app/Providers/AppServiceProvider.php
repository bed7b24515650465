<?php

namespace App\Providers;

use Illuminate\Auth\GenericUser;
use Illuminate\Contracts\Auth\Authenticatable;
use Illuminate\Contracts\Auth\UserProvider;
use Illuminate\Support\Facades\Auth;
use Illuminate\Support\Facades\Hash;
use Illuminate\Support\ServiceProvider;

class AppServiceProvider extends ServiceProvider
{
    public function boot()
    {
        // One user, with no database: the guard, the session and the
        // password check are Laravel's own.
        Auth::provider('example', fn () => new class implements UserProvider {
            private function user($name)
            {
                // The bcrypt hash of "correct horse", made once (Hash::make here
                // would cost a bcrypt round on every signed-in request).
                $hash = '$2y$10$BG6mxu5dBkZyRgDZc5ak9OdROQsLfxj0eLqbiW2oIfTjB2nOfQRA2';
                return $name === 'ada' ? new GenericUser(['id' => 'ada', 'name' => 'ada', 'password' => $hash, 'remember_token' => null]) : null;
            }
            public function retrieveById($id) { return $this->user($id); }
            public function retrieveByToken($id, $token) { return null; }
            public function updateRememberToken(Authenticatable $user, $token) {}
            public function retrieveByCredentials(array $credentials) { return $this->user($credentials['name'] ?? null); }
            public function validateCredentials(Authenticatable $user, array $credentials) { return Hash::check($credentials['password'], $user->getAuthPassword()); }
        });
    }
}
