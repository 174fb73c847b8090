"""OpenAPI descriptions of djoser's views, for drf-spectacular.

Imported by ``DjoserConfig.ready()`` only when drf-spectacular is installed.
Request bodies come from the views themselves (``get_serializer_class()``
reads the settings when the schema is generated), so retype fields, the
login and email field names, REQUIRED_FIELDS and a project's own
serializers show up as they are served. What a view cannot tell, its
success status and body, the errors it may answer with and a summary, is
written down here, one row per operation.

Describing another view is one entry in ``OPERATIONS``: its dotted path and
a row per action or method.
"""

import copy
from dataclasses import dataclass

from django.utils.module_loading import import_string
from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiViewExtension,
)
from drf_spectacular.plumbing import (
    ResolvedComponent,
    build_bearer_security_scheme_object,
)
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.settings import api_settings

from djoser.conf import settings
from djoser.throttling import ThrottleMixin, throttles_for

# Sentinels for ``Operation.response``: the success body is the request
# serializer's representation (create, update, JWT views), or that of the
# serializer the view names (lists, details, passkey signup).
SAME_AS_REQUEST = "same as request"
VIEW_SERIALIZER = "the view's serializer"


@dataclass(frozen=True)
class Operation:
    """What the schema says about one view action (or one method of it)."""

    summary: str
    status: int = 204
    # A SERIALIZERS key, a serializer's dotted path, SAME_AS_REQUEST,
    # VIEW_SERIALIZER, a raw JSON schema (dict), or None for no body.
    response: str | dict | None = None
    many: bool = False
    # Status codes the operation may answer besides 400/401/403/404/429,
    # which are derived from the view, with what they mean.
    errors: tuple = ()
    # The 400 body may be a bare list of messages rather than an object
    # (also for operations without a request body).
    list_error: bool = False
    description: str = ""
    # Whether the operation reads a request body.
    request: bool = True
    # Dotted paths of serializers whose fields the body carries beside the
    # view's own (passkey signup: the account's fields and the credential).
    extra_request: tuple = ()
    # Dotted path of a serializer whose fields are the query parameters.
    query: str | None = None
    # The feature the operation belongs to, when it is not its view's (see
    # FEATURE_TAGS): an action a feature adds to a view of another.
    tag: str | None = None
    # A login: takes a Device-Proof header and answers a new one on success
    # (djoser.device_proofs).
    login: bool = False


STALE_TOKEN = (403, "The account is already active (stale token).")
NO_BODY_400 = (
    "Answers 400 without a body when SEND_ACTIVATION_EMAIL is off; otherwise "
    "204 whether or not the address belongs to an inactive account."
)
SAME_ANSWER = (
    "Answers 204 whether or not the address belongs to an account, unless the "
    "matching *_SHOW_EMAIL_NOT_FOUND setting is on (then 400 with a list)."
)

EMPTY_OBJECT = {"type": "object", "maxProperties": 0}
BLACKLIST_MISSING = (501, "rest_framework_simplejwt.token_blacklist is not installed.")

# Serializers of optional apps, named by path so this module imports none.
SOCIAL_BEGIN = "djoser.social.serializers.ProviderAuthRequestSerializer"
PASSKEY_REGISTRATION = "djoser.webauthn.serializers.PasskeyRegistrationSerializer"
PASSKEY = "djoser.webauthn.serializers.PasskeySerializer"
TOTP_SETUP = "djoser.mfa.serializers.TOTPSetupSerializer"
RECOVERY_CODES = "djoser.mfa.serializers.RecoveryCodesSerializer"
RECOVERY_CODES_LEFT = "djoser.mfa.serializers.RecoveryCodesLeftSerializer"


def _object(required, **properties):
    return {"type": "object", "properties": properties, "required": list(required)}


