<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Notes</title>
{{-- recipe:start laravel-template --}}
<meta name="csrf-token" content="{{ csrf_token() }}">
<script type="module" src="/static/session-timeout/session-timeout.min.js"
        data-session-seconds="{{ config('session.lifetime') * 60 }}"
        data-warn-seconds="{{ env('WARN_SECONDS', 120) }}"
        data-redirect-seconds="{{ env('REDIRECT_SECONDS', 10) }}"
        data-keep-alive-url="/session/keep-alive"
        data-status-url="/session/status"
        data-sign-in-url="{{ route('login') }}"
        data-sign-out-url="{{ route('logout') }}"
        data-remaining-header="Session-Expires-In"></script>
{{-- recipe:end --}}
</head>
<body>
<header>
  <form method="post" action="{{ route('logout') }}">@csrf<button>Sign out</button></form>
</header>
<main>
  <h1>Notes for {{ auth()->id() }}</h1>
  <form method="post" data-session-timeout-preserve="{{ auth()->id() }}">
    <label for="notes">Notes</label>
    <textarea id="notes" name="notes" rows="8" cols="60"></textarea>
  </form>
</main>
</body>
</html>
