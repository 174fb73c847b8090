"""The OpenAPI description of the two-factor endpoints (djoser.schema)."""

from djoser.openapi import (
    STRING,
    THROTTLED,
    Answer,
    OneOf,
    Operation,
    json_object,
    one_value,
    social_installed,
)
from djoser.reauthentication import schema as reauthentication_schema

TOTP_SETUP = "djoser.mfa.serializers.TOTPSetupSerializer"
RECOVERY_CODES = "djoser.mfa.serializers.RecoveryCodesSerializer"
RECOVERY_CODES_LEFT = "djoser.mfa.serializers.RecoveryCodesLeftSerializer"

# Wrong proofs of reauthentication count against their own row.
REAUTHENTICATE_LIMIT = reauthentication_schema.LIMIT
REAUTHENTICATE = (
    "Needs a fresh reauthentication (POST reauthenticate/) or its proof in "
    "the body: a current code (from the authenticator app or a recovery "
    "code), with current_password if you like; the password alone is 401."
)

# What mfa/verify/ answers: the credential of the login that asked for it,
# with "login" naming that login (djoser.mfa.login.LOGIN_KINDS).
SECOND_STEP_ANSWER = OneOf(
    (
        (
            "MFATokenLogin",
            "token",
            json_object(
                ["login", "auth_token"], login=one_value("token"), auth_token=STRING
            ),
        ),
        (
            "MFAJWTLogin",
            "jwt",
            json_object(
                ["login", "refresh", "access"],
                login=one_value("jwt"),
                refresh=STRING,
                access=STRING,
            ),
        ),
    ),
    discriminator="login",
)
SECOND_STEP_SOCIAL = Answer(
    201,
    "A provider login, finished: a JSON Web Token pair and the login name.",
    "MFASocialLogin",
    # One shape, discriminated all the same: clients that read the 200 and
    # the 201 as one union then tell all three logins apart by "login".
    OneOf(
        (
            (
                "MFASocialLogin",
                "social",
                json_object(
                    ["login", "access", "refresh", "user"],
                    login=one_value("social"),
                    access=STRING,
                    refresh=STRING,
                    user=STRING,
                ),
            ),
        ),
        discriminator="login",
    ),
    applies=social_installed,
)

# View class path -> {action or method: Operation} (djoser.schema).
OPERATIONS = {
    "djoser.mfa.views.TOTPView": {
        "GET": Operation(
            "mfa_totp_setup",
            "Two-factor: get a new secret for an authenticator app",
            200,
            TOTP_SETUP,
            list_error=True,
            request=False,
            description="Needs a fresh reauthentication (POST reauthenticate/). "
            "The secret waits until a code from it is posted; 400 while "
            "two-factor sign-in is on.",
        ),
        "POST": Operation(
            "mfa_totp_enable",
            "Two-factor: turn on with a code from the app",
            201,
            RECOVERY_CODES,
            list_error=True,
            errors=(REAUTHENTICATE_LIMIT,),
            description="Answers the recovery codes, this once. Needs a fresh "
            "reauthentication or current_password in the body.",
        ),
        "DELETE": Operation(
            "mfa_totp_disable",
            "Two-factor: turn off",
            list_error=True,
            errors=(REAUTHENTICATE_LIMIT,),
            description=REAUTHENTICATE,
        ),
    },
    "djoser.mfa.views.RecoveryCodesView": {
        "GET": Operation(
            "mfa_recovery_codes_retrieve",
            "Two-factor: how many recovery codes are left",
            200,
            RECOVERY_CODES_LEFT,
        ),
        "POST": Operation(
            "mfa_recovery_codes_regenerate",
            "Two-factor: make a new set of recovery codes",
            201,
            RECOVERY_CODES,
            list_error=True,
            errors=(REAUTHENTICATE_LIMIT,),
            description=REAUTHENTICATE + " The old set stops working.",
        ),
    },
    "djoser.mfa.views.VerifyView": {
        "POST": Operation(
            "mfa_verify",
            "Two-factor: finish a login with a code",
            200,
            SECOND_STEP_ANSWER,
            other_successes=(SECOND_STEP_SOCIAL,),
            errors=(
                # Checked inside the view, once the mfa_token names the account.
                Answer(
                    429,
                    "Too many wrong codes (THROTTLE_RATES mfa_verify).",
                    THROTTLED.component,
                    THROTTLED.schema,
                ),
                (503, "Rate limits cannot be checked; retry after Retry-After."),
            ),
            login=True,
            description="Takes the mfa_token of a login's 401 challenge and a "
            "TOTP or recovery code; answers what that login would have, named "
            'by "login": auth_token ("token", token/login/), the JWT pair '
            '("jwt", jwt/create/), or 201 with access, refresh and user '
            '("social", a provider login).',
        ),
    },
}