STRING = {"type": "string"}
CREDENTIAL_DESCRIPTORS = {
    "type": "array",
    "items": _object(
        ["id", "type"],
        id=STRING,
        type=STRING,
        transports={"type": "array", "items": STRING},
    ),
}
# py_webauthn's options_to_json(): what navigator.credentials.create() and
# .get() take once the browser decodes the base64url values.
REGISTRATION_OPTIONS = _object(
    ["rp", "user", "challenge", "pubKeyCredParams"],
    rp=_object(["name"], id=STRING, name=STRING),
    user=_object(
        ["id", "name", "displayName"], id=STRING, name=STRING, displayName=STRING
    ),
    challenge=STRING,
    pubKeyCredParams={
        "type": "array",
        "items": _object(["type", "alg"], type=STRING, alg={"type": "integer"}),
    },
    timeout={"type": "integer"},
    excludeCredentials=CREDENTIAL_DESCRIPTORS,
    authenticatorSelection={"type": "object"},
    attestation=STRING,
)
# What mfa/verify/ answers: the credential of the login that asked for it.
SECOND_STEP_ANSWER = {
    "anyOf": [
        _object(["auth_token"], auth_token=STRING),
        _object(["refresh", "access"], refresh=STRING, access=STRING),
        _object(
            ["access", "refresh", "user"], access=STRING, refresh=STRING, user=STRING
        ),
    ]
}
# Wrong passwords or codes at a reauthentication count against this row.
REAUTHENTICATE_LIMIT = "Too many wrong passwords or codes (THROTTLE_RATES mfa_verify)."
REAUTHENTICATE = (
    "Send current_password, or a current code (from the authenticator app or "
    "a recovery code)."
)
AUTHENTICATION_OPTIONS = _object(
    ["challenge"],
    challenge=STRING,
    timeout={"type": "integer"},
    rpId=STRING,
    allowCredentials=CREDENTIAL_DESCRIPTORS,
    userVerification=STRING,
)

