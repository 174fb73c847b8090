"""Django's CSRF check, run by the browser client and by CookieAuthentication.

The check is Django's own (``CsrfViewMiddleware``, as DRF's
``SessionAuthentication`` runs it): an unsafe request must come from an
allowed origin (the ``Origin`` header, or the ``Referer`` over HTTPS, against
the host and ``CSRF_TRUSTED_ORIGINS``) and carry the ``csrftoken`` cookie's
value in the CSRF header. Safe methods pass. Cookies authenticate without
any help from the page, so without this check any page the browser opens
could use them.
"""

from django.conf import settings as django_settings
from django.core.exceptions import SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import CSRFCheck
from rest_framework.exceptions import ParseError, PermissionDenied

# Set on the request once it passed: the browser client checks every unsafe
# request before authenticating it, CookieAuthentication need not again.
PASSED_ATTRIBUTE = "djoser_csrf_passed"


class CSRFFailed(PermissionDenied):
    default_code = "csrf_failed"


def header_name():
    """The header Django reads the token from, as a client writes it."""
    meta_name = django_settings.CSRF_HEADER_NAME
    return meta_name.removeprefix("HTTP_").replace("_", "-").title()


def enforce(request):
    """Raise CSRFFailed (403) unless ``request`` passes Django's CSRF check."""
    django_request = getattr(request, "_request", request)
    if getattr(django_request, PASSED_ATTRIBUTE, False):
        return
    check = CSRFCheck(lambda request: None)
    # Reads the csrftoken cookie into request.META, as the middleware does.
    check.process_request(django_request)
    try:
        reason = check.process_view(django_request, None, (), {})
    except (MultiPartParserError, SuspiciousOperation):
        # Django reads a form body for its token first: one it cannot parse
        # (no boundary, too many fields, too large) is the client's error.
        raise ParseError() from None
    if reason:
        raise CSRFFailed(
            format_lazy(
                _(
                    "CSRF check failed: {reason} Get a token from the browser "
                    "client's csrf/ endpoint and send it in the {header} header."
                ),
                reason=reason,
                header=header_name(),
            )
        )
    setattr(django_request, PASSED_ATTRIBUTE, True)


def passed(request):
    django_request = getattr(request, "_request", request)
    return getattr(django_request, PASSED_ATTRIBUTE, False)
