"""Settings for the test suite: the demo project, tuned for speed and isolation.

``DJOSER_TEST_USER_MODEL`` picks the user model (``auth.User``,
``testapp.EmailUser`` or ``testapp.CustomUser``); ``DATABASE_URL`` selects
PostgreSQL, otherwise the tests run on an in-memory SQLite database.
"""

import os

import django

from testproject.settings import *  # noqa: F403

# Hashing is not under test; the fast hasher keeps the suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django 6.1 configures email through MAILERS and deprecates EMAIL_BACKEND.
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The suite starts from djoser's defaults; tests that need activation emails
# or logout on password change turn them on. (The demo project turns both on.)
DJOSER = {  # noqa: F405
    **DJOSER,  # noqa: F405
    "SEND_ACTIVATION_EMAIL": False,
    "LOGOUT_ON_PASSWORD_CHANGE": False,
}

AUTH_USER_MODEL = os.environ.get("DJOSER_TEST_USER_MODEL", "auth.User")

# Django's default, as a djoser 2.x project's suite may have it; the tests of
# password validation (and of the demo's validators) turn them on.
AUTH_PASSWORD_VALIDATORS = []

# The demo project installs simplejwt's blacklist app; tests remove it where
# they need to.

# Throttle counters live in the default cache: local memory unless CI points
# DJOSER_TEST_REDIS_URL at a Redis server.
if os.environ.get("DJOSER_TEST_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["DJOSER_TEST_REDIS_URL"],
        }
    }

# With DATABASE_URL the PostgreSQL entry comes from the project settings.
if not os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    }

# DJOSER_TEST_TOKEN_MODEL=devicetokens runs the suite with one token per login
# (djoser.devicetokens) as TOKEN_MODEL instead of DRF's Token.
TOKEN_MODELS = {
    "authtoken": "rest_framework.authtoken.models.Token",
    "devicetokens": "djoser.devicetokens.models.DeviceToken",
}
TEST_TOKEN_MODEL = TOKEN_MODELS[os.environ.get("DJOSER_TEST_TOKEN_MODEL", "authtoken")]
DJOSER = {**DJOSER, "TOKEN_MODEL": TEST_TOKEN_MODEL}  # noqa: F405

# The task path of email delivery runs on the database task backend; tests
# turn it on with DJOSER["EMAIL_TASK_BACKEND"].
if "django_tasks_db" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, *TASK_APPS]  # noqa: F405
TASKS = TASK_BACKENDS  # noqa: F405

# The suite tests djoser's WEBAUTHN defaults, not the demo's origin.
DJOSER = {key: value for key, value in DJOSER.items() if key != "WEBAUTHN"}  # noqa: F405

# Nor the demo's sessions: installed (their tests turn them on with
# DJOSER["SESSIONS"]["ENABLED"]), paused, with simplejwt's own authentication
# and refresh tokens that do not rotate, as djoser 2.x.
DJOSER = {**DJOSER, "SESSIONS": {"ENABLED": False}}
DJOSER.pop("SECURITY_NOTICES")
REST_FRAMEWORK = {  # noqa: F405
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_AUTHENTICATION_CLASSES": tuple(
        "rest_framework_simplejwt.authentication.JWTAuthentication"
        if path == "djoser.sessions.authentication.SessionJWTAuthentication"
        else path
        for path in REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]  # noqa: F405
    ),
}
SIMPLE_JWT = {"AUTH_HEADER_TYPES": ("Bearer", "JWT")}

# Nor the demo's rate limits: by default djoser limits nothing, as djoser 2.x.
# The throttling tests turn limits on through settings overrides. Nor its
# verified-only email change: by default PATCH users/me/ changes the address.
# Nor its "this was not me" links: by default the notices carry none.
DEMO_ONLY = (
    "THROTTLE_RATES",
    "EMAIL_CHANGE_REQUIRES_VERIFICATION",
    "CODES",
    "NOT_ME_URL",
)
DJOSER = {key: value for key, value in DJOSER.items() if key not in DEMO_ONLY}
