"""OpenAPI descriptions of djoser.codes' endpoints (rows of ``djoser.schema``).

Imported by ``DjoserConfig.ready()`` with ``djoser.schema``, only when
drf-spectacular is installed.
"""

from djoser.schema import Operation, _describe, _object

STRING = {"type": "string"}
LOGIN_TOKEN = _object(["login_token"], login_token=STRING)
# What login/code/confirm/ answers: token/login/'s body, or jwt/create/'s.
CODE_LOGIN_ANSWER = {
    "anyOf": [
        _object(["auth_token"], auth_token=STRING),
        _object(["refresh", "access"], refresh=STRING, access=STRING),
    ]
}
MFA_REQUIRED = (
    401,
    'Two-factor sign-in is on: {"mfa_required": true, "mfa_token": ..., '
    '"methods": [...]}; finish at mfa/verify/.',
)
OFF = (404, "This use of codes is off (DJOSER['CODES']).")

OPERATIONS = {
    "djoser.codes.views.LoginCodeRequestView": {
        "POST": Operation(
            "Login by code: email a code",
            202,
            LOGIN_TOKEN,
            errors=(OFF,),
            description="Give the account's email address (or its LOGIN_FIELD). "
            "Answers 202 and a login_token the same way whether the account "
            "exists, is inactive or not: only an active account is emailed a "
            "code. A new request ends the code asked for before.",
        ),
    },
    "djoser.codes.views.LoginCodeResendView": {
        "POST": Operation(
            "Login by code: email a new code",
            202,
            LOGIN_TOKEN,
            errors=(OFF,),
            description="A new code for the same login_token; the old one "
            "stops working, and the tries already made still count.",
        ),
    },
    "djoser.codes.views.LoginCodeConfirmView": {
        "POST": Operation(
            "Login by code: sign in with the code",
            200,
            CODE_LOGIN_ANSWER,
            errors=(MFA_REQUIRED, OFF),
            login=True,
            description="Answers what token/login/ answers, or jwt/create/ "
            'with {"kind": "jwt"} (default: CODES["LOGIN_KIND"]). A code works '
            'once, for CODES["LIFETIME"], and a login_token gets '
            'CODES["MAX_ATTEMPTS"] tries: a wrong code answers 400 under '
            '"code", a dead token under "login_token".',
        ),
    },
    "djoser.codes.views.ActivationCodeView": {
        "POST": Operation(
            "Activate an account with the emailed code",
            errors=((403, "The account is already active."), OFF),
            description="Takes the account's uid, email address or LOGIN_FIELD, "
            "and the code the activation email carried "
            '(CODES["ACTIVATION"]). A wrong code, an unknown account and an '
            "expired code answer the same 400.",
        ),
    },
    "djoser.codes.views.PasswordResetCodeView": {
        "POST": Operation(
            "Reset the password with the emailed code",
            errors=(OFF,),
            description="Takes the account's uid, email address or LOGIN_FIELD, "
            'the code the reset email carried (CODES["PASSWORD_RESET"]) and '
            "the new password. As reset_password_confirm, every credential "
            "the account held is revoked.",
        ),
    },
}

DESCRIBED_VIEWS = [_describe(path, rows) for path, rows in OPERATIONS.items()]
