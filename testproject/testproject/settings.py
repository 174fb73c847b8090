"""Settings for the demo project, also the base of the test settings.

Environment variables:

- ``DJOSER_OIDC_ENDPOINT``, ``DJOSER_OIDC_CLIENT_ID``, ``DJOSER_OIDC_CLIENT_SECRET``:
  an OpenID Connect provider for social login at ``auth/o/oidc/`` (the
  endpoint is the issuer URL, without ``/.well-known/openid-configuration``),
  and for ID tokens issued to that client id at ``auth/o/oidc/token/``.
- ``DJOSER_SOCIAL_REDIRECT_URIS``: space-separated redirect URIs the app may
  use with it (default ``http://localhost:3000/auth/callback``).
- ``DJANGO_SECRET_KEY``: replaces the development secret key.
- ``DATABASE_URL``: the database as a URL, read by dj-database-url, such as
  ``postgres://user:password@host:port/name``, ``mysql://...`` or
  ``sqlite:////path/to/db.sqlite3``; without it the project uses SQLite.
- ``DJOSER_DEMO_DB``: path of the SQLite file (default ``testproject/db.sqlite3``).
- ``DJOSER_USER_MODEL``: the user model, such as ``testapp.EmailUser``.
- ``DJOSER_DEMO_ORIGIN``: the address the demo is opened at, which passkeys
  are bound to (default ``http://localhost:8088``; ``make run`` sets it
  from ``PORT``).
- ``DJOSER_EMAIL_TASKS``: set to ``1`` to enqueue djoser's emails on the
  database task backend instead of sending them in the request; a worker
  sends them: ``python manage.py db_worker`` (same environment).
"""

import os
from pathlib import Path

import dj_database_url
import django

from djoser.conf import RECOMMENDED_THROTTLE_RATES

BASE_DIR = Path(__file__).resolve().parent.parent


SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "development-only-key-do-not-use-in-production"
)
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    # Records refresh tokens so logout, logout_all and password changes and
    # resets can revoke them (jwt/blacklist/ answers 501 without it).
    "rest_framework_simplejwt.token_blacklist",
    "djoser",
    "djoser.devicetokens",
    "djoser.webauthn",
    "djoser.mfa",
    # One session per login, listed at auth/sessions/; refresh tokens rotate
    # with reuse detection, access tokens end with their session.
    "djoser.sessions",
    "djoser.codes",
    "testapp",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Session logins of accounts with two-factor sign-in count only once
    # their second step is done (djoser.mfa's admin login asks for the code).
    "djoser.mfa.middleware.SecondStepSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "testproject.urls"
WSGI_APPLICATION = "testproject.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("DJOSER_DEMO_DB", str(BASE_DIR / "db.sqlite3")),
        }
    }

AUTH_USER_MODEL = os.environ.get("DJOSER_USER_MODEL", "auth.User")

# Django's recommended validators, as startproject writes them: the demo
# refuses "x" as a password, as a real project would. GET auth/config/ tells
# the app MinimumLengthValidator's rule, and the sign-up form shows it.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"

# In DEBUG, sent emails go to the demo's outbox (the /dev/outbox/ page).
DEMO_EMAIL_BACKEND = (
    "demo.outbox.OutboxBackend"
    if DEBUG
    else "django.core.mail.backends.console.EmailBackend"
)
# Django 6.1 configures email through MAILERS and deprecates EMAIL_BACKEND.
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": DEMO_EMAIL_BACKEND}}
else:
    EMAIL_BACKEND = DEMO_EMAIL_BACKEND
DEFAULT_FROM_EMAIL = "djoser@localhost"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": (
        # Takes only device token keys (dtk_...), so DRF tokens still work.
        "djoser.devicetokens.authentication.DeviceTokenAuthentication",
        "rest_framework.authentication.TokenAuthentication",
        # simplejwt's JWTAuthentication, checking that the session is live.
        "djoser.sessions.authentication.SessionJWTAuthentication",
        # The browser client's cookies (auth/browser/), with Django's CSRF check.
        "djoser.browser.authentication.CookieAuthentication",
        # Last, so anonymous requests still get 401 with a Token challenge;
        # it lets the browsable API and session logins work too.
        "rest_framework.authentication.SessionAuthentication",
    ),
}

SIMPLE_JWT = {
    "AUTH_HEADER_TYPES": ("Bearer", "JWT"),
    # Each refresh answers a new refresh token; djoser.sessions detects the
    # reuse of an old one.
    "ROTATE_REFRESH_TOKENS": True,
}

