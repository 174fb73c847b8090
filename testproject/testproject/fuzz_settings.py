"""Settings for the schemathesis run in CI (``.ci/fuzz.py``).

The demo project with activation emails on (every flow that sends one
runs), emails kept in memory and a fast hasher. ``DJOSER_FUZZ_RETYPE=1``
also turns on every RETYPE setting, so the retyped fields are fuzzed too.
"""

import os
from datetime import timedelta

import django

from testproject.settings import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

RETYPE_SETTINGS = [
    "USER_CREATE_PASSWORD_RETYPE",
    "SET_PASSWORD_RETYPE",
    "PASSWORD_RESET_CONFIRM_RETYPE",
    "SET_USERNAME_RETYPE",
    "USERNAME_RESET_CONFIRM_RETYPE",
]
DJOSER = {
    **DJOSER,  # noqa: F405
    "SEND_ACTIVATION_EMAIL": True,
    "SEND_CONFIRMATION_EMAIL": True,
    "PASSWORD_CHANGED_EMAIL_CONFIRMATION": True,
    "USERNAME_CHANGED_EMAIL_CONFIRMATION": True,
    "EMAIL_CHANGE_REQUIRES_VERIFICATION": True,
    "SECURITY_NOTICES": dict.fromkeys(
        [
            "passkey_added",
            "passkey_removed",
            "new_device",
            "login_limit",
            "social_connected",
            "social_disconnected",
        ],
        True,
    ),
}
# Limits high enough that a pass never meets them: a 429 would stop the fuzzer
# reaching the code behind the limit (rates of None would drop the 429s from
# the schema, and the throttling tests cover the limits themselves).
# The keys merge into djoser's default THROTTLE_RATES.
LIMITED_ACTIONS = [
    "token_create",
    "social",
    "webauthn_login",
    "user_create",
    "password_reset",
    "username_reset",
    "email_change",
]
DJOSER["THROTTLE_RATES"] = dict.fromkeys(LIMITED_ACTIONS, "100000/hour")
if os.environ.get("DJOSER_FUZZ_RETYPE") == "1":
    DJOSER.update(dict.fromkeys(RETYPE_SETTINGS, True))

# Server errors go to the console, where the CI log shows them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR"},
        # The development server logs every request; keep its 5xx lines only.
        "django.server": {
            "handlers": ["console"],
            "level": "ERROR",
            "propagate": False,
        },
    },
}

# One login serves a whole lane.
SIMPLE_JWT = {**SIMPLE_JWT, "ACCESS_TOKEN_LIFETIME": timedelta(hours=1)}  # noqa: F405