# View class path -> {action or (action, method) or method: Operation}.
OPERATIONS = {
    "djoser.views.UserViewSet": {
        "list": Operation("List the accounts the caller may see", 200, "user", True),
        "create": Operation(
            "Register an account",
            201,
            SAME_AS_REQUEST,
            list_error=True,
            description="With SEND_ACTIVATION_EMAIL the account starts inactive "
            "and an activation email is sent; USER_CREATE_PASSWORD_RETYPE adds "
            "re_password. A database conflict answers 400 with a list.",
        ),
        "retrieve": Operation("Read an account", 200, "user"),
        "update": Operation("Replace an account's fields", 200, SAME_AS_REQUEST),
        "partial_update": Operation("Change an account's fields", 200, SAME_AS_REQUEST),
        "destroy": Operation("Delete an account (current_password required)"),
        ("me", "GET"): Operation("Read the signed-in account", 200, "current_user"),
        ("me", "PUT"): Operation(
            "Replace the signed-in account's fields", 200, SAME_AS_REQUEST
        ),
        ("me", "PATCH"): Operation(
            "Change the signed-in account's fields", 200, SAME_AS_REQUEST
        ),
        ("me", "DELETE"): Operation("Delete the signed-in account"),
        "activation": Operation(
            "Activate an account from its emailed link", errors=(STALE_TOKEN,)
        ),
        "resend_activation": Operation(
            "Send the activation email again", description=NO_BODY_400
        ),
        "set_password": Operation(
            "Change the password",
            description="SET_PASSWORD_RETYPE adds re_new_password; "
            "LOGOUT_ON_PASSWORD_CHANGE deletes the account's tokens.",
        ),
        "reset_password": Operation(
            "Email a password reset link", list_error=True, description=SAME_ANSWER
        ),
        "reset_password_confirm": Operation(
            "Set a new password from an emailed link",
            description="PASSWORD_RESET_CONFIRM_RETYPE adds re_new_password.",
        ),
        "set_username": Operation(
            "Change the login name",
            description="The field is new_ followed by LOGIN_FIELD; "
            "SET_USERNAME_RETYPE adds re_new_ followed by LOGIN_FIELD.",
        ),
        "reset_username": Operation(
            "Email a login name reset link", list_error=True, description=SAME_ANSWER
        ),
        "reset_username_confirm": Operation(
            "Set a new login name from an emailed link",
            description="USERNAME_RESET_CONFIRM_RETYPE adds the retyped field.",
        ),
    },
    "djoser.email_change.views.EmailChangeView": {
        "POST": Operation(
            "Ask to change the email address: a link goes to the new one",
            202,
            description="The field is new_ followed by the user model's email "
            "field. Answers 202 whether or not another account holds the new "
            "address (its owner is told instead). Nothing changes until the "
            "link is confirmed. 404 while EMAIL_CHANGE_CONFIRM_URL is unset.",
        ),
    },
    "djoser.email_change.views.EmailChangeConfirmView": {
        "POST": Operation(
            "Switch to the new email address from its emailed link",
            list_error=True,
            description="The link works once, until EMAIL_CHANGE_TIMEOUT; "
            "the old address is told. A bare list when another account took "
            "the address meanwhile. 404 while EMAIL_CHANGE_CONFIRM_URL is unset.",
        ),
    },
    "djoser.email_change.views.EmailChangeUndoView": {
        "POST": Operation(
            "Undo an email change from the old address's link",
            list_error=True,
            description="Puts the old address back, sets a password nobody "
            "knows, revokes the account's tokens and emails a password reset "
            "link to the restored address. 404 while EMAIL_CHANGE_UNDO_URL is "
            "unset.",
        ),
    },
    "djoser.views.TokenCreateView": {
        "POST": Operation(
            "Log in: get an authentication token", 200, "token", login=True
        ),
    },
    "djoser.views.TokenDestroyView": {
        "POST": Operation("Log out: delete the account's tokens", request=False),
    },
    "rest_framework_simplejwt.views.TokenObtainPairView": {
        "POST": Operation(
            "Get a JSON Web Token pair", 200, SAME_AS_REQUEST, login=True
        ),
    },
    "rest_framework_simplejwt.views.TokenRefreshView": {
        "POST": Operation("Get a new access token", 200, SAME_AS_REQUEST),
    },
    "rest_framework_simplejwt.views.TokenVerifyView": {
        "POST": Operation("Check that a token is valid", 200, EMPTY_OBJECT),
    },
    "rest_framework_simplejwt.views.TokenBlacklistView": {
        "POST": Operation(
            "Log a refresh token out",
            200,
            EMPTY_OBJECT,
            errors=(BLACKLIST_MISSING,),
            description="Its access tokens stay valid until they expire.",
        ),
    },
    "djoser.social.views.ProviderAuthView": {
        "GET": Operation(
            "Start a login at a provider",
            200,
            SOCIAL_BEGIN,
            list_error=True,
            query=SOCIAL_BEGIN,
            description="redirect_uri must be one of "
            "SOCIAL_AUTH_ALLOWED_REDIRECT_URIS; the session remembers the login.",
        ),
        "POST": Operation(
            "Finish a provider login: get a JSON Web Token pair",
            201,
            SAME_AS_REQUEST,
            list_error=True,
            login=True,
            description="Forward code and state (or error) from the provider's "
            "redirect, in the session that started the login.",
        ),
    },
    "djoser.webauthn.views.SignupRequestView": {
        "POST": Operation(
            "Passkey signup: get registration options", 200, REGISTRATION_OPTIONS
        ),
    },
    "djoser.webauthn.views.SignupView": {
        "POST": Operation(
            "Passkey signup: create the account and its passkey",
            201,
            VIEW_SERIALIZER,
            list_error=True,
            extra_request=(PASSKEY_REGISTRATION,),
            description="The body is the browser's credential "
            "(PublicKeyCredential.toJSON()) beside the account's REQUIRED_FIELDS "
            "(WEBAUTHN SIGNUP_SERIALIZER).",
        ),
    },
    "djoser.webauthn.views.LoginRequestView": {
        "POST": Operation(
            "Passkey login: get authentication options", 200, AUTHENTICATION_OPTIONS
        ),
    },
    "djoser.webauthn.views.LoginView": {
        "POST": Operation(
            "Passkey login: get an authentication token",
            201,
            "token",
            list_error=True,
            login=True,
        ),
    },
    "djoser.webauthn.views.PasskeyListView": {
        "GET": Operation("List the account's passkeys", 200, VIEW_SERIALIZER, True),
    },
    "djoser.webauthn.views.PasskeyAddRequestView": {
        "POST": Operation(
            "Get registration options for one more passkey",
            200,
            REGISTRATION_OPTIONS,
            request=False,
        ),
    },
    "djoser.webauthn.views.PasskeyAddView": {
        "POST": Operation("Register one more passkey", 201, PASSKEY, list_error=True),
    },
    "djoser.webauthn.views.PasskeyDetailView": {
        "GET": Operation("Read one of the account's passkeys", 200, VIEW_SERIALIZER),
        "DELETE": Operation(
            "Delete one of the account's passkeys",
            request=False,
            list_error=True,
            description="Refused (400) for the last passkey of an account "
            "without a usable password.",
        ),
    },
    "djoser.mfa.views.TOTPView": {
        "GET": Operation(
            "Two-factor: get a new secret for an authenticator app",
            200,
            TOTP_SETUP,
            list_error=True,
            request=False,
            description="The secret waits until a code from it is posted; "
            "400 while two-factor sign-in is on.",
        ),
        "POST": Operation(
            "Two-factor: turn on with a code from the app",
            201,
            RECOVERY_CODES,
            list_error=True,
            description="Answers the recovery codes, this once.",
        ),
        "DELETE": Operation(
            "Two-factor: turn off",
            list_error=True,
            errors=((429, REAUTHENTICATE_LIMIT),),
            description=REAUTHENTICATE,
        ),
    },
    "djoser.mfa.views.RecoveryCodesView": {
        "GET": Operation(
            "Two-factor: how many recovery codes are left", 200, RECOVERY_CODES_LEFT
        ),
        "POST": Operation(
            "Two-factor: make a new set of recovery codes",
            201,
            RECOVERY_CODES,
            list_error=True,
            errors=((429, REAUTHENTICATE_LIMIT),),
            description=REAUTHENTICATE + " The old set stops working.",
        ),
    },
    "djoser.mfa.views.VerifyView": {
        "POST": Operation(
            "Two-factor: finish a login with a code",
            200,
            SECOND_STEP_ANSWER,
            # Checked inside the view, once the mfa_token names the account.
            errors=(
                (429, "Too many wrong codes (THROTTLE_RATES mfa_verify)."),
                (503, "Rate limits cannot be checked; retry after Retry-After."),
            ),
            login=True,
            description="Takes the mfa_token a login answered (401, "
            '{"mfa_required": true, ...}) and a TOTP or recovery code; answers '
            "what that login would have: auth_token (token login), the JWT "
            "pair (jwt/create), or 201 with access, refresh and user (a "
            "provider login).",
        ),
    },
    "djoser.devicetokens.views.LogoutAllView": {
        "POST": Operation("Log out on every device", request=False),
    },
    "djoser.devicetokens.views.DeviceTokenViewSet": {
        "list": Operation(
            "List the account's live device tokens", 200, VIEW_SERIALIZER, True
        ),
        "destroy": Operation(
            "Revoke one of the account's device tokens", request=False
        ),
    },
    "djoser.sessions.views.SessionViewSet": {
        "list": Operation(
            "List the account's signed-in sessions",
            200,
            VIEW_SERIALIZER,
            True,
            description="Live sessions, newest first; the one the request was "
            "made with is marked current.",
        ),
        "destroy": Operation(
            "End one of the account's sessions",
            request=False,
            description="Its refresh token stops working, its access tokens "
            "too where SessionJWTAuthentication checks them, and a token "
            "session's token is deleted.",
        ),
        "logout_others": Operation(
            "End every session but the current one",
            description="Needs current_password; the session the request was "
            "made with stays.",
        ),
    },
}