# Social login (djoser.social): the generic OpenID Connect backend, pointed at
# a provider by the environment variables above. Without them the project
# keeps Django's single authentication backend.
INSTALLED_APPS += ["social_django"]
SOCIAL_AUTH_OIDC_OIDC_ENDPOINT = os.environ.get("DJOSER_OIDC_ENDPOINT", "")
SOCIAL_AUTH_OIDC_KEY = os.environ.get("DJOSER_OIDC_CLIENT_ID", "")
SOCIAL_AUTH_OIDC_SECRET = os.environ.get("DJOSER_OIDC_CLIENT_SECRET", "")
if SOCIAL_AUTH_OIDC_OIDC_ENDPOINT:
    AUTHENTICATION_BACKENDS = [
        "social_core.backends.open_id_connect.OpenIdConnectAuth",
        "django.contrib.auth.backends.ModelBackend",
    ]
SOCIAL_REDIRECT_URIS = os.environ.get(
    "DJOSER_SOCIAL_REDIRECT_URIS", "http://localhost:3000/auth/callback"
).split()

DEMO_ORIGIN = os.environ.get("DJOSER_DEMO_ORIGIN", "http://localhost:8088")

DJOSER = {
    "SOCIAL_AUTH_ALLOWED_REDIRECT_URIS": SOCIAL_REDIRECT_URIS,
    "PASSWORD_RESET_CONFIRM_URL": "#/password/reset/confirm/{uid}/{token}",
    "USERNAME_RESET_CONFIRM_URL": "#/username/reset/confirm/{uid}/{token}",
    "ACTIVATION_URL": "#/activate/{uid}/{token}",
    # The verified email change (the demo's "Email address" page): the link
    # goes to the new address, and it is the only way to change it (PATCH
    # users/me/ refuses a new address, as the profile form has none).
    "EMAIL_CHANGE_CONFIRM_URL": "#/email/confirm/{uid}/{token}",
    "EMAIL_CHANGE_REQUIRES_VERIFICATION": True,
    # The old address's notice carries a link that undoes the change.
    "EMAIL_CHANGE_UNDO_URL": "#/email/undo/{uid}/{token}",
    # The notices of two-factor sign-in turned on and of a passkey added
    # carry a "this was not me" link that removes it again.
    "NOT_ME_URL": "#/not-me/{uid}/{token}",
    # The demo shows the whole loop: a new account waits for its emailed link.
    "SEND_ACTIVATION_EMAIL": True,
    # A password change ends every session, as docs/security.rst recommends.
    "LOGOUT_ON_PASSWORD_CHANGE": True,
    # Passkeys are bound to the host name: open the demo at localhost.
    "WEBAUTHN": {"RP_NAME": "djoser demo", "ORIGIN": DEMO_ORIGIN},
    # djoser limits nothing by default, as djoser 2.x; the demo runs as a
    # deployment should, with the recommended limits.
    "THROTTLE_RATES": RECOMMENDED_THROTTLE_RATES,
    # The owner hears of a reused refresh token (djoser.sessions).
    "SECURITY_NOTICES": {"refresh_reuse": True},
    # Sign in with a code sent by email; the answer is a DRF token unless
    # the request asks for {"kind": "jwt"}.
    "CODES": {"LOGIN": True},
}
# Native apps (and the demo's "Connected accounts" page) may sign in with the
# provider's ID tokens issued to this client id: issuer and keys come from
# the provider's discovery document.
if SOCIAL_AUTH_OIDC_OIDC_ENDPOINT and SOCIAL_AUTH_OIDC_KEY:
    DJOSER["SOCIAL_AUTH_TOKEN_LOGIN"] = {"oidc": {"CLIENT_IDS": [SOCIAL_AUTH_OIDC_KEY]}}

# Django's tasks framework with the database backend, for djoser's email
# delivery: django.tasks since Django 6.0, the django-tasks backport before.
TASK_APPS = ["django_tasks_db"]
if django.VERSION < (6, 0):
    TASK_APPS.insert(0, "django_tasks")
TASK_BACKENDS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

if os.environ.get("DJOSER_EMAIL_TASKS"):
    INSTALLED_APPS += TASK_APPS
    TASKS = TASK_BACKENDS
    DJOSER["EMAIL_TASK_BACKEND"] = "default"

# The OpenAPI schema at /api/schema/ and a Swagger UI at /api/docs/ that
# loads its files from drf-spectacular-sidecar, so it works offline.
INSTALLED_APPS += ["drf_spectacular", "drf_spectacular_sidecar"]
REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "drf_spectacular.openapi.AutoSchema"
SPECTACULAR_SETTINGS = {
    "TITLE": "djoser test project",
    "DESCRIPTION": "The account endpoints of djoser, as this project serves them.",
    "VERSION": "1",
    # Separate request and response components: write-only fields such as
    # password appear in requests only.
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    # djoser's tags first, in its order (accounts, email change, ...).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "djoser.schema.order_tags",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
