"""OpenAPI descriptions of djoser's views, for drf-spectacular.

Imported by ``DjoserConfig.ready()`` only when drf-spectacular is installed.
Request bodies come from the views themselves (``get_serializer_class()``
reads the settings when the schema is generated), so retype fields, the
login and email field names, REQUIRED_FIELDS and a project's own
serializers show up as they are served. What a view cannot tell, its
operation id, success status and body, the other answers a client must
branch on and a summary, is written down in rows (``djoser.openapi``): here
for the accounts, token and JWT views, and in each feature's own
``schema`` module for the rest (``FEATURE_SCHEMAS``).

Describing another view is one entry in an ``OPERATIONS`` dict: its dotted
path and a row per action or method. ``tests/test_schema.py`` checks every operation
of the generated schema against the rules below (an explicit operation id,
a summary and no code docstring, a tag from ``TAGS``, JSON request bodies),
so a view without a row fails there with the row to add.
"""

import copy
from importlib import import_module

from django.contrib.auth import get_user_model
from django.utils.module_loading import import_string
from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiViewExtension,
)
from drf_spectacular.plumbing import (
    ResolvedComponent,
    build_bearer_security_scheme_object,
    get_class,
    get_doc,
)
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.settings import api_settings

from djoser.conf import settings
from djoser.openapi import (
    EMPTY_OBJECT,
    ERROR_DETAIL,
    ERROR_MEANINGS,
    MESSAGE_LIST,
    MFA_CHALLENGE,
    SAME_AS_REQUEST,
    THROTTLED,
    VIEW_SERIALIZER,
    Answer,
    OneOf,
    Operation,
)
from djoser.reauthentication import schema as reauthentication_schema
from djoser.throttling import ThrottleMixin, throttles_for

STALE_TOKEN = Answer(403, "The account is already active (stale token).")
BLACKLIST_MISSING = Answer(
    501, "rest_framework_simplejwt.token_blacklist is not installed."
)
# Response headers by status: DRF answers every 401 with a challenge (that
# is how it tells 401 from 403), and djoser's limits every 429 with a delay.
RESPONSE_HEADERS = {
    401: OpenApiParameter(
        "WWW-Authenticate",
        str,
        OpenApiParameter.HEADER,
        required=True,
        response=[401],
        description='"MFA" for the two-factor challenge; otherwise the '
        "scheme to authenticate with (Token, Bearer, ...).",
    ),
    429: OpenApiParameter(
        "Retry-After",
        str,
        OpenApiParameter.HEADER,
        response=[429],
        description="Seconds to wait before trying again.",
    ),
}

NO_BODY_400 = (
    "Answers 400 without a body when SEND_ACTIVATION_EMAIL is off; otherwise "
    "204 whether or not the address belongs to an inactive account."
)
BODILESS_400 = (
    "Refused; no body, whatever was sent, as long as the setting stays off "
    "(an unreadable or invalid body answers its messages)."
)
SAME_ANSWER = (
    "Answers 204 whether or not the address belongs to an account, unless the "
    "matching *_SHOW_EMAIL_NOT_FOUND setting is on (then 400 with a list)."
)