# The feature each described view belongs to, by the longest prefix of its
# dotted path (its OPERATIONS key). Swagger UI, ReDoc and generated clients
# group operations by these tags. A feature in a package of its own adds its
# prefix here (two-factor: "djoser.mfa."); one that adds actions to a view of
# another feature sets Operation.tag on them (email change on UserViewSet:
# tag=EMAIL_CHANGE).
ACCOUNTS = "accounts"
TOKEN_LOGIN = "token login"
JWT = "JWT"
DEVICE_TOKENS = "device tokens"
SOCIAL = "social"
PASSKEYS = "passkeys"
TWO_FACTOR = "two-factor"
EMAIL_CHANGE = "email change"
SESSIONS = "sessions"
FEATURE_TAGS = {
    "djoser.views.UserViewSet": ACCOUNTS,
    "djoser.views.Token": TOKEN_LOGIN,
    "rest_framework_simplejwt.": JWT,
    "djoser.devicetokens.": DEVICE_TOKENS,
    "djoser.social.": SOCIAL,
    "djoser.webauthn.": PASSKEYS,
    "djoser.mfa.": TWO_FACTOR,
    "djoser.email_change.": EMAIL_CHANGE,
    "djoser.sessions.": SESSIONS,
}


def feature_tag(view_path):
    """The FEATURE_TAGS entry of ``view_path``, or None."""
    prefixes = [prefix for prefix in FEATURE_TAGS if view_path.startswith(prefix)]
    return FEATURE_TAGS[max(prefixes, key=len)] if prefixes else None


