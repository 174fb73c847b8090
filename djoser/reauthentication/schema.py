"""The OpenAPI description of reauthentication (djoser.schema).

Its own endpoints, and what every guarded operation answers besides its
own: the 401 asking for a fresh proof and, where the body may carry the
proof, the limit it counts against.
"""

from djoser.openapi import ERROR_MEANINGS, THROTTLED, Answer, Operation
from djoser.webauthn.schema import AUTHENTICATION_OPTIONS

PROOF = "djoser.reauthentication.serializers.ProofSerializer"

REQUIRED = Answer(
    401,
    "This change needs a fresh reauthentication (WWW-Authenticate: "
    "Reauthenticate): POST reauthenticate/ with one of the methods listed, "
    "or send the proof in the body, then repeat the request.",
    "ReauthenticationRequired",
    "djoser.reauthentication.serializers.ReauthenticationRequiredSerializer",
)
LIMIT = Answer(
    429,
    "Too many wrong passwords, codes or passkeys (THROTTLE_RATES reauthentication).",
    THROTTLED.component,
    THROTTLED.schema,
)
OUTAGE = Answer(
    503,
    "The cache that keeps rate limits and reauthentications cannot be "
    "reached; retry after Retry-After.",
)


def guarded_answers(proof_in_body, rate_limited):
    """What a guarded operation may answer besides its own answers."""
    answers = [REQUIRED]
    if proof_in_body and rate_limited:
        answers += [LIMIT, Answer(503, ERROR_MEANINGS[503])]
    return answers


# View class path -> {action or method: Operation} (djoser.schema).
OPERATIONS = {
    "djoser.reauthentication.views.ReauthenticateView": {
        "POST": Operation(
            "reauthenticate",
            "Reauthenticate: prove again who you are",
            200,
            "djoser.reauthentication.serializers.ReauthenticatedSerializer",
            list_error=True,
            errors=(LIMIT, OUTAGE),
            description="Marks the credential of this request (its token, JWT "
            "or session) as freshly reauthenticated for REAUTHENTICATION_TIMEOUT "
            "seconds. Send current_password; with two-factor sign-in on, a "
            "code (and current_password, if you like); or, instead, the "
            "passkey assertion (PublicKeyCredential.toJSON()) answering the "
            "options of reauthenticate/passkey_request/.",
        ),
    },
    "djoser.reauthentication.passkeys.PasskeyOptionsView": {
        "POST": Operation(
            "reauthenticate_passkey_request",
            "Reauthenticate: get options for one of the account's passkeys",
            200,
            AUTHENTICATION_OPTIONS,
            list_error=True,
            request=False,
        ),
    },
}
