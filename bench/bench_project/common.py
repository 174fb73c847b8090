"""What every configuration under measurement shares.

The same database, hasher, middleware and renderer for this package, djoser
2.3.5, dj-rest-auth and django-rest-knox, so the figures show each package's
own cost. ``BENCH_DB`` is the SQLite file the server uses; without it the
database lives in memory (the query counts).
"""

import os
from datetime import timedelta

SECRET_KEY = "bench-only-key-never-deploy-it-anywhere-at-all"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
USE_TZ = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "rest_framework.authtoken",
]

MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

WSGI_APPLICATION = "bench_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_DB", ":memory:"),
        "OPTIONS": {"timeout": 30},
    }
}

# The hash is the same fixed cost on every side: keep it small so the
# package's own work is what the figures show.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = []
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

TOKEN_AUTHENTICATION = "rest_framework.authentication.TokenAuthentication"
JWT_AUTHENTICATION = "rest_framework_simplejwt.authentication.JWTAuthentication"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [TOKEN_AUTHENTICATION, JWT_AUTHENTICATION],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# The load runs reuse one access token for minutes.
SIMPLE_JWT = {"ACCESS_TOKEN_LIFETIME": timedelta(days=1)}
