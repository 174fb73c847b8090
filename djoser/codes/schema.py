"""The OpenAPI description of djoser.codes' endpoints (djoser.schema)."""

from djoser.openapi import (
    MFA_CHALLENGE,
    STRING,
    Answer,
    OneOf,
    Operation,
    json_object,
)

LOGIN_TOKEN = json_object(
    ["login_token"],
    login_token={**STRING, "description": "Send it back with the emailed code."},
)
# What login/code/confirm/ answers: exactly token/login/'s body, or
# jwt/create/'s. The two shapes share no property, so a client tells them
# apart by the one it finds.
CODE_LOGIN_ANSWER = OneOf(
    (
        ("CodeTokenLogin", None, json_object(["auth_token"], auth_token=STRING)),
        (
            "CodeJWTLogin",
            None,
            json_object(["refresh", "access"], refresh=STRING, access=STRING),
        ),
    )
)
OFF = Answer(404, "This use of codes is off (DJOSER['CODES']).")
ALREADY_ACTIVE = Answer(403, "The account is already active.")

OPERATIONS = {
    "djoser.codes.views.LoginCodeRequestView": {
        "POST": Operation(
            "login_code_request",
            "Login by code: email a code",
            202,
            LOGIN_TOKEN,
            errors=(OFF,),
            description="Takes the account's email address (or its "
            "LOGIN_FIELD). Answers 202 and a login_token alike whether the "
            "account exists, is inactive or not: only an active account is "
            "emailed a code. A new request ends the code asked for before.",
        ),
    },
    "djoser.codes.views.LoginCodeResendView": {
        "POST": Operation(
            "login_code_resend",
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
            "login_code_confirm",
            "Login by code: sign in with the emailed code",
            200,
            CODE_LOGIN_ANSWER,
            errors=(MFA_CHALLENGE, OFF),
            login=True,
            description="Answers what token/login/ answers, or jwt/create/ with "
            '{"kind": "jwt"} (default: CODES["LOGIN_KIND"]). A code works once, '
            'for CODES["LIFETIME"], and a login_token gets CODES["MAX_ATTEMPTS"] '
            'tries: a wrong code answers 400 under "code", a dead login_token '
            'under "login_token".',
        ),
    },
    "djoser.codes.views.ActivationCodeView": {
        "POST": Operation(
            "users_activation_code",
            "Activate an account with the emailed code",
            errors=(ALREADY_ACTIVE, OFF),
            description="Takes the account's uid, email address or LOGIN_FIELD, "
            'and the code the activation email carried (CODES["ACTIVATION"]). '
            "A wrong code, an expired one and an unknown account answer the "
            "same 400.",
        ),
    },
    "djoser.codes.views.PasswordResetCodeView": {
        "POST": Operation(
            "users_reset_password_code",
            "Reset the password with the emailed code",
            errors=(OFF,),
            description="Takes the account's uid, email address or LOGIN_FIELD, "
            'the code the reset email carried (CODES["PASSWORD_RESET"]) and the '
            "new password. As reset_password_confirm, every credential the "
            "account held is revoked.",
        ),
    },
}