# View class path -> {action or (action, method) or method: Operation}.
OPERATIONS = {
    "djoser.views.UserViewSet": {
        "list": Operation(
            "users_list", "List the accounts the caller may see", 200, "user", True
        ),
        "create": Operation(
            "users_create",
            "Register an account",
            201,
            SAME_AS_REQUEST,
            list_error=True,
            description="With SEND_ACTIVATION_EMAIL the account starts inactive "
            "and an activation email is sent; USER_CREATE_PASSWORD_RETYPE adds "
            "re_password. A database conflict answers 400 with a list.",
        ),
        "retrieve": Operation("users_retrieve", "Read an account", 200, "user"),
        "update": Operation(
            "users_update", "Replace an account's fields", 200, SAME_AS_REQUEST
        ),
        "partial_update": Operation(
            "users_partial_update", "Change an account's fields", 200, SAME_AS_REQUEST
        ),
        "destroy": Operation(
            "users_destroy", "Delete an account (current_password required)"
        ),
        ("me", "GET"): Operation(
            "users_me_retrieve", "Read the signed-in account", 200, "current_user"
        ),
        ("me", "PUT"): Operation(
            "users_me_update",
            "Replace the signed-in account's fields",
            200,
            SAME_AS_REQUEST,
        ),
        ("me", "PATCH"): Operation(
            "users_me_partial_update",
            "Change the signed-in account's fields",
            200,
            SAME_AS_REQUEST,
        ),
        ("me", "DELETE"): Operation("users_me_destroy", "Delete the signed-in account"),
        "activation": Operation(
            "users_activation",
            "Activate an account from its emailed link",
            errors=(STALE_TOKEN,),
        ),
        "resend_activation": Operation(
            "users_resend_activation",
            "Send the activation email again",
            description=NO_BODY_400,
            bodiless_400=lambda: not settings.SEND_ACTIVATION_EMAIL,
        ),
        "set_password": Operation(
            "users_set_password",
            "Change the password",
            description="SET_PASSWORD_RETYPE adds re_new_password; "
            "LOGOUT_ON_PASSWORD_CHANGE deletes the account's tokens.",
        ),
        "reset_password": Operation(
            "users_reset_password",
            "Email a password reset link",
            list_error=True,
            description=SAME_ANSWER,
        ),
        "reset_password_confirm": Operation(
            "users_reset_password_confirm",
            "Set a new password from an emailed link",
            description="PASSWORD_RESET_CONFIRM_RETYPE adds re_new_password.",
        ),
        "set_username": Operation(
            "users_set_username",
            "Change the login name",
            description="The path and the field follow LOGIN_FIELD "
            "(set_email/ takes new_email); SET_USERNAME_RETYPE adds the "
            "retyped field (re_new_email).",
        ),
        "reset_username": Operation(
            "users_reset_username",
            "Email a login name reset link",
            list_error=True,
            description=SAME_ANSWER,
        ),
        "reset_username_confirm": Operation(
            "users_reset_username_confirm",
            "Set a new login name from an emailed link",
            description="USERNAME_RESET_CONFIRM_RETYPE adds the retyped field.",
        ),
    },
    "djoser.views.TokenCreateView": {
        "POST": Operation(
            "token_login",
            "Log in: get an authentication token",
            200,
            "token",
            errors=(MFA_CHALLENGE,),
            login=True,
        ),
    },
    "djoser.views.TokenDestroyView": {
        "POST": Operation(
            "token_logout", "Log out: delete the account's tokens", request=False
        ),
    },
    "rest_framework_simplejwt.views.TokenObtainPairView": {
        "POST": Operation(
            "jwt_create",
            "Log in: get a JSON Web Token pair",
            200,
            SAME_AS_REQUEST,
            errors=(MFA_CHALLENGE,),
            login=True,
            login_field_alias=True,
        ),
    },
    "rest_framework_simplejwt.views.TokenRefreshView": {
        "POST": Operation(
            "jwt_refresh", "Get a new access token", 200, SAME_AS_REQUEST
        ),
    },
    "rest_framework_simplejwt.views.TokenVerifyView": {
        "POST": Operation(
            "jwt_verify",
            "Check that a token is valid",
            200,
            EMPTY_OBJECT,
            description="Answers an empty object for a valid token, 401 for "
            "an expired, blacklisted or malformed one.",
        ),
    },
    "rest_framework_simplejwt.views.TokenBlacklistView": {
        "POST": Operation(
            "jwt_blacklist",
            "Log a refresh token out",
            200,
            EMPTY_OBJECT,
            errors=(BLACKLIST_MISSING,),
            description="Its access tokens stay valid until they expire.",
        ),
    },
}

