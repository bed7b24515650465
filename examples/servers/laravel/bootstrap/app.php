<?php
// The application, as laravel/laravel's bootstrap/app.php makes it, with
// Debian's framework (php-laravel-framework) in place of Composer's vendor/.
require '/usr/share/php/Illuminate/autoload.php';
spl_autoload_register(function ($class) {
    if (str_starts_with($class, 'App\\')) {
        require __DIR__.'/../app/'.str_replace('\\', '/', substr($class, 4)).'.php';
    }
});

// What the app writes (compiled views, the provider manifest) goes to a
// folder outside the repository (serve.php gives each run its own).
$storage = getenv('LARAVEL_STORAGE') ?: sys_get_temp_dir().'/session-timeout-laravel';
foreach (['framework/sessions', 'framework/views', 'cache'] as $dir) {
    @mkdir("$storage/$dir", 0700, true);
}
putenv("APP_SERVICES_CACHE=$storage/cache/services.php");
putenv("APP_PACKAGES_CACHE=$storage/cache/packages.php");

$app = new Illuminate\Foundation\Application(dirname(__DIR__));
$app->useStoragePath($storage);
$app->singleton(Illuminate\Contracts\Http\Kernel::class, App\Http\Kernel::class);
$app->singleton(Illuminate\Contracts\Debug\ExceptionHandler::class, Illuminate\Foundation\Exceptions\Handler::class);

return $app;
