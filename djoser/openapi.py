"""The vocabulary of djoser's OpenAPI descriptions, shared by every feature.

``Operation`` is one row of a view's description, ``Answer`` a documented
response besides the success one, ``OneOf`` a body of several named shapes.
Each feature describes its own views in its package's ``schema`` module
with these (``djoser/mfa/schema.py``); ``djoser.schema`` collects the rows
and turns them into drf-spectacular extensions. Nothing here imports
drf-spectacular.
"""

from dataclasses import dataclass

from django.apps import apps as django_apps

# Sentinels for ``Operation.response``: the success body is the request
# serializer's representation (create, update, JWT views), or that of the
# serializer the view names (lists, details, passkey signup).
SAME_AS_REQUEST = "same as request"
VIEW_SERIALIZER = "the view's serializer"


def json_object(required, **properties):
    return {"type": "object", "properties": properties, "required": list(required)}


STRING = {"type": "string"}
ERROR_DETAIL = json_object(["detail"], detail=STRING)
MESSAGE_LIST = {"type": "array", "items": STRING}
EMPTY_OBJECT = {"type": "object", "maxProperties": 0}


def one_value(value):
    """A string property that always holds ``value`` (a discriminator).

    Not an enum: drf-spectacular's enum hook would make each a component of
    its own; the discriminator's mapping already tells generators the value.
    """
    return {"type": "string", "description": f'Always "{value}".'}


@dataclass(frozen=True)
class OneOf:
    """A body of several shapes, each a component of its own.

    ``shapes`` holds (component name, discriminator value, schema) triples.
    With ``discriminator``, every shape has that property, holding the value
    that names it, so generated clients tell the shapes apart without
    guessing.
    """

    shapes: tuple
    discriminator: str | None = None


def mfa_installed():
    return django_apps.is_installed("djoser.mfa")


def social_installed():
    return django_apps.is_installed("social_django")


@dataclass(frozen=True)
class Answer:
    """A response besides the success one, with a body of its own.

    ``component`` names the body's schema in the document, ``schema`` is it:
    a dict, a OneOf, a serializer's dotted path (its own component, whose
    name wins), or None for ``{"detail": ...}``. ``applies``, when set, says
    whether this deployment can give the answer at all (the two-factor
    challenge needs djoser.mfa). Answers of one status are documented
    together: a body of either shape (``oneOf``).
    """

    status: int
    meaning: str
    component: str = "ErrorDetail"
    schema: dict | OneOf | str | None = None
    applies: object = None


@dataclass(frozen=True)
class Operation:
    """What the schema says about one view action (or one method of it)."""

    # The operationId: stable and readable, what generated clients name
    # their functions after (users_create, jwt_create, mfa_verify).
    operation_id: str
    summary: str
    status: int = 204
    # A SERIALIZERS key, a serializer's dotted path, SAME_AS_REQUEST,
    # VIEW_SERIALIZER, a raw JSON schema (dict), a OneOf, or None for no body.
    response: str | dict | OneOf | None = None
    many: bool = False
    # Error answers besides the 400/401/403/404/429 derived from the view:
    # Answer rows (an Answer replaces a derived one of the same status and
    # component), or (status, meaning) pairs for a {"detail": ...} body.
    errors: tuple = ()
    # More success answers (Answer rows), where the operation has several
    # success statuses (mfa/verify/: 201 for a provider login).
    other_successes: tuple = ()
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
    # The body also takes the login under the LOGIN_FIELD name where it is
    # not USERNAME_FIELD (jwt/create/: djoser.jwt_views.login_body).
    login_field_alias: bool = False
    # Whether, as now configured, a valid body is answered 400 without a
    # body (resend_activation/ while SEND_ACTIVATION_EMAIL is off, as in
    # djoser 2.x): the 400 is then documented without one, which generated
    # clients do not try to parse.
    bodiless_400: object = None


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

THROTTLED = Answer(
    429,
    ERROR_MEANINGS[429],
    "Throttled",
    json_object(
        ["detail"],
        detail={**STRING, "description": "Says when to try again, for people."},
    ),
)
# djoser.mfa's MFA["REQUIRED_FOR_STAFF"] at a login that asks for no code
# (djoser.mfa.login.SecondStepNotSetUp).
STAFF_WITHOUT_MFA = Answer(
    403,
    "A staff account without two-factor sign-in, while MFA REQUIRED_FOR_STAFF "
    "is on (code mfa_setup_required).",
    applies=mfa_installed,
)
# The documented 401 of a login whose account has two-factor sign-in on
# (djoser.mfa.login.SecondStepRequired).
MFA_CHALLENGE = Answer(
    401,
    "The credentials were right, but the account signs in with a second "
    "step (WWW-Authenticate: MFA): post mfa_token and a code to mfa/verify/.",
    "MFAChallenge",
    json_object(
        ["mfa_required", "mfa_token", "methods"],
        mfa_required={"type": "boolean", "description": "Always true."},
        mfa_token={**STRING, "description": "Single use; post it to mfa/verify/."},
        methods={
            "type": "array",
            "items": STRING,
            "description": 'What mfa/verify/ takes: "totp", "recovery_code".',
        },
    ),
    applies=mfa_installed,
)