# Tags, in the order Swagger UI, ReDoc and generated clients show them, with
# what each groups: the account, the ways to sign in, what a signed-in user
# manages, then the deployment's description and the browser client. Every
# operation's tag must be one of these (tests/test_schema.py), and
# docs/openapi.rst lists them all in this order (tests/test_docs.py); a new
# feature adds a row in its place.
ACCOUNTS = "accounts"
EMAIL_CHANGE = "email change"
RECOVERY = "recovery"
TOKEN_LOGIN = "token login"
JWT = "jwt"
CODES = "codes"
TWO_FACTOR = "two-factor"
PASSKEYS = "passkeys"
SOCIAL = "social"
DEVICE_TOKENS = "device tokens"
SESSIONS = "sessions"
REAUTHENTICATION = "reauthentication"
CONFIG = "config"
BROWSER_CLIENT = "browser client"
TAGS = {
    ACCOUNTS: "Registration, activation, the signed-in account, and password "
    "and login name changes and resets.",
    EMAIL_CHANGE: "Changing the email address through a link sent to the new "
    "one, and undoing it from the old one.",
    RECOVERY: 'Taking the account back from the "this was not me" link of a '
    "new authenticator's notice.",
    TOKEN_LOGIN: "Logging in and out with an authentication token "
    "(Authorization: Token ...).",
    JWT: "Logging in with a JSON Web Token pair; refreshing, checking and "
    "blacklisting tokens.",
    CODES: "Signing in with a code sent by email, and activation and password "
    "reset by code instead of a link.",
    TWO_FACTOR: "An authenticator app (TOTP) and recovery codes, and the "
    "second step of a login.",
    PASSKEYS: "Signing up and logging in with passkeys (WebAuthn), and managing them.",
    SOCIAL: "Logging in through an OAuth2 or OpenID Connect provider (its "
    "redirect, or a native app's ID token), and the provider accounts linked to "
    "the signed-in user.",
    DEVICE_TOKENS: "One token per device: listing, revoking, logging out everywhere.",
    SESSIONS: "Every signed-in device of the account: listing them, ending one, "
    "ending all the others.",
    REAUTHENTICATION: "A fresh proof of who you are, which changes to how the "
    "account is reached ask for.",
    CONFIG: "What the deployment offers, for clients to adapt to.",
    BROWSER_CLIENT: "The browser client's CSRF token. Its other operations "
    "(operation ids browser_...) are the features' own, with credentials in "
    "HttpOnly cookies.",
}

# The feature each described view belongs to, by the longest prefix of its
# dotted path (its OPERATIONS key). A feature in a package of its own adds
# its prefix here (two-factor: "djoser.mfa."); one that adds actions to a
# view of another feature sets Operation.tag on them.
FEATURE_TAGS = {
    "djoser.views.UserViewSet": ACCOUNTS,
    "djoser.views.Token": TOKEN_LOGIN,
    "rest_framework_simplejwt.": JWT,
    "djoser.devicetokens.": DEVICE_TOKENS,
    "djoser.social.": SOCIAL,
    "djoser.webauthn.": PASSKEYS,
    "djoser.mfa.": TWO_FACTOR,
    "djoser.email_change.": EMAIL_CHANGE,
    "djoser.not_me.": RECOVERY,
    "djoser.sessions.": SESSIONS,
    "djoser.client_config.": CONFIG,
    "djoser.reauthentication.": REAUTHENTICATION,
    "djoser.codes.": CODES,
}


def feature_tag(view_path):
    """The FEATURE_TAGS entry of ``view_path``, or None."""
    prefixes = [prefix for prefix in FEATURE_TAGS if view_path.startswith(prefix)]
    return FEATURE_TAGS[max(prefixes, key=len)] if prefixes else None


