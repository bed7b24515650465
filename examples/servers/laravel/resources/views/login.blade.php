<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title></head>
<body>
<main>
  <h1>Sign in</h1>
  @if ($expired ?? false)<p role="status">You were signed out after a period of inactivity.</p>@endif
  @isset($error)<p role="alert">{{ $error }}</p>@endisset
  <form method="post" action="/login">
    @csrf
    <p><label for="id_username">Username</label> <input id="id_username" name="username" autocomplete="username"></p>
    <p><label for="id_password">Password</label> <input id="id_password" name="password" type="password" autocomplete="current-password"></p>
    <button type="submit">Sign in</button>
  </form>
</main>
</body>
</html>
