# Rails 6.1 (Debian's ruby-railties and ruby-actionpack), as it ships in
# production, with session-timeout loaded by one script tag.
#
# The cookie store with `expire_after` re-sends its cookie on every answer
# to a signed-in browser, so its lifetime is an inactivity timeout (the
# expiry is also signed into the cookie: an old copy is refused).
# `csrf_meta_tags` renders <meta name="csrf-token">, whose token the
# library sends in X-CSRF-Token by itself; a request without it is a 422.
# Signed-out requests get the usual 302 to /login.
#
#   ruby rails/app.rb   # env: PORT, SESSION_SECONDS, WARN_SECONDS, REDIRECT_SECONDS, PKG_DIR
ENV["RAILS_ENV"] ||= "production"
require "securerandom"
ENV["SECRET_KEY_BASE"] ||= SecureRandom.hex(64) # a fresh key each start: sessions last one run
require "rails"
require "action_controller/railtie"
require_relative "../rails_pages"

SESSION_SECONDS = Integer(ENV.fetch("SESSION_SECONDS", "1800"))
PKG_DIR = ENV.fetch("PKG_DIR", File.expand_path("../../../pkg", __dir__))
USERS = { "ada" => "correct horse" }.freeze

class NotesApp < Rails::Application
  config.load_defaults 6.1
  config.eager_load = true
  config.logger = Logger.new(nil)
  # recipe:start rails-setup
  # config/initializers/session_store.rb: every answer restarts the clock.
  config.session_store :cookie_store, key: "_notes_session", expire_after: SESSION_SECONDS
  # recipe:end
  routes.append do
    get "/", to: redirect("/app")
    get "/login", to: "sessions#new"
    post "/login", to: "sessions#create"
    post "/logout", to: "sessions#destroy"
    get "/app", to: "notes#show"
    get "/app/notes", to: "notes#show"
    get "/api/whoami", to: "notes#whoami"
    post "/session/keep-alive", to: "session_timeout#keep_alive"
    get "/session/status", to: "session_timeout#status"
  end
end

# recipe:start rails-controllers
class ApplicationController < ActionController::Base
  # protect_from_forgery with: :exception is on by default.
  before_action :require_login
  after_action :session_expires_in

  private

  def current_user = session[:user]

  def require_login
    return if current_user
    redirect_to "/login?#{{ next: request.fullpath }.to_query}"
  end

  # Signed-in answers say how long is left: all of it, as the cookie store
  # re-sends the session with a new expiry. The time it was sent is kept
  # for the status endpoint.
  def session_expires_in
    return unless current_user && !request.session_options[:skip]
    session[:sent_at] = Time.now.to_i
    response.set_header("Session-Expires-In", SESSION_SECONDS.to_s)
  end
end

class SessionTimeoutController < ApplicationController
  def keep_alive = head(:no_content)

  # The seconds left, from when the session was last sent. The answer
  # sends no cookie (`skip`): asking never extends the session.
  def status
    request.session_options[:skip] = true
    left = [SESSION_SECONDS - (Time.now.to_i - session[:sent_at].to_i), 0].max
    response.set_header("Session-Expires-In", left.to_s)
    render json: { secondsLeft: left }
  end
end
# recipe:end

class SessionsController < ApplicationController
  skip_before_action :require_login

  def new = render(inline: LOGIN, locals: { error: nil })

  def create
    if USERS[params[:username]] && USERS[params[:username]] == params[:password]
      reset_session # a new session at sign-in (no session fixation)
      session[:user] = params[:username]
      target = params[:next].to_s
      redirect_to(target.start_with?("/") && !target.start_with?("//") ? target : "/app")
    else
      render inline: LOGIN, locals: { error: "Wrong name or password." }, status: :unauthorized
    end
  end

  # POST only, with the authenticity token (a GET cannot sign anyone out).
  def destroy
    reset_session
    redirect_to "/login"
  end
end

class NotesController < ApplicationController
  def show = render(inline: NOTES)
  def whoami = render(json: { user: current_user })
end

LOGIN = <<~ERB
  <!doctype html>
  <html lang="en">
  <head><meta charset="utf-8"><title>Sign in</title></head>
  <body>
  <main>
    <h1>Sign in</h1>
    <% if params.key?(:expired) %><p role="status">You were signed out after a period of inactivity.</p><% end %>
    <% if error %><p role="alert"><%= error %></p><% end %>
    <form method="post" action="/login?<%= { next: params[:next].to_s }.to_query %>">
      <input type="hidden" name="authenticity_token" value="<%= form_authenticity_token %>">
      <p><label for="id_username">Username</label> <input id="id_username" name="username" autocomplete="username"></p>
      <p><label for="id_password">Password</label> <input id="id_password" name="password" type="password" autocomplete="current-password"></p>
      <button type="submit">Sign in</button>
    </form>
  </main>
  </body>
  </html>
ERB

NOTES = notes_page(<<~ERB, "session[:user]", 'button_to "Sign out", "/logout"')
  <%# recipe:start rails-layout %>
  <%= csrf_meta_tags %>
  <script type="module" src="/static/session-timeout/session-timeout.min.js"
          data-session-seconds="<%= SESSION_SECONDS %>"
          data-warn-seconds="<%= ENV.fetch("WARN_SECONDS", "120") %>"
          data-redirect-seconds="<%= ENV.fetch("REDIRECT_SECONDS", "10") %>"
          data-keep-alive-url="/session/keep-alive"
          data-status-url="/session/status"
          data-sign-out-url="/logout"
          data-redirect-url="/login?expired=1"
          data-return-param="next"
          data-remaining-header="Session-Expires-In"></script>
  <%# recipe:end %>
ERB

NotesApp.initialize!

serve(NotesApp, "rails", "ada", PKG_DIR)