def order_tags(result, generator, request, public):
    """drf-spectacular postprocessing hook: list the tags in TAGS order.

    Add ``"djoser.schema.order_tags"`` to SPECTACULAR_SETTINGS'
    POSTPROCESSING_HOOKS. The schema's top-level ``tags`` then names each
    of djoser's tags in use, in TAGS order with its description, ahead of
    the project's own (SPECTACULAR_SETTINGS TAGS, kept as written).
    """
    used = {
        tag
        for methods in result.get("paths", {}).values()
        for operation in methods.values()
        if isinstance(operation, dict)
        for tag in operation.get("tags", ())
    }
    own = {tag["name"]: tag for tag in result.get("tags", [])}
    ordered = [
        own.pop(name, {"name": name, "description": description})
        for name, description in TAGS.items()
        if name in used
    ]
    result["tags"] = ordered + list(own.values())
    return result


# Optional views (another extra) whose absence is not worth a warning.
OPTIONAL_VIEWS = {
    "rest_framework_simplejwt.views",
    "djoser.social.views",
    "djoser.webauthn.views",
    "djoser.devicetokens.views",
    "djoser.mfa.views",
    "djoser.sessions.views",
    "djoser.codes.views",
}

# Methods whose request body djoser reads (DELETE: current_password).
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


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
    successes = [operation.status, *(a.status for a in operation.other_successes)]
    return [
        OpenApiParameter(
            header, str, OpenApiParameter.HEADER, description=DEVICE_PROOF_REQUEST
        ),
        OpenApiParameter(
            header,
            str,
            OpenApiParameter.HEADER,
            description=DEVICE_PROOF_RESPONSE,
            response=successes,
        ),
    ]


def _lookup(operations, action, method):
    for key in ((action, method), action, method):
        if key in operations:
            return operations[key]
    return None


def described_view_path(view_class):
    """The OPERATIONS key that describes ``view_class``: its closest ancestor's.

    A subclass of a described view (the undo view is one of the confirm
    view) is described by its own row where it has one.
    """
    for klass in view_class.__mro__:
        path = f"{klass.__module__}.{klass.__qualname__}"
        if path in OPERATIONS:
            return path
    return None


# Serializer path -> component name, where a serializer's own would clash
# (from the features' schema modules).
COMPONENT_NAMES = {}

# The features' own rows: each package's schema module, with its
# OPERATIONS (and COMPONENT_NAMES where a name would clash). A new feature
# registers here.
FEATURE_SCHEMAS = [
    "djoser.email_change.schema",
    "djoser.not_me.schema",
    "djoser.social.schema",
    "djoser.webauthn.schema",
    "djoser.mfa.schema",
    "djoser.devicetokens.schema",
    "djoser.sessions.schema",
    "djoser.client_config.schema",
    "djoser.reauthentication.schema",
    "djoser.codes.schema",
]
for feature_schema in map(import_module, FEATURE_SCHEMAS):
    OPERATIONS.update(feature_schema.OPERATIONS)
    COMPONENT_NAMES.update(getattr(feature_schema, "COMPONENT_NAMES", {}))


def _instance(serializer, context):
    return serializer(context=context) if isinstance(serializer, type) else serializer


def _of_class(serializer, serializer_class):
    """Whether ``serializer`` (a class or an instance) is of ``serializer_class``."""
    cls = serializer if isinstance(serializer, type) else type(serializer)
    return cls is serializer_class


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


# The view's login serializer with the LOGIN_FIELD name beside
# USERNAME_FIELD's, by class and the two names: one class per schema, so the
# app's and the browser client's jwt/create share one component.
_LOGIN_FIELD_SERIALIZERS = {}


