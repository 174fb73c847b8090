"""Settings for the testproject as the concurrency suite serves it.

The test settings, with the database (``DJOSER_CONCURRENCY_DATABASE``, a
PostgreSQL URL or an SQLite file) and the Redis cache
(``DJOSER_CONCURRENCY_REDIS_URL``) the suite started, and the limits under
test written out, so they hold whatever the defaults are.
"""

import os
from datetime import timedelta

import dj_database_url
import django

from tests.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]

_database = os.environ["DJOSER_CONCURRENCY_DATABASE"]
if _database.startswith("postgres"):
    DATABASES = {"default": dj_database_url.parse(_database)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": _database}}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["DJOSER_CONCURRENCY_REDIS_URL"],
    }
}

PASSWORD_HASHERS = ["tests.concurrency.recorders.SlowRecordingHasher"]
_EMAIL_BACKEND = "tests.concurrency.recorders.RecordingEmailBackend"
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND}}
else:
    EMAIL_BACKEND = _EMAIL_BACKEND

# The client's address comes from X-Forwarded-For, so a burst can come from
# forty addresses at once and only the per-account limit stands in its way.
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": 1}  # noqa: F405

DJOSER = {  # noqa: F405
    **DJOSER,  # noqa: F405
    "SEND_ACTIVATION_EMAIL": True,
    "TOKEN_MODEL": "djoser.devicetokens.models.DeviceToken",
    "DEVICE_TOKENS": {"MAX_PER_USER": 3},
    # djoser.codes' login by code, under its default limits.
    "CODES": {"LOGIN": True},
    # The "this was not me" link of the notices of new authenticators.
    "NOT_ME_URL": "#/not-me/{uid}/{token}",
    "THROTTLE_RATES": {
        "token_create": "10/hour",
        "webauthn_login": "10/hour",
        "password_reset": "5/hour",
        "username_reset": "5/hour",
        "user_create": None,
        "reauthentication": "10/hour",
        "mfa_verify": "10/hour",
    },
}

# djoser.sessions as the testproject has it (tests.settings pauses it), with a
# grace period of two seconds so that a test can wait it out.
DJOSER["SESSIONS"] = {"ENABLED": True, "REUSE_GRACE_PERIOD": timedelta(seconds=2)}
DJOSER["SECURITY_NOTICES"] = {"refresh_reuse": True}
SIMPLE_JWT = {**SIMPLE_JWT, "ROTATE_REFRESH_TOKENS": True}  # noqa: F405
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = tuple(
    "djoser.sessions.authentication.SessionJWTAuthentication"
    if path == "rest_framework_simplejwt.authentication.JWTAuthentication"
    else path
    for path in REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
)

# A server error's traceback goes to gunicorn's log, where the suite shows it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
