"""dj-rest-auth with DRF tokens, and its registration (built on django-allauth).

Set up as dj-rest-auth's installation guide says; the choices below make it
do the same work as djoser's endpoints:

- ``SESSION_LOGIN`` off: djoser's login answers a token and starts no
  session (``CREATE_SESSION_ON_LOGIN`` is off by default);
- ``OLD_PASSWORD_FIELD_ENABLED`` on: djoser's password change asks for the
  current password;
- allauth's ``ACCOUNT_EMAIL_VERIFICATION = "none"``: djoser sends no
  activation email by default.

allauth needs sessions and its own middleware for its sign-up, so this
configuration runs two middleware more than djoser's.
"""

from bench_project.common import *  # noqa: F403

INSTALLED_APPS = [
    *INSTALLED_APPS,  # noqa: F405
    "django.contrib.sessions",
    "django.contrib.sites",
    "dj_rest_auth",
    "allauth",
    "allauth.account",
    # dj-rest-auth's registration views import its models.
    "allauth.socialaccount",
    "dj_rest_auth.registration",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    *MIDDLEWARE,  # noqa: F405
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]
SITE_ID = 1
ROOT_URLCONF = "bench_project.urls_dj_rest_auth"

REST_AUTH = {
    "SESSION_LOGIN": False,
    "OLD_PASSWORD_FIELD_ENABLED": True,
}
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
