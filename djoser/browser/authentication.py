"""``CookieAuthentication``: the browser client's cookies as DRF authentication.

The browser client's views use it first. A project adds it to its own
``DEFAULT_AUTHENTICATION_CLASSES`` (after the header classes) for its API
views to accept a signed-in browser too:

    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework.authentication.TokenAuthentication",
        "djoser.browser.authentication.CookieAuthentication",
    ]

A cookie's value is checked by the class the project checks the same
credential with in a header (its JWTAuthentication, its TokenAuthentication
for TOKEN_MODEL), so a project's rules (a session that must still be
live, a device token's expiry) hold for cookies too.
"""

from rest_framework.authentication import BaseAuthentication, TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.settings import api_settings

from djoser import unavailable
from djoser.browser import cookies, csrf
from djoser.conf import settings


def _project_class(base, accepts=lambda authenticator: True):
    """The project's authentication class for ``base``'s credential, else None."""
    for authentication_class in api_settings.DEFAULT_AUTHENTICATION_CLASSES:
        if issubclass(authentication_class, base) and not issubclass(
            authentication_class, CookieAuthentication
        ):
            authenticator = authentication_class()
            if accepts(authenticator):
                return authenticator
    return None


def _authenticate_access(value):
    if unavailable.package_missing("rest_framework_simplejwt"):
        # No JSON Web Tokens here: an access cookie is nobody's credential.
        return None
    # Imported here: simplejwt is an optional extra.
    from rest_framework_simplejwt.authentication import JWTAuthentication
    from rest_framework_simplejwt.exceptions import TokenError

    authenticator = _project_class(JWTAuthentication) or JWTAuthentication()
    try:
        token = authenticator.get_validated_token(value)
    except TokenError as error:
        raise AuthenticationFailed(str(error)) from error
    return authenticator.get_user(token), token


def _token_authenticator():
    model = settings.TOKEN_MODEL
    if model is None:
        return None
    authenticator = _project_class(
        TokenAuthentication, lambda candidate: candidate.get_model() is model
    )
    if authenticator is not None:
        return authenticator
    if hasattr(model, "logout_tokens"):
        # djoser.devicetokens: keys are stored as digests.
        from djoser.devicetokens.authentication import DeviceTokenAuthentication

        return DeviceTokenAuthentication()
    authenticator = TokenAuthentication()
    authenticator.model = model
    return authenticator


def _authenticate_token(value):
    authenticator = _token_authenticator()
    if authenticator is None:
        return None
    return authenticator.authenticate_credentials(value)


# The cookies tried, in order, and how each one's value is checked.
COOKIE_CHECKS = (
    (cookies.ACCESS, _authenticate_access),
    (cookies.TOKEN, _authenticate_token),
)


class CookieAuthentication(BaseAuthentication):
    """The access token or authentication token cookie of the browser client.

    A cookie that no longer authenticates (expired, revoked, of a deleted
    account) is passed over: the request goes on as anonymous, so a login or
    a public endpoint still works, and a protected one answers 401 (the
    cue to refresh). Once a cookie authenticates, an unsafe request must
    pass Django's CSRF check, or it is refused with 403.
    """

    def authenticate(self, request):
        for kind, check in COOKIE_CHECKS:
            value = cookies.read(request, kind)
            if value is None:
                continue
            try:
                result = check(value)
            except AuthenticationFailed:
                continue
            if result is None:
                continue
            self.enforce_csrf(request)
            return result
        return None

    def enforce_csrf(self, request):
        """Django's CSRF check for unsafe methods (see djoser.browser.csrf).

        A subclass that turns it off lets any page the browser opens act
        with the cookies: ``check --deploy`` reports it (djoser.E955,
        djoser.W955).
        """
        csrf.enforce(request)

    def authenticate_header(self, request):
        # A challenge makes DRF answer 401 (not 403) to a request without a
        # live cookie: the browser client's cue to refresh or log in.
        return 'Cookie realm="api"'