# Optional views (another extra) whose absence is not worth a warning.
OPTIONAL_VIEWS = {
    "rest_framework_simplejwt.views",
    "djoser.social.views",
    "djoser.webauthn.views",
    "djoser.devicetokens.views",
    "djoser.mfa.views",
    "djoser.sessions.views",
}

# Methods whose request body djoser reads (DELETE: current_password).
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

ERROR_DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
MESSAGE_LIST = {"type": "array", "items": {"type": "string"}}

ERROR_MEANINGS = {
    401: "Credentials are missing where required, or invalid.",
    403: "The signed-in account may not do this.",
    404: "No such account, or (HIDE_USERS) not one the caller may see.",
    429: "Too many requests; retry after the delay in Retry-After.",
    503: (
        "The cache holding the rate limits' counts is unreachable and this "
        "action fails closed (THROTTLE_CACHE_OUTAGE); retry after the delay "
        "in Retry-After."
    ),
}

DEVICE_PROOF_REQUEST = (
    "Proofs of earlier logins on this client (comma-separated), as a login "
    "answered them: a login naming one of their accounts is counted per "
    "proof, not per account, so strangers' failures cannot lock it out."
)
DEVICE_PROOF_RESPONSE = (
    "A proof of this login for the client to send back in the Device-Proof "
    "header of its next logins (browsers also get it as an HttpOnly cookie)."
)


def _device_proof_headers(operation):
    header = settings.DEVICE_PROOFS["HEADER"]
    return [
        OpenApiParameter(
            header, str, OpenApiParameter.HEADER, description=DEVICE_PROOF_REQUEST
        ),
        OpenApiParameter(
            header,
            str,
            OpenApiParameter.HEADER,
            description=DEVICE_PROOF_RESPONSE,
            response=[operation.status],
        ),
    ]


def _lookup(operations, action, method):
    for key in ((action, method), action, method):
        if key in operations:
            return operations[key]
    return None


# Component names for serializers whose own would clash: with
# COMPONENT_SPLIT_REQUEST, ProviderAuthSerializer's request component is
# "ProviderAuthRequest" too.
COMPONENT_NAMES = {SOCIAL_BEGIN: "ProviderAuthStart"}

# Serializers merged for a request body, by the parts and their field names.
_MERGED_SERIALIZERS = {}


def _serializer_name(serializer_class):
    return serializer_class.__name__.removesuffix("Serializer")


def merged_serializer(serializers_):
    """A serializer with the fields of every one of ``serializers_`` (instances).

    Made once per set of classes and field names, so a schema names one
    component once.
    """
    key = tuple((type(s), tuple(s.fields)) for s in serializers_)
    if key not in _MERGED_SERIALIZERS:
        name = "With".join(_serializer_name(type(s)) for s in serializers_)
        fields = {
            field_name: copy.deepcopy(field)
            for s in serializers_
            for field_name, field in s.fields.items()
        }
        _MERGED_SERIALIZERS[key] = type(
            f"{name}Serializer", (serializers.Serializer,), fields
        )
    return _MERGED_SERIALIZERS[key]


