"""Django 5.2 as it ships, with session-timeout loaded by one script tag.

Django's defaults do the work: the CSRF middleware publishes its token in
the `csrftoken` cookie and wants it back in `X-CSRFToken` (the library
finds both by itself), and `@login_required` answers a dead session with a
302 to `LOGIN_URL` (/accounts/login/), which the library reads as "signed
out" because it is the path of its redirect URL. Django REST framework's
views answer it 403 (SessionAuthentication, as it ships), which could as
well be a missing permission: the library asks the status endpoint.

    python app.py    # env: PORT, SESSION_SECONDS, WARN_SECONDS, REDIRECT_SECONDS, PKG_DIR, CSRF_COOKIE_HTTPONLY=1
"""
import os
import tempfile

from django.conf import settings

HERE = os.path.dirname(os.path.abspath(__file__))
SESSION_SECONDS = int(os.environ.get("SESSION_SECONDS", "1800"))
PKG_DIR = os.environ.get("PKG_DIR", os.path.join(HERE, "../../../pkg"))

settings.configure(
    SECRET_KEY=os.environ.get("SECRET_KEY") or os.urandom(32).hex(),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.staticfiles", "rest_framework"],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        # Files before sessions, as WhiteNoise's docs place it: with
        # SESSION_SAVE_EVERY_REQUEST a file served past SessionMiddleware
        # restarts the session, after the page the library counts from.
        "whitenoise.middleware.WhiteNoiseMiddleware",
        f"{__name__}.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        f"{__name__}.session_expires_in",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(tempfile.mkdtemp(), "db.sqlite3")}},
    TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(HERE, "templates")],
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }],
    # The library's files, copied by collectstatic at start (as a deploy does).
    STATIC_URL="/static/",
    STATIC_ROOT=os.path.join(tempfile.mkdtemp(), "static"),
    STATICFILES_DIRS=[("session-timeout", PKG_DIR)],
    LOGIN_REDIRECT_URL="/app/",
    LOGOUT_REDIRECT_URL="/accounts/login/",  # LogoutView takes POST only (Django 5)
    # A hardened site hides the CSRF cookie from scripts; the library then
    # sends the token of {% csrf_token %}'s hidden field (the tests run both).
    CSRF_COOKIE_HTTPONLY=os.environ.get("CSRF_COOKIE_HTTPONLY") == "1",
    # recipe:start django-settings
    SESSION_COOKIE_AGE=SESSION_SECONDS,  # the inactivity timeout, in seconds
    SESSION_SAVE_EVERY_REQUEST=True,     # every request restarts it
    # recipe:end
)

import django  # noqa: E402 (configured above, as a settings module would)

django.setup()

from django.contrib.auth import views as auth_views  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.contrib.sessions import middleware as sessions  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402
from rest_framework.decorators import api_view, permission_classes  # noqa: E402
from rest_framework.permissions import IsAdminUser, IsAuthenticated  # noqa: E402
from rest_framework.response import Response  # noqa: E402


# recipe:start django-views
def session_expires_in(get_response):
    """Middleware: tell the page how long its session has left."""
    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated and "Session-Expires-In" not in response:
            # The session is saved after this, for SESSION_COOKIE_AGE more.
            response["Session-Expires-In"] = str(request.session.get_expiry_age())
        return response
    return middleware


@require_POST
@login_required  # a dead session gets the usual 302 to the sign-in page
def keep_alive(request):
    return HttpResponse(status=204)  # SESSION_SAVE_EVERY_REQUEST extends it


class SessionMiddleware(sessions.SessionMiddleware):
    """Django's, but asking how long is left does not save the session,
    which would extend it (SESSION_SAVE_EVERY_REQUEST)."""
    def process_response(self, request, response):
        if getattr(request.resolver_match, "url_name", None) == "session-status":
            return response
        return super().process_response(request, response)


@login_required
def session_status(request):
    """GET: the seconds left, from the stored session's expiry (the
    database backend's; with another backend, keep the time of the last
    request in the session and count from it)."""
    expires = Session.objects.get(session_key=request.session.session_key).expire_date
    left = max(0, int((expires - timezone.now()).total_seconds()))
    response = JsonResponse({"secondsLeft": left})
    response["Session-Expires-In"] = str(left)
    return response
# recipe:end


@login_required
def app_page(request):
    return render(request, "app.html", {
        "session_seconds": SESSION_SECONDS,
        "warn_seconds": os.environ.get("WARN_SECONDS", "120"),
        "redirect_seconds": os.environ.get("REDIRECT_SECONDS", "10"),
    })


@login_required
def whoami(request):
    return JsonResponse({"user": request.user.get_username()})


# Django REST framework with its default authentication (session first).
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def api_orders(request):
    return Response({"user": request.user.get_username(), "orders": []})


@api_view(["GET"])
@permission_classes([IsAdminUser])  # ada is no admin: 403 with a live session
def api_admin(request):
    return Response({"users": []})


urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("app/", app_page, name="app"),
    path("app/notes/", app_page),  # a second page: the sign-in brings the person back to it
    path("session/keep-alive", keep_alive, name="keep-alive"),
    path("session/status", session_status, name="session-status"),
    path("api/whoami", whoami),
    path("api/orders/", api_orders),
    path("api/admin/", api_admin),
]


def main():
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    User.objects.create_user("ada", password="correct horse")

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    httpd = make_server("127.0.0.1", int(os.environ.get("PORT", "8000")), get_wsgi_application(), server_class=Server, handler_class=Quiet)
    print(f"django example: http://127.0.0.1:{httpd.server_port}/ (sign in as ada / correct horse)", flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main()