def _with_login_field(serializer, context):
    """``serializer`` (jwt/create's) taking the login under either name.

    Where LOGIN_FIELD is not USERNAME_FIELD, the view reads the login from
    either (djoser.jwt_views.login_body): both are listed, neither alone
    required, so a generated client may send ``{"email", "password"}``.
    """
    login_field = settings.LOGIN_FIELD
    username_field = get_user_model().USERNAME_FIELD
    base = serializer if isinstance(serializer, type) else type(serializer)
    if (
        login_field == username_field
        or username_field not in _instance(serializer, context).fields
    ):
        return serializer
    key = (base, login_field, username_field)
    if key not in _LOGIN_FIELD_SERIALIZERS:

        def __init__(self, *args, **kwargs):
            base.__init__(self, *args, **kwargs)
            self.fields[username_field] = serializers.CharField(
                write_only=True,
                required=False,
                help_text=f"The login; or send it as {login_field}.",
            )
            self.fields[login_field] = serializers.CharField(
                write_only=True,
                required=False,
                help_text=f"The login (LOGIN_FIELD); {username_field} wins "
                "when both are sent.",
            )

        # A name of its own: drf-spectacular describes simplejwt's
        # serializer (the answer, access and refresh) by its class.
        name = f"{base.__name__.removesuffix('Serializer')}ByLoginFieldSerializer"
        _LOGIN_FIELD_SERIALIZERS[key] = type(
            name, (base,), {"__init__": __init__, "__module__": __name__}
        )
    return _LOGIN_FIELD_SERIALIZERS[key](context=context)


NESTED_ERRORS = {
    "type": "object",
    "additionalProperties": True,
    "description": "Messages by nested field, index or key.",
}


def _field_errors(field):
    """What the 400 body says about ``field``."""
    # A nested serializer, list or dict field answers messages of its own
    # (required, wrong type) or an object keyed by field, index or key.
    if isinstance(
        field,
        (serializers.BaseSerializer, serializers.ListField, serializers.DictField),
    ):
        return {
            "oneOf": [MESSAGE_LIST, NESTED_ERRORS],
            "description": "Messages, or messages by nested field or item.",
        }
    return {**MESSAGE_LIST, "description": "Messages about this field."}


def is_json_media_type(media_type):
    base = media_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _documented_by_djoser(serializer_class):
    """Whether the docstring drf-spectacular reads for ``serializer_class`` is
    one of djoser's (its own, or inherited by a class without one)."""
    doc = get_doc(serializer_class)
    return bool(doc) and any(
        klass.__module__.startswith("djoser.") and get_doc(klass) == doc
        for klass in serializer_class.__mro__
    )


