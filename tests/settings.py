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

AUTH_USER_MODEL = os.environ.get("DJOSER_TEST_USER_MODEL", "auth.User")

# With DATABASE_URL the PostgreSQL entry comes from the project settings.
if not os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    }

# The suite tests djoser's WEBAUTHN defaults, not the demo's origin.
DJOSER = {key: value for key, value in DJOSER.items() if key != "WEBAUTHN"}  # noqa: F405
