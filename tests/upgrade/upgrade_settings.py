"""A project as a djoser 2.x user has it: token login and passkeys.

The same settings serve before the upgrade (djoser 2.3.5 installed) and
after it (this package installed in its place): nothing here changes.
``DATABASE_URL`` (``postgres://...``) selects PostgreSQL; otherwise SQLite
at ``UPGRADE_SQLITE_PATH``.
"""

import os
from urllib.parse import unquote, urlsplit

SECRET_KEY = "upgrade-lane-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
ROOT_URLCONF = "upgrade_urls"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "rest_framework.authtoken",
    "djoser",
    "djoser.webauthn",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
    ],
}

DJOSER = {
    "WEBAUTHN": {
        "RP_NAME": "Upgrade lane",
        "RP_ID": "localhost",
        "ORIGIN": "http://localhost:8000",
    },
}

if os.environ.get("DATABASE_URL"):
    url = urlsplit(os.environ["DATABASE_URL"])
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(url.path.lstrip("/")),
            "USER": unquote(url.username or ""),
            "PASSWORD": unquote(url.password or ""),
            "HOST": url.hostname or "",
            "PORT": str(url.port or ""),
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ["UPGRADE_SQLITE_PATH"],
        }
    }
