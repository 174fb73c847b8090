"""The cookies a browser client's credentials travel in.

Four kinds, one row each in ``KINDS``: the JWT access token, the JWT refresh
token, the authentication token of TOKEN_MODEL (DRF's Token or a device
token) and the ``mfa_token`` of a login waiting for its second step. Every
one is ``HttpOnly`` (no script reads it, so no injected script can steal
it), ``Secure`` and ``SameSite`` as ``DJOSER["BROWSER"]`` says; names,
domain, paths and lifetimes come from the same dict, read on every request.
"""

from dataclasses import dataclass
from datetime import timedelta
from posixpath import commonprefix

from django.urls import NoReverseMatch, reverse

from djoser.conf import settings

ACCESS = "access"
REFRESH = "refresh"
TOKEN = "token"
MFA = "mfa"


def _jwt_lifetime(name):
    def lifetime():
        # Imported here: simplejwt is an optional extra.
        from rest_framework_simplejwt.settings import api_settings

        return getattr(api_settings, name)

    return lifetime


@dataclass(frozen=True)
class Kind:
    """One kind of credential cookie."""

    # The BROWSER key holding the cookie's name.
    name_setting: str
    # The BROWSER key of its lifetime, and where the lifetime comes from
    # when that is None (None again: a cookie of the browser session).
    lifetime_setting: str | None
    default_lifetime: object
    # URL names (in the browser client's namespace) of the routes that
    # read the cookie: it is sent to them only. None: COOKIE_PATH.
    routes: tuple | None = None
    # The BROWSER key that overrides the path those routes give.
    path_setting: str | None = None


KINDS = {
    ACCESS: Kind(
        "ACCESS_COOKIE",
        "ACCESS_COOKIE_LIFETIME",
        _jwt_lifetime("ACCESS_TOKEN_LIFETIME"),
    ),
    REFRESH: Kind(
        "REFRESH_COOKIE",
        "REFRESH_COOKIE_LIFETIME",
        _jwt_lifetime("REFRESH_TOKEN_LIFETIME"),
        # Refreshing reads it, and logging out (jwt/blacklist/) ends it.
        routes=("jwt-refresh", "jwt-blacklist"),
        path_setting="REFRESH_COOKIE_PATH",
    ),
    TOKEN: Kind("TOKEN_COOKIE", "TOKEN_COOKIE_LIFETIME", lambda: None),
    MFA: Kind(
        "MFA_COOKIE",
        None,
        lambda: settings.MFA["LOGIN_LIFETIME"],
        routes=("mfa-verify",),
    ),
}

# Key of a login's answer -> the cookie its value goes in instead.
ANSWER_FIELDS = {
    "auth_token": TOKEN,
    "access": ACCESS,
    "refresh": REFRESH,
    "mfa_token": MFA,
}


def config():
    return settings.BROWSER


def name(kind):
    return config()[KINDS[kind].name_setting]


# Longer than any token djoser issues, far shorter than a header may be.
MAX_VALUE_LENGTH = 4096


def read(request, kind):
    """The value of ``kind``'s cookie on ``request``, or None.

    A value no token could be (control characters, non-ASCII, too long) is
    None as well: it never reaches a token check or a database query.
    """
    value = request.COOKIES.get(name(kind))
    if not value or len(value) > MAX_VALUE_LENGTH:
        return None
    if not (value.isascii() and value.isprintable()):
        return None
    return value


def lifetime(kind):
    """Seconds the cookie lives, or None for a cookie of the browser session."""
    row = KINDS[kind]
    value = config()[row.lifetime_setting] if row.lifetime_setting else None
    if value is None:
        value = row.default_lifetime()
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    return value


def path(request, kind):
    """The path ``kind``'s cookie is sent to.

    For a cookie read by a few routes only, the longest path those routes of
    the browser client (the request's URL namespace) share; COOKIE_PATH
    where they cannot be found.
    """
    row = KINDS[kind]
    if row.path_setting and config()[row.path_setting]:
        return config()[row.path_setting]
    namespace = getattr(getattr(request, "resolver_match", None), "namespace", "")
    if row.routes is None or not namespace:
        return config()["COOKIE_PATH"]
    paths = []
    for route in row.routes:
        try:
            paths.append(reverse(f"{namespace}:{route}"))
        except NoReverseMatch:
            continue
    if not paths:
        return config()["COOKIE_PATH"]
    if len(paths) == 1:
        return paths[0]
    shared = commonprefix(paths)
    # Up to the last slash: "/b/jwt/refresh" and "/b/jwt/blacklist" share "/b/jwt/".
    return shared[: shared.rindex("/") + 1]


def _attributes(request, kind):
    browser = config()
    return {
        "path": path(request, kind),
        "domain": browser["COOKIE_DOMAIN"],
        "secure": browser["COOKIE_SECURE"],
        "httponly": True,
        "samesite": browser["COOKIE_SAMESITE"],
    }


def set_cookie(response, request, kind, value):
    response.set_cookie(
        name(kind), value, max_age=lifetime(kind), **_attributes(request, kind)
    )


def delete_cookie(response, request, kind):
    # The same attributes as when it was set: a browser replaces a cookie
    # only when name, domain and path match.
    response.set_cookie(
        name(kind),
        "",
        max_age=0,
        expires="Thu, 01 Jan 1970 00:00:00 GMT",
        **_attributes(request, kind),
    )


def delete_all(response, request):
    for kind in KINDS:
        delete_cookie(response, request, kind)
