"""How a djoser view serves the browser client, and the CSRF token endpoint.

``BrowserClientMixin`` is mixed into every view that ``djoser.urls.browser``
routes (``djoser.browser.routes``); the view's own code is unchanged. It is
the one place where browser mode touches a request or an answer:

- before the view runs, every unsafe request must pass Django's CSRF check,
  logins included (a page elsewhere must not sign the browser into an
  account of its choosing), and the cookies authenticate;
- body fields that carry a credential (the refresh token to refresh with,
  the ``mfa_token`` of a second step) are read from their cookies instead;
- credentials in a login's answer (``auth_token``, ``access``, ``refresh``,
  ``mfa_token``) move into ``HttpOnly`` cookies and out of the body;
  a login also rotates the CSRF token, as Django's ``login`` does;
- a logout, or anything that ends the caller's credentials (a password
  change with LOGOUT_ON_PASSWORD_CHANGE, deleting one's account, logging
  out everywhere), clears the cookies.

Which view does what is data: ``VIEW_ROLES``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.middleware.csrf import get_token, rotate_token
from django.utils.cache import add_never_cache_headers
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from djoser.browser import cookies, csrf
from djoser.browser.authentication import CookieAuthentication
from djoser.parsers import HardenedParsersMixin

# Set on the request when something ended the caller's own credentials
# (djoser.browser.receivers): the answer clears the cookies.
ENDED_ATTRIBUTE = "djoser_browser_credentials_ended"
# Set on every request the browser client serves (djoser.browser.is_browser_request).
CLIENT_ATTRIBUTE = "djoser_browser_client"


@dataclass(frozen=True)
class Role:
    """What the browser client changes in one view."""

    # Body field -> the cookie it is read from instead of the body.
    reads: dict = field(default_factory=dict)
    # The answer carries credentials (ANSWER_FIELDS) to move into cookies.
    logs_in: bool = False
    # The answer clears the cookies, whatever the outcome.
    logs_out: bool = False


NO_ROLE = Role()

# View class (dotted path; subclasses share the row) -> its Role.
VIEW_ROLES = {
    "djoser.views.TokenCreateView": Role(logs_in=True),
    "djoser.views.TokenDestroyView": Role(logs_out=True),
    "djoser.jwt_views.TokenObtainPairView": Role(logs_in=True),
    "djoser.jwt_views.TokenRefreshView": Role(
        reads={"refresh": cookies.REFRESH}, logs_in=True
    ),
    "djoser.jwt_views.TokenVerifyView": Role(reads={"token": cookies.ACCESS}),
    "djoser.jwt_views.TokenBlacklistView": Role(
        reads={"refresh": cookies.REFRESH}, logs_out=True
    ),
    "djoser.social.views.ProviderAuthView": Role(logs_in=True),
    "djoser.webauthn.views.LoginView": Role(logs_in=True),
    "djoser.mfa.views.VerifyView": Role(reads={"mfa_token": cookies.MFA}, logs_in=True),
}


def role_of(view):
    for view_class in type(view).__mro__:
        role = VIEW_ROLES.get(f"{view_class.__module__}.{view_class.__qualname__}")
        if role is not None:
            return role
    return NO_ROLE


def _django_request(request):
    return getattr(request, "_request", request)


def body_with_cookies(request, data, reads):
    """``data`` with each field of ``reads`` taken from its cookie.

    What the body says in those fields is ignored: a browser client never
    holds a credential. Without the cookie the request is not authenticated.
    """
    if not isinstance(data, Mapping):
        # Not an object: the view's serializer refuses it as usual.
        return data
    body = {key: data[key] for key in data if key not in reads}
    for field_name, kind in reads.items():
        value = cookies.read(request, kind)
        if value is None:
            raise NotAuthenticated()
        body[field_name] = value
    return body


def carries_credentials(data):
    """Whether an answer holds a login's credentials, whatever view gave it.

    The safety net under VIEW_ROLES: a login view it does not list (a
    project's own, a newer feature's) still answers in cookies.
    """
    return (
        "auth_token" in data
        or {"access", "refresh"} <= data.keys()
        or (data.get("mfa_required") is True and "mfa_token" in data)
    )


def answer_with_cookies(view, request, response):
    """Move credentials into cookies and clear them, as ``view``'s Role says."""
    if not csrf.passed(request):
        # Refused before the view ran (a forged request): no cookie changes.
        return
    role = role_of(view)
    data = response.data if isinstance(getattr(response, "data", None), dict) else {}
    logs_in = role.logs_in or carries_credentials(data)
    moved = {
        kind: data.pop(answer_field)
        for answer_field, kind in cookies.ANSWER_FIELDS.items()
        if logs_in and answer_field in data
    }
    if role.logs_out or getattr(_django_request(request), ENDED_ATTRIBUTE, False):
        cookies.delete_all(response, request)
        return
    for kind, value in moved.items():
        cookies.set_cookie(response, request, kind, value)
    renews = cookies.REFRESH in role.reads.values()
    if status.is_success(response.status_code) and moved and not renews:
        # A new sign-in gets a new CSRF token, as Django's login() gives one.
        # (A refresh does not: requests sent meanwhile keep the token they read.)
        rotate_token(_django_request(request))
        if cookies.MFA in role.reads.values():
            cookies.delete_cookie(response, request, cookies.MFA)
    elif response.status_code == status.HTTP_401_UNAUTHORIZED:
        # The cookies it read are dead (an expired or revoked refresh token).
        for kind in role.reads.values():
            cookies.delete_cookie(response, request, kind)


class BrowserClientMixin:
    """A djoser view as the browser client serves it (see the module docstring)."""

    browser_client = True

    def get_authenticate_header(self, request):
        # The cookies' challenge, also where a view names its own (simplejwt's).
        return CookieAuthentication().authenticate_header(request)

    def initial(self, request, *args, **kwargs):
        setattr(_django_request(request), CLIENT_ATTRIBUTE, True)
        # Before authentication and throttling: a forged request changes
        # nothing and counts against no limit.
        csrf.enforce(request)
        super().initial(request, *args, **kwargs)

    def get_authenticators(self):
        # The cookies first; the project's other classes after, once each.
        others = [
            authenticator
            for authenticator in super().get_authenticators()
            if not isinstance(authenticator, CookieAuthentication)
        ]
        return [CookieAuthentication(), *others]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        answer_with_cookies(self, request, response)
        return response


class BrowserSerializerMixin:
    """For a browser client view with serializers: fields read from cookies."""

    def get_serializer(self, *args, **kwargs):
        reads = role_of(self).reads
        if reads and "data" in kwargs:
            kwargs["data"] = body_with_cookies(self.request, kwargs["data"], reads)
        return super().get_serializer(*args, **kwargs)


class CSRFTokenSerializer(serializers.Serializer):
    csrf_token = serializers.CharField(
        help_text="The value to send in the CSRF header (also in the csrftoken cookie)."
    )


class CSRFTokenView(HardenedParsersMixin, APIView):
    """GET: set the ``csrftoken`` cookie, and answer its value.

    A page on the API's own site reads the cookie; one on another site (with
    django-cors-headers) cannot, and reads the body.
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = CSRFTokenSerializer
    # The schema's tag for it (djoser.browser.schema describes the view).
    feature_tag = "browser client"  # djoser.schema.BROWSER_CLIENT

    def get(self, request):
        # get_token() has CsrfViewMiddleware set (or renew) the cookie.
        response = Response({"csrf_token": get_token(request._request)})
        add_never_cache_headers(response)
        return response