def _field_errors(field):
    """What the 400 body says about ``field``."""
    # A nested serializer, list or dict field answers messages of its own
    # (required, wrong type) or an object keyed by field, index or key.
    if isinstance(
        field,
        (serializers.BaseSerializer, serializers.ListField, serializers.DictField),
    ):
        return {
            "anyOf": [MESSAGE_LIST, {"type": "object"}],
            "description": "Messages, or messages by nested field or item.",
        }
    return {**MESSAGE_LIST, "description": "Messages about this field."}


class DjoserSchemaMixin:
    """Fills in an AutoSchema from ``operations`` and the live view."""

    operations = {}
    tag = None

    def _operation(self):
        return _lookup(self.operations, getattr(self.view, "action", None), self.method)

    def get_tags(self):
        operation = self._operation()
        tag = (operation and operation.tag) or self.tag
        return [tag] if tag else super().get_tags()

    def get_summary(self):
        operation = self._operation()
        return operation.summary if operation else super().get_summary()

    def get_description(self):
        operation = self._operation()
        own = operation.description if operation else ""
        return own or super().get_description()

    def get_serializer_name(self, serializer, direction):
        cls = serializer if isinstance(serializer, type) else type(serializer)
        own = COMPONENT_NAMES.get(f"{cls.__module__}.{cls.__qualname__}")
        return own or super().get_serializer_name(serializer, direction)

    def get_override_parameters(self):
        operation = self._operation()
        parameters = super().get_override_parameters()
        if operation is None:
            return parameters
        if operation.query is not None:
            parameters = [*parameters, import_string(operation.query)]
        if operation.login:
            parameters = [*parameters, *_device_proof_headers(operation)]
        return parameters

    def get_request_serializer(self):
        operation = self._operation()
        if operation is not None and not operation.request:
            return None
        serializer = super().get_request_serializer()
        if operation is None or not operation.extra_request:
            return serializer
        context = self.view.get_serializer_context()
        extras = [
            import_string(path)(context=context) for path in operation.extra_request
        ]
        return merged_serializer([serializer, *extras])

    def _get_request_body(self, direction="request"):
        if self.method != "DELETE":
            return super()._get_request_body(direction)
        # drf-spectacular only documents bodies of POST, PUT and PATCH, but
        # deleting an account takes current_password in the body.
        self.method = "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = "DELETE"

    def get_response_serializers(self):
        operation = self._operation()
        if operation is None:
            return super().get_response_serializers()
        request_serializer = None
        if self.method in BODY_METHODS:
            request_serializer = self.get_request_serializer()
        responses = {operation.status: self._success(operation, request_serializer)}
        checked = request_serializer
        if checked is None and operation.query is not None:
            checked = import_string(operation.query)
        if checked is not None:
            responses[400] = self._validation_error(checked, operation)
        elif operation.list_error:
            responses[400] = OpenApiResponse(
                MESSAGE_LIST, description="The request was refused."
            )
        error_detail = self._component("ErrorDetail", ERROR_DETAIL)
        for code, meaning in self._error_codes(operation):
            responses[code] = OpenApiResponse(error_detail, description=meaning)
        return responses

    def _success(self, operation, request_serializer):
        response = operation.response
        if response is None:
            return OpenApiResponse(description="Done; no body.")
        if isinstance(response, dict):
            return OpenApiResponse(response, description="The answer.")
        if response == SAME_AS_REQUEST:
            serializer = request_serializer
        elif response == VIEW_SERIALIZER:
            serializer = self.view.get_serializer_class()
        elif "." in response:
            serializer = import_string(response)
        else:
            serializer = getattr(settings.SERIALIZERS, response)
        if operation.many:
            serializer = serializer(many=True)
        return serializer

    def _error_codes(self, operation):
        codes = dict(operation.errors)
        # Without a WWW-Authenticate challenge DRF answers 403, not 401: so
        # does a view that authenticates nobody (social login).
        if self.view.get_authenticate_header(self.view.request):
            codes[401] = ERROR_MEANINGS[401]
        public = all(isinstance(p, AllowAny) for p in self.view.get_permissions())
        if not public:
            codes.setdefault(403, ERROR_MEANINGS[403])
        if "{" in self.path:
            codes[404] = ERROR_MEANINGS[404]
        if self.view.get_throttles() or self._rate_limited():
            codes[429] = ERROR_MEANINGS[429]
        if self._rate_limited():
            codes[503] = ERROR_MEANINGS[503]
        return sorted(codes.items())

    def _rate_limited(self):
        """Whether THROTTLE_RATES limits the view (as now configured)."""
        if not isinstance(self.view, ThrottleMixin):
            return False
        return bool(throttles_for(self.view.get_throttle_action()))

    def _validation_error(self, request_serializer, operation):
        """A named component listing the fields whose errors may come back."""
        serializer = request_serializer
        if isinstance(serializer, type):
            serializer = serializer(context=self.view.get_serializer_context())
        name = self.get_serializer_name(serializer, "request")
        # One component per shape: the same serializer may serve operations
        # that can and cannot answer a bare list.
        suffix = "ErrorOrList" if operation.list_error else "Error"
        name = name.removesuffix("Serializer") + suffix
        properties = {
            field_name: _field_errors(field)
            for field_name, field in serializer.fields.items()
            if not field.read_only
        }
        properties[api_settings.NON_FIELD_ERRORS_KEY] = _field_errors(None)
        field_errors = {"type": "object", "properties": properties}
        # Unparsable bodies answer {"detail": ...}.
        shapes = [field_errors, self._component("ErrorDetail", ERROR_DETAIL)]
        if operation.list_error:
            shapes.append(MESSAGE_LIST)
        reference = self._component(name, {"anyOf": shapes})
        return OpenApiResponse(reference, description="The request was refused.")

    def _component(self, name, schema):
        """Register ``schema`` under ``name`` (once); answer a reference to it."""
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        return component.ref


