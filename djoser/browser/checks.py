"""System checks for the browser client (ids djoser.E951-E959, W951-W959).

Most apply only where the browser client is mounted: its cookie settings
mean nothing elsewhere.
"""

from django.conf import settings as django_settings
from django.core import checks
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.module_loading import import_string
from rest_framework.settings import api_settings

from djoser.browser.authentication import CookieAuthentication
from djoser.browser.views import BrowserClientMixin, CSRFTokenView
from djoser.conf import settings

SAMESITE_VALUES = {"lax", "strict", "none"}


def browser_client_mounted():
    # Imported when the checks run: djoser.checks reads the URLconf.
    from djoser.checks import mounted_views

    return any(
        issubclass(view_class, (BrowserClientMixin, CSRFTokenView))
        for view_class, _actions in mounted_views()
    )


def _csrf_middleware_installed():
    for entry in getattr(django_settings, "MIDDLEWARE", None) or ():
        try:
            middleware = import_string(entry)
        except ImportError:
            continue
        if isinstance(middleware, type) and issubclass(middleware, CsrfViewMiddleware):
            return True
    return False


def _cookie_authentication_without_csrf():
    """Project authentication classes that read the cookies but skip CSRF."""
    return [
        authentication_class
        for authentication_class in api_settings.DEFAULT_AUTHENTICATION_CLASSES
        if issubclass(authentication_class, CookieAuthentication)
        and authentication_class.enforce_csrf is not CookieAuthentication.enforce_csrf
    ]


def _samesite():
    value = settings.BROWSER["COOKIE_SAMESITE"]
    return value.lower() if isinstance(value, str) else value


@checks.register(checks.Tags.security)
def check_browser_client(app_configs=None, **kwargs):
    """What stops the browser client from working at all."""
    if not browser_client_mounted():
        return []
    errors = []
    if not _csrf_middleware_installed():
        errors.append(
            checks.Error(
                "The browser client (djoser.urls.browser) is mounted, but "
                "CsrfViewMiddleware is not in MIDDLEWARE: the csrftoken cookie "
                "is never set, so every login and change it makes is refused.",
                hint="Add 'django.middleware.csrf.CsrfViewMiddleware' to MIDDLEWARE.",
                id="djoser.E951",
            )
        )
    samesite = _samesite()
    if samesite not in SAMESITE_VALUES:
        errors.append(
            checks.Error(
                f"DJOSER['BROWSER']['COOKIE_SAMESITE'] is "
                f"{settings.BROWSER['COOKIE_SAMESITE']!r}: browsers know only "
                "'Lax', 'Strict' and 'None'.",
                hint="Leave it at 'Lax' unless the front end is on another site.",
                id="djoser.E952",
            )
        )
    elif samesite == "none" and not settings.BROWSER["COOKIE_SECURE"]:
        errors.append(
            checks.Error(
                "DJOSER['BROWSER'] sets COOKIE_SAMESITE 'None' without "
                "COOKIE_SECURE: browsers drop such cookies, so nobody stays "
                "signed in.",
                hint="Set COOKIE_SECURE to True and serve the API over HTTPS.",
                id="djoser.E953",
            )
        )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def check_browser_cookies(app_configs=None, **kwargs):
    """What leaves the browser client's cookies open to theft or forgery."""
    without_csrf = _cookie_authentication_without_csrf()
    mounted = browser_client_mounted()
    if not (mounted or without_csrf):
        return []
    errors = []
    if mounted and not settings.BROWSER["COOKIE_SECURE"]:
        errors.append(
            checks.Error(
                "DJOSER['BROWSER']['COOKIE_SECURE'] is off: the browser "
                "client's credential cookies also travel over plain HTTP, "
                "where anyone on the network can read them.",
                hint="Set COOKIE_SECURE to True (the default) and serve the "
                "site over HTTPS.",
                id="djoser.E954",
            )
        )
    if without_csrf:
        names = ", ".join(
            f"{cls.__module__}.{cls.__qualname__}" for cls in without_csrf
        )
        if _samesite() == "none":
            errors.append(
                checks.Error(
                    f"{names} reads the browser client's cookies without a CSRF "
                    "check, and DJOSER['BROWSER']['COOKIE_SAMESITE'] is 'None': "
                    "any site the user visits can act with their account.",
                    hint="Keep CookieAuthentication's enforce_csrf.",
                    id="djoser.E955",
                )
            )
        else:
            errors.append(
                checks.Warning(
                    f"{names} reads the browser client's cookies without a CSRF "
                    "check: pages on the same site (other subdomains, other "
                    "ports) can act with the user's account.",
                    hint="Keep CookieAuthentication's enforce_csrf.",
                    id="djoser.W955",
                )
            )
    return errors
