"""dj-rest-auth in its JWT mode (simplejwt), as its guide sets it up.

``JWT_AUTH_HTTPONLY`` off, so the login answers the refresh token in its
body as djoser's ``jwt/create`` does, rather than only in a cookie.
"""

from bench_project.settings_dj_rest_auth import *  # noqa: F403

REST_AUTH = {**REST_AUTH, "USE_JWT": True, "JWT_AUTH_HTTPONLY": False}  # noqa: F405
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_AUTHENTICATION_CLASSES": [
        TOKEN_AUTHENTICATION,  # noqa: F405
        "dj_rest_auth.jwt_auth.JWTCookieAuthentication",
    ],
}
