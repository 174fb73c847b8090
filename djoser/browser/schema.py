"""OpenAPI descriptions of the browser client, for drf-spectacular.

Imported by ``DjoserConfig.ready()`` only when drf-spectacular is installed.
``CookieAuthentication`` is described as two API-key-in-cookie schemes (the
access token cookie, the authentication token cookie), either of which
authenticates.
"""

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiViewExtension,
)
from drf_spectacular.utils import extend_schema

from djoser.browser import cookies, csrf

CSRF_NOTE = (
    "Unsafe methods (POST, PUT, PATCH, DELETE) must also send the csrftoken "
    "cookie's value in the {header} header (GET csrf/ sets the cookie)."
)


class CookieScheme(OpenApiAuthenticationExtension):
    """The browser client's HttpOnly credential cookies."""

    target_class = "djoser.browser.authentication.CookieAuthentication"
    match_subclasses = True
    name = ["accessTokenCookie", "authTokenCookie"]

    def get_security_requirement(self, auto_schema):
        # Either cookie authenticates: alternatives, not both at once.
        return [{scheme: []} for scheme in self.name]

    def get_security_definition(self, auto_schema):
        note = CSRF_NOTE.format(header=csrf.header_name())
        return [
            {
                "type": "apiKey",
                "in": "cookie",
                "name": cookies.name(cookies.ACCESS),
                "description": "The JWT access token, set by a browser "
                f"client's login. {note}",
            },
            {
                "type": "apiKey",
                "in": "cookie",
                "name": cookies.name(cookies.TOKEN),
                "description": "The authentication token (TOKEN_MODEL), set by "
                f"a browser client's token or passkey login. {note}",
            },
        ]


class CSRFTokenViewDescription(OpenApiViewExtension):
    target_class = "djoser.browser.views.CSRFTokenView"

    def view_replacement(self):
        target = self.target

        class Described(target):
            @extend_schema(
                summary="Get the CSRF token (and its csrftoken cookie)",
                description="Browser clients call it before their first unsafe "
                "request, logins included, and after each login (which rotates "
                "the token). " + CSRF_NOTE.format(header=csrf.header_name()),
                tags=[target.feature_tag],
                responses={200: target.serializer_class},
            )
            def get(self, request):
                return super().get(request)

        return Described