class DjoserSchemaMixin:
    """Fills in an AutoSchema from ``operations`` and the live view."""

    operations = {}
    tag = None

    def _operation(self):
        return _lookup(self.operations, getattr(self.view, "action", None), self.method)

    def get_operation_id(self):
        operation = self._operation()
        return operation.operation_id if operation else super().get_operation_id()

    def get_tags(self):
        operation = self._operation()
        tag = (operation and operation.tag) or self.tag
        return [tag] if tag else super().get_tags()

    def get_summary(self):
        operation = self._operation()
        return operation.summary if operation else super().get_summary()

    def get_description(self):
        # Never the view's docstring: that is written for the code's readers.
        operation = self._operation()
        return operation.description if operation else super().get_description()

    def get_auth(self):
        # Anyone may call it: no scheme is listed, so generated clients call
        # it without credentials (a bad Authorization header still answers
        # the documented 401).
        if self._public():
            return []
        return super().get_auth()

    def _public(self):
        return all(isinstance(p, AllowAny) for p in self.view.get_permissions())

    def map_parsers(self):
        """JSON only, unless SCHEMA_FORM_BODIES lists every parser's type.

        The views parse what DEFAULT_PARSER_CLASSES allows either way; a
        body listed under three content types with one schema trips up
        client generators.
        """
        media_types = super().map_parsers()
        if settings.SCHEMA_FORM_BODIES:
            return media_types
        return [t for t in media_types if is_json_media_type(t)] or media_types

    def _map_basic_serializer(self, serializer, direction):
        # drf-spectacular describes a component with its serializer's
        # docstring: djoser's are written for the code's readers, never
        # published. A project's own serializer keeps its own.
        schema = super()._map_basic_serializer(serializer, direction)
        cls = serializer if isinstance(serializer, type) else type(serializer)
        if _documented_by_djoser(cls):
            schema.pop("description", None)
        return schema

    def get_serializer_name(self, serializer, direction):
        cls = serializer if isinstance(serializer, type) else type(serializer)
        own = COMPONENT_NAMES.get(f"{cls.__module__}.{cls.__qualname__}")
        return own or super().get_serializer_name(serializer, direction)

    def get_override_parameters(self):
        parameters = [*super().get_override_parameters(), *RESPONSE_HEADERS.values()]
        operation = self._operation()
        if operation is None:
            return parameters
        if operation.query is not None:
            parameters = [*parameters, import_string(operation.query)]
        if operation.login:
            parameters = [*parameters, *_device_proof_headers(operation)]
        return parameters

    def get_request_serializer(self):
        operation = self._operation()
        proof = self._proof_in_body()
        if operation is not None and not operation.request:
            return proof
        serializer = super().get_request_serializer()
        extra_paths = operation.extra_request if operation is not None else ()
        context = self.view.get_serializer_context()
        if operation is not None and operation.login_field_alias and serializer:
            serializer = _with_login_field(serializer, context)
        extras = [import_string(path)(context=context) for path in extra_paths]
        if proof is not None and not _of_class(serializer, type(proof)):
            # The view's own fields win: POST mfa/totp/ requires its code.
            own = _instance(serializer, context).fields if serializer else {}
            for name in [name for name in proof.fields if name in own]:
                del proof.fields[name]
            extras.append(proof)
        if not extras:
            return serializer
        return merged_serializer([serializer, *extras])

    def _reauthentication(self):
        """None where the operation needs no reauthentication; else whether
        the view's own serializer checks current_password
        (djoser.reauthentication.requirement)."""
        needs = getattr(self.view, "needs_reauthentication", None)
        if needs is None or not needs(self.method):
            return None
        return self.view.serializer_checks_password

    def _proof_in_body(self):
        """The proof's serializer, where the body may carry it beside its own."""
        if self._reauthentication() is False and self.method in BODY_METHODS:
            proof_class = import_string(reauthentication_schema.PROOF)
            return proof_class(context={"request": self.view.request})
        return None

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
                self._component("MessageList", MESSAGE_LIST),
                description="The request was refused.",
            )
        if operation.bodiless_400 is not None and operation.bodiless_400():
            responses[400] = OpenApiResponse(description=BODILESS_400)
        by_status = {}
        for answer in self._answers(operation):
            by_status.setdefault(answer.status, []).append(answer)
        for status_code, answers in by_status.items():
            responses[status_code] = self._answer_response(answers)
        return dict(sorted(responses.items()))

    def _answer_response(self, answers):
        """One response for the answers of a status: either body, all meanings."""
        references = []
        for answer in answers:
            reference = self._reference(answer.component, answer.schema)
            if reference not in references:
                references.append(reference)
        schema = references[0] if len(references) == 1 else {"oneOf": references}
        description = " Or: ".join(answer.meaning for answer in answers)
        return OpenApiResponse(schema, description=description)

    def _reference(self, name, schema):
        """A reference to ``schema`` (ErrorDetail for None) registered as ``name``."""
        if isinstance(schema, OneOf):
            return self._one_of(schema)
        if isinstance(schema, str):
            return self.resolve_serializer(import_string(schema), "response").ref
        return self._component(name, ERROR_DETAIL if schema is None else schema)

    def _one_of(self, one_of):
        references = [self._component(name, shape) for name, _, shape in one_of.shapes]
        schema = {"oneOf": references}
        if one_of.discriminator:
            values = [value for _, value, _ in one_of.shapes]
            schema["discriminator"] = {
                "propertyName": one_of.discriminator,
                "mapping": {
                    value: reference["$ref"]
                    for value, reference in zip(values, references, strict=True)
                },
            }
        return schema

    def _success(self, operation, request_serializer):
        response = operation.response
        if response is None:
            return OpenApiResponse(description="Done; no body.")
        if isinstance(response, OneOf):
            return OpenApiResponse(self._one_of(response), description="The answer.")
        if isinstance(response, dict):
            return OpenApiResponse(response, description="The answer.")
        if response == SAME_AS_REQUEST and operation.login_field_alias:
            # The answer is the view's serializer's, whatever the body's names.
            serializer = super().get_request_serializer()
        elif response == SAME_AS_REQUEST:
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

    def _answers(self, operation):
        """The row's answers that apply here, then those derived from the view."""
        rows = [
            answer if isinstance(answer, Answer) else Answer(*answer)
            for answer in (*operation.other_successes, *operation.errors)
        ]
        answers = [a for a in rows if a.applies is None or a.applies()]
        # Without a WWW-Authenticate challenge DRF answers 403, not 401: so
        # does a view that authenticates nobody (social login).
        derived = []
        if self.view.get_authenticate_header(self.view.request):
            derived.append(Answer(401, ERROR_MEANINGS[401]))
        if not self._public():
            derived.append(Answer(403, ERROR_MEANINGS[403]))
        if "{" in self.path:
            derived.append(Answer(404, ERROR_MEANINGS[404]))
        if self.view.get_throttles() or self._rate_limited():
            derived.append(THROTTLED)
        if self._rate_limited():
            derived.append(Answer(503, ERROR_MEANINGS[503]))
        if self._reauthentication() is not None:
            derived += reauthentication_schema.guarded_answers(
                proof_in_body=self.method in BODY_METHODS,
                rate_limited=bool(throttles_for("reauthentication")),
            )
        # A row's answer replaces a derived one of the same status and body
        # (a 429 that says which limit it is).
        own = {(answer.status, answer.component) for answer in answers}
        answers += [a for a in derived if (a.status, a.component) not in own]
        return answers

    def _rate_limited(self):
        """Whether THROTTLE_RATES limits the view (as now configured)."""
        if not isinstance(self.view, ThrottleMixin):
            return False
        return bool(throttles_for(self.view.get_throttle_action()))

    def _validation_error(self, request_serializer, operation):
        """A named component listing the fields whose errors may come back.

        The body is one of: ``{"detail": ...}`` for an unreadable body, an
        object of messages by field (``<Name>FieldErrors``), or where the
        operation may answer one, a bare list of messages.
        """
        serializer = request_serializer
        if isinstance(serializer, type):
            serializer = serializer(context=self.view.get_serializer_context())
        name = self.get_serializer_name(serializer, "request")
        name = name.removesuffix("Serializer")
        properties = {
            field_name: _field_errors(field)
            for field_name, field in serializer.fields.items()
            if not field.read_only
        }
        properties[api_settings.NON_FIELD_ERRORS_KEY] = _field_errors(None)
        field_errors = self._component(
            f"{name}FieldErrors", {"type": "object", "properties": properties}
        )
        shapes = [self._component("ErrorDetail", ERROR_DETAIL), field_errors]
        # One component per shape: the same serializer may serve operations
        # that can and cannot answer a bare list.
        suffix = "Error"
        if operation.list_error:
            shapes.append(self._component("MessageList", MESSAGE_LIST))
            suffix = "ErrorOrList"
        reference = self._component(name + suffix, {"anyOf": shapes})
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

        @classmethod
        def _matches(cls, target):
            # Subclasses too, unless a closer ancestor has rows of its own.
            if not super()._matches(target):
                return False
            return described_view_path(get_class(target)) == view_path

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
