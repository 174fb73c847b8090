"""OpenAPI descriptions of the browser client, for drf-spectacular.

Imported by ``DjoserConfig.ready()`` only when drf-spectacular is installed.
``CookieAuthentication`` is described as two API-key-in-cookie schemes (the
access token cookie, the authentication token cookie), either of which
authenticates. Each operation of the browser client is described as its
view is for app clients (``djoser.schema``), then changed where browser
mode changes it: request fields read from cookies leave the body, a
login's answer holds no credential (``Set-Cookie`` carries it), and unsafe
methods take the CSRF header and may answer 403 for it.
"""

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiViewExtension,
)
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status

from djoser.browser import cookies, csrf
from djoser.browser.views import BrowserClientMixin, role_of

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Browser client operations are the app client's, with ids marked so.
OPERATION_ID_PREFIX = "browser_"
CSRF_OPERATION_ID = "browser_csrf"
STRING = {"type": "string"}

# What a login's answer keeps once its credentials went into cookies, by
# view (dotted path); the others answer an empty object.
LOGIN_ANSWERS = {
    "djoser.social.views.ProviderAuthView": {
        "type": "object",
        "properties": {"user": STRING},
        "required": ["user"],
    },
    # The login kind that finished ("token", "jwt", "social"), and for a
    # provider login the user.
    "djoser.mfa.views.VerifyView": {
        "type": "object",
        "properties": {"login": STRING, "user": STRING},
        "required": ["login"],
    },
}
EMPTY_OBJECT = {"type": "object", "maxProperties": 0}
CSRF_REFUSED = (
    "The CSRF check failed: a missing or wrong token, or a request from another origin."
)

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
                operation_id=CSRF_OPERATION_ID,
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


def _login_answer(view):
    for view_class in type(view).__mro__:
        answer = LOGIN_ANSWERS.get(f"{view_class.__module__}.{view_class.__qualname__}")
        if answer is not None:
            return answer
    return EMPTY_OBJECT


def _cookie_names(kinds):
    return ", ".join(cookies.name(kind) for kind in kinds)


class BrowserSchemaMixin:
    """For the AutoSchema of a browser client view (see the module docstring)."""

    def _role(self):
        return role_of(self.view)

    def get_operation_id(self):
        # The app client's id, marked: one operation id per operation.
        return f"{OPERATION_ID_PREFIX}{super().get_operation_id()}"

    def get_description(self):
        own = super().get_description()
        note = "Browser client: credentials travel in HttpOnly cookies only."
        return f"{own}\n\n{note}" if own else note

    def get_request_serializer(self):
        serializer = super().get_request_serializer()
        reads = self._role().reads
        if serializer is None or not reads:
            return serializer
        if isinstance(serializer, type):
            serializer = serializer(context=self.view.get_serializer_context())
        fields = {
            name: field.__class__(*field._args, **field._kwargs)
            for name, field in serializer.fields.items()
            if name not in reads
        }
        if not fields:
            return None
        name = f"Browser{type(serializer).__name__}"
        return type(name, (serializers.Serializer,), fields)

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method in UNSAFE_METHODS:
            parameters.append(
                OpenApiParameter(
                    csrf.header_name(),
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    required=True,
                    description="The csrftoken cookie's value (GET csrf/ sets it).",
                )
            )
        role = self._role()
        changes_cookies = role.logs_in or role.logs_out or role.reads
        if changes_cookies and self.method in UNSAFE_METHODS:
            what = (
                "clears the credential cookies"
                if role.logs_out
                else (
                    "sets the credential cookies (HttpOnly): "
                    + _cookie_names(cookies.KINDS)
                )
            )
            parameters.append(
                OpenApiParameter(
                    "Set-Cookie",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    response=True,
                    description=f"The answer {what}.",
                )
            )
        return parameters

    def get_response_serializers(self):
        responses = super().get_response_serializers()
        if not isinstance(responses, dict):
            return responses
        role = self._role()
        if role.logs_in and self.method in UNSAFE_METHODS:
            for code in list(responses):
                if status.is_success(code):
                    responses[code] = OpenApiResponse(
                        _login_answer(self.view),
                        description="Signed in: the credentials are in the "
                        "Set-Cookie headers, never in the body.",
                    )
        if role.reads:
            responses.setdefault(
                401,
                OpenApiResponse(
                    description=f"No live {_cookie_names(role.reads.values())} cookie."
                ),
            )
        if self.method in UNSAFE_METHODS:
            refused = responses.get(403)
            if isinstance(refused, OpenApiResponse):
                responses[403] = OpenApiResponse(
                    refused.response,
                    description=f"{refused.description} Or: {CSRF_REFUSED}",
                )
            else:
                responses[403] = OpenApiResponse(
                    self._error_detail(), description=CSRF_REFUSED
                )
        return responses

    def _error_detail(self):
        # djoser.schema's component for {"detail": ...} bodies, where it is there.
        component = getattr(self, "_component", None)
        if component is None:
            return None
        from djoser.schema import ERROR_DETAIL

        return component("ErrorDetail", ERROR_DETAIL)


class BrowserClientViewDescription(OpenApiViewExtension):
    """Every browser client view: its app client description, then ours."""

    target_class = BrowserClientMixin
    match_subclasses = True
    priority = 10

    def view_replacement(self):
        described = self._app_client_description()
        schema_class = type(
            "BrowserAutoSchema", (BrowserSchemaMixin, type(described.schema)), {}
        )
        return type(described.__name__, (described,), {"schema": schema_class()})

    def _app_client_description(self):
        """The view as the next matching extension (djoser.schema's) describes it."""
        others = sorted(
            (
                extension
                for extension in OpenApiViewExtension._registry
                if extension is not type(self)
            ),
            key=lambda extension: extension.priority,
            reverse=True,
        )
        for extension in others:
            if extension._matches(self.target):
                return extension(self.target_callback).view_replacement()
        return self.target