def _describe(view_path, operations):
    """Register a view extension that gives ``view_path`` our schema mixin."""

    class Extension(OpenApiViewExtension):
        target_class = view_path
        match_subclasses = True
        optional = view_path.rpartition(".")[0] in OPTIONAL_VIEWS

        def view_replacement(self):
            schema_class = type(
                "DjoserAutoSchema",
                (DjoserSchemaMixin, api_settings.DEFAULT_SCHEMA_CLASS),
                {"operations": operations, "tag": feature_tag(view_path)},
            )
            return type(
                self.target.__name__, (self.target,), {"schema": schema_class()}
            )

    Extension.__name__ = f"{view_path.rpartition('.')[2]}Extension"
    return Extension


DESCRIBED_VIEWS = [_describe(path, table) for path, table in OPERATIONS.items()]


class JWTScheme(OpenApiAuthenticationExtension):
    """simplejwt's header, naming every prefix it accepts.

    djoser's documentation has projects accept "JWT" (and often "Bearer"):
    the scheme uses the first prefix and its description lists the rest.
    """

    target_class = "rest_framework_simplejwt.authentication.JWTAuthentication"
    match_subclasses = True
    optional = True
    priority = 1
    name = "jwtAuth"

    def get_security_definition(self, auto_schema):
        from rest_framework_simplejwt.settings import api_settings as jwt_settings

        prefixes = jwt_settings.AUTH_HEADER_TYPES
        if isinstance(prefixes, str):
            prefixes = (prefixes,)
        definition = build_bearer_security_scheme_object(
            header_name=jwt_settings.AUTH_HEADER_NAME,
            token_prefix=prefixes[0],
            bearer_format="JWT",
        )
        if len(prefixes) > 1:
            accepted = ", ".join(f'"{prefix} <access token>"' for prefix in prefixes)
            definition["description"] = f"Authorization header: {accepted}."
        return definition


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    """djoser.devicetokens' keys: the Token header, a scheme of their own.

    DRF's TokenAuthentication already has "tokenAuth"; the two must not
    share a name.
    """

    target_class = "djoser.devicetokens.authentication.DeviceTokenAuthentication"
    match_subclasses = True
    optional = True
    priority = 1
    name = "deviceTokenAuth"

    def get_security_definition(self, auto_schema):
        definition = build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.keyword
        )
        definition["description"] = (
            f'Authorization header: "{self.target.keyword} dtk_..." '
            "with a device token key."
        )
        return definition
