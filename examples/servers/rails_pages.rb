# The signed-in page and the server start of the two Rails examples
# (rails/, devise/), as pages.mjs is for the Node ones.
require "rack/builder"
require "rack/files"
require "rack/handler/webrick"

# The notes page as ERB: `head` is the app's own <head> lines (the
# session-timeout tag), `user` the ERB expression that names the user,
# `sign_out` the app's own sign-out button (a `button_to`).
def notes_page(head, user, sign_out)
  <<~ERB
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>Notes</title>
    #{head.strip}
    </head>
    <body>
    <header><%= #{sign_out} %></header>
    <main>
      <h1>Notes for <%= #{user} %></h1>
      <form method="post" data-session-timeout-preserve="<%= #{user} %>">
        <label for="notes">Notes</label>
        <textarea id="notes" name="notes" rows="8" cols="60"></textarea>
      </form>
    </main>
    </body>
    </html>
  ERB
end

# Serves `app` on 127.0.0.1 at $PORT (0: any free port) and prints its
# URL, which the tests wait for. The library's files (`pkg_dir`) are
# served ahead of the app, as config.ru's `map` or a front server would:
# past the session middleware, a cookie store with `expire_after` sends
# its cookie again on every answer, a file's too, so the server's session
# would restart after the page the library counts from.
def serve(app, name, account, pkg_dir)
  site = Rack::Builder.new do
    map("/static/session-timeout") { run Rack::Files.new(pkg_dir) }
    map("/") { run app }
  end
  Rack::Handler::WEBrick.run(
    site, Host: "127.0.0.1", Port: Integer(ENV.fetch("PORT", "3000")),
    Logger: WEBrick::Log.new(nil, 0), AccessLog: []
  ) do |server|
    port = server.listeners.first.addr[1]
    puts "#{name} example: http://127.0.0.1:#{port}/ (sign in as #{account} / correct horse)"
    $stdout.flush
  end
end
