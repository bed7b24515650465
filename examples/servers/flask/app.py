"""Flask 3 with Flask-Login and Flask-WTF, as they ship, with session-timeout
loaded by one script tag.

Flask-WTF's CSRFProtect accepts the token in `X-CSRF-Token`, which the
library sends from `<meta name="csrf-token">` by itself; Flask-Login's
`@login_required` answers a dead session with a 302 to the sign-in page.
A permanent session is refreshed on every request, so its lifetime is an
inactivity timeout.

    python app.py    # env: PORT, SESSION_SECONDS, WARN_SECONDS, REDIRECT_SECONDS, PKG_DIR, WTF_CSRF_TIME_LIMIT
"""
import os
from datetime import datetime, timedelta, timezone

from flask import Flask, jsonify, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.shared_data import SharedDataMiddleware
from werkzeug.security import check_password_hash, generate_password_hash

HERE = os.path.dirname(os.path.abspath(__file__))
SESSION_SECONDS = int(os.environ.get("SESSION_SECONDS", "1800"))
PKG_DIR = os.environ.get("PKG_DIR", os.path.join(HERE, "../../../pkg"))

app = Flask(__name__, static_folder=None)
# The library's files are served ahead of Flask, as a front server would:
# a permanent session is saved again on every request Flask answers, a
# static file's too, after the page the library counts from.
app.wsgi_app = SharedDataMiddleware(app.wsgi_app, {"/static/session-timeout": PKG_DIR})
# recipe:start flask-setup
app.config.update(
    SECRET_KEY=os.environ.get("SECRET_KEY") or os.urandom(32).hex(),
    PERMANENT_SESSION_LIFETIME=timedelta(seconds=SESSION_SECONDS),  # the inactivity timeout
    SESSION_REFRESH_EACH_REQUEST=True,  # every request restarts it (the default)
    WTF_CSRF_TIME_LIMIT=None,  # the page's CSRF token lasts as long as its session (default: 1 hour, then keep-alives are refused)
)
CSRFProtect(app)
login_manager = LoginManager(app)
login_manager.login_view = "login"  # @login_required redirects here


@app.after_request
def session_expires_in(response):
    """Tell the page how long its session has left."""
    if current_user.is_authenticated:
        response.headers.setdefault("Session-Expires-In", str(int(app.permanent_session_lifetime.total_seconds())))
    return response


@app.post("/session/keep-alive")
@login_required
def keep_alive():
    return "", 204  # the refreshed session cookie extends it


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, but asking how long is left does not
    send a refreshed cookie, which would extend it."""
    def should_set_cookie(self, app, session):
        return request.endpoint != "session_status" and super().should_set_cookie(app, session)


app.session_interface = SessionInterface()


@app.get("/session/status")
@login_required
def session_status():
    """The seconds left: the session's lifetime, counted from when its
    cookie was last signed."""
    cookie = request.cookies[app.config["SESSION_COOKIE_NAME"]]
    _, signed_at = app.session_interface.get_signing_serializer(app).loads(cookie, return_timestamp=True)
    left = max(0, int((app.permanent_session_lifetime - (datetime.now(timezone.utc) - signed_at)).total_seconds()))
    return jsonify(secondsLeft=left), {"Session-Expires-In": str(left)}
# recipe:end

# The tests shorten the token's life to see what an expired one does.
if os.environ.get("WTF_CSRF_TIME_LIMIT"):
    app.config["WTF_CSRF_TIME_LIMIT"] = int(os.environ["WTF_CSRF_TIME_LIMIT"])


class User(UserMixin):
    def __init__(self, name):
        self.id = name


USERS = {"ada": generate_password_hash("correct horse")}


@login_manager.user_loader
def load_user(name):
    return User(name) if name in USERS else None


@app.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        name = request.form.get("username", "")
        if name in USERS and check_password_hash(USERS[name], request.form.get("password", "")):
            session.permanent = True
            login_user(User(name))
            target = request.args.get("next", "")
            return redirect(target if target.startswith("/") and not target.startswith("//") else url_for("app_page"))
        error = "Wrong name or password."
    return render_template("login.html", error=error, expired="expired" in request.args)


@app.get("/app")
# A second page (the sign-in brings the person back to it), under an
# endpoint of its own: url_for("app_page") builds a view's first rule
# registered, which would be this one.
@app.get("/app/notes", endpoint="app_notes")
@login_required
def app_page():
    return render_template(
        "app.html",
        session_seconds=SESSION_SECONDS,
        warn_seconds=os.environ.get("WARN_SECONDS", "120"),
        redirect_seconds=os.environ.get("REDIRECT_SECONDS", "10"),
    )


@app.get("/api/whoami")
@login_required
def whoami():
    return jsonify(user=current_user.id)


# An autosave the page's own script posts (Flask-WTF's CSRF check runs first).
@app.post("/api/notes")
@login_required
def notes():
    return "", 204


if __name__ == "__main__":
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request

    server = make_server("127.0.0.1", int(os.environ.get("PORT", "5000")), app, threaded=True)
    print(f"flask example: http://127.0.0.1:{server.server_port}/ (sign in as ada / correct horse)", flush=True)
    server.serve_forever()
