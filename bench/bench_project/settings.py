"""Settings shared by both sides of the comparison.

Only what the endpoints need is installed, so the figures show the package's
own cost. ``BENCH_DB`` is the SQLite file the server uses; without it the
database lives in memory (the query counts).
"""

import os
from datetime import timedelta

try:
    from djoser.conf import RECOMMENDED_THROTTLE_RATES
except ImportError:
    # djoser 2.3.5 has no rate limits (and ignores THROTTLE_RATES).
    RECOMMENDED_THROTTLE_RATES = {}

SECRET_KEY = "bench-only-key-never-deploy-it-anywhere-at-all"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
USE_TZ = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "rest_framework.authtoken",
    "djoser",
]
# bench/mfa_cost.py: this package with its two-factor app installed (the
# djoser 2.3.5 side never sets it).
if os.environ.get("BENCH_MFA"):
    INSTALLED_APPS.append("djoser.mfa")

MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

ROOT_URLCONF = "bench_project.urls"
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

# The hash is the same fixed cost on both sides: keep it small so the
# package's own work is what the figures show.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = []
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

DJOSER = {
    "ACTIVATION_URL": "activate/{uid}/{token}",
    "PASSWORD_RESET_CONFIRM_URL": "password/reset/{uid}/{token}",
    "USERNAME_RESET_CONFIRM_URL": "username/reset/{uid}/{token}",
    # The recommended limits, as a deployment runs them (djoser 2.3.5 ignores
    # the key): their checks are part of what is measured. The load registers
    # thousands of accounts from one address, far past the registration limit.
    "THROTTLE_RATES": {**RECOMMENDED_THROTTLE_RATES, "user_create": None},
}

# The load runs reuse one access token for minutes.
SIMPLE_JWT = {"ACCESS_TOKEN_LIFETIME": timedelta(days=1)}
