"""System checks of djoser.mfa for session logins (djoser.W511, W512).

Registered by the app's config; silent where the app is not installed.
"""

from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.admin import AdminSite
from django.core import checks

from djoser.checks import url_callbacks
from djoser.mfa.middleware import PATH as MIDDLEWARE_PATH

AUTHENTICATION_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"


def mounted_admin_sites():
    """Every AdminSite the project's URLconf serves (found by its login URL)."""
    sites = []
    for callback in url_callbacks():
        site = getattr(callback, "__self__", None)
        if isinstance(site, AdminSite) and site not in sites:
            sites.append(site)
    return sites


@checks.register(checks.Tags.security)
def check_session_middleware(app_configs=None, **kwargs):
    """Sessions of accounts with two-factor sign-in need the middleware."""
    if not apps.is_installed("djoser.mfa"):
        return []
    middleware = list(getattr(django_settings, "MIDDLEWARE", None) or [])
    if AUTHENTICATION_MIDDLEWARE not in middleware:
        return []  # no session logins
    if MIDDLEWARE_PATH in middleware and middleware.index(
        MIDDLEWARE_PATH
    ) > middleware.index(AUTHENTICATION_MIDDLEWARE):
        return []
    return [
        checks.Warning(
            "A session login (the admin, the browsable API, "
            "CREATE_SESSION_ON_LOGIN) signs in an account with two-factor "
            "sign-in on without its second step.",
            hint=f"Add '{MIDDLEWARE_PATH}' to MIDDLEWARE after "
            f"'{AUTHENTICATION_MIDDLEWARE}'.",
            id="djoser.W511",
        )
    ]


@checks.register(checks.Tags.security, checks.Tags.urls)
def check_admin_login(app_configs=None, **kwargs):
    """A mounted admin whose login cannot take the code locks 2FA staff out
    (with the middleware) or lets the password alone in (without it)."""
    if not apps.is_installed("djoser.mfa"):
        return []
    from djoser.mfa.forms import SecondStepFormMixin

    warnings = []
    for site in mounted_admin_sites():
        form = site.login_form
        if form is not None and issubclass(form, SecondStepFormMixin):
            continue
        warnings.append(
            checks.Warning(
                f"The admin site {site.name!r} ({type(site).__qualname__}) "
                "is mounted with a login that does not ask for the "
                "two-factor code.",
                hint="Subclass djoser.mfa.sites.SecondStepAdminSite, or set "
                "the site's login_form = djoser.mfa.forms."
                "SecondStepAdminAuthenticationForm and login_template = "
                "'djoser_mfa/admin_login.html'.",
                id="djoser.W512",
            )
        )
    return warnings
