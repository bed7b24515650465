# Rails 6.1 with Devise 4.8 (Debian's ruby-railties, ruby-activerecord,
# ruby-actionmailer, ruby-devise and ruby-sqlite3), as they ship in
# production, with session-timeout loaded by one script tag.
#
# Devise's `timeoutable` is the inactivity timeout: it keeps the time of
# the last request in the session and signs out a session idle longer
# than `timeout_in`. Signed-out visits get Devise's 302 to
# /users/sign_in, which remembers the page asked for in the session; a
# timed-out one is first sent back to the page it asked for. Sign-out is
# Devise's default, DELETE only. The users live in SQLite, in a file that
# lasts one run.
#
#   ruby devise/app.rb   # env: PORT, SESSION_SECONDS, WARN_SECONDS, REDIRECT_SECONDS, PKG_DIR
ENV["RAILS_ENV"] ||= "production"
require "securerandom"
require "tmpdir"
require "fileutils"
ENV["SECRET_KEY_BASE"] ||= SecureRandom.hex(64) # a fresh key each start: sessions last one run
DB_DIR = Dir.mktmpdir("devise-example")
at_exit { FileUtils.remove_entry(DB_DIR) }
ENV["DATABASE_URL"] = "sqlite3:#{DB_DIR}/users.sqlite3"
require "rails"
require "active_record/railtie"
require "action_controller/railtie"
require "action_mailer/railtie" # Devise's mailer is loaded with the app
require "devise"
require_relative "../rails_pages"

SESSION_SECONDS = Integer(ENV.fetch("SESSION_SECONDS", "1800"))
PKG_DIR = ENV.fetch("PKG_DIR", File.expand_path("../../../pkg", __dir__))

# recipe:start devise-setup
# config/initializers/devise.rb
Devise.setup do |config|
  require "devise/orm/active_record"
  # The session's inactivity timeout: what data-session-seconds says.
  config.timeout_in = SESSION_SECONDS.seconds
end
# recipe:end

class User < ActiveRecord::Base
  devise :database_authenticatable, :timeoutable
end

class NotesApp < Rails::Application
  config.load_defaults 6.1
  config.eager_load = true
  config.logger = Logger.new(nil)
  # Drawn when the routes are cleared, as config/routes.rb would be: Devise
  # sets Warden up from its mappings when the first route set is finished.
  routes.prepend do
    devise_for :users
    root to: redirect("/app")
    get "/app", to: "notes#show"
    get "/app/notes", to: "notes#show"
    get "/api/whoami", to: "notes#whoami"
    post "/session/keep-alive", to: "session_timeout#keep_alive"
    get "/session/status", to: "session_timeout#status"
  end
end

# recipe:start devise-controllers
class ApplicationController < ActionController::Base
  # protect_from_forgery with: :exception is on by default.
  before_action :authenticate_user!, unless: :devise_controller?
  after_action :session_expires_in

  private

  # Signed-in answers say how long is left: all of it, as Devise has just
  # noted this request's time (except where told not to).
  def session_expires_in
    return unless user_signed_in? && !request.env["devise.skip_trackable"]
    response.set_header("Session-Expires-In", Devise.timeout_in.to_i.to_s)
  end
end

class SessionTimeoutController < ApplicationController
  # Asking is not activity: Devise does not note this request's time.
  prepend_before_action(only: :status) { request.env["devise.skip_trackable"] = true }

  def keep_alive = head(:no_content)

  # The seconds left, from the last request Devise noted. The answer
  # sends no cookie (`skip`), so it cannot overwrite a newer one.
  def status
    request.session_options[:skip] = true
    last = warden.session(:user)["last_request_at"].to_i
    left = [Devise.timeout_in.to_i - (Time.now.to_i - last), 0].max
    response.set_header("Session-Expires-In", left.to_s)
    render json: { secondsLeft: left }
  end
end
# recipe:end

class NotesController < ApplicationController
  def show = render(inline: NOTES)
  def whoami = render(json: { user: current_user.email })
end

NOTES = notes_page(<<~ERB, "current_user.email", 'button_to "Sign out", "/users/sign_out", method: :delete')
  <%# recipe:start devise-layout %>
  <%= csrf_meta_tags %>
  <script type="module" src="/static/session-timeout/session-timeout.min.js"
          data-session-seconds="<%= Devise.timeout_in.to_i %>"
          data-warn-seconds="<%= ENV.fetch("WARN_SECONDS", "120") %>"
          data-redirect-seconds="<%= ENV.fetch("REDIRECT_SECONDS", "10") %>"
          data-keep-alive-url="/session/keep-alive"
          data-status-url="/session/status"
          data-sign-out-url="/users/sign_out"
          data-sign-in-url="/users/sign_in"
          data-remaining-header="Session-Expires-In"></script>
  <%# recipe:end %>
ERB

NotesApp.initialize!

ActiveRecord::Migration.verbose = false
ActiveRecord::Schema.define do
  create_table :users do |t|
    t.string :email, null: false, index: { unique: true }
    t.string :encrypted_password, null: false
    t.timestamps
  end
end
User.create!(email: "ada@example.com", password: "correct horse")

serve(NotesApp, "devise", "ada@example.com", PKG_DIR)
