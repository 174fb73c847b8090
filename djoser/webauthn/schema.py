"""The OpenAPI description of the passkey endpoints (djoser.schema)."""

from djoser.openapi import (
    STAFF_WITHOUT_MFA,
    STRING,
    VIEW_SERIALIZER,
    Operation,
    json_object,
)

PASSKEY_REGISTRATION = "djoser.webauthn.serializers.PasskeyRegistrationSerializer"
PASSKEY = "djoser.webauthn.serializers.PasskeySerializer"
CREDENTIAL_DESCRIPTORS = {
    "type": "array",
    "items": json_object(
        ["id", "type"],
        id=STRING,
        type=STRING,
        transports={"type": "array", "items": STRING},
    ),
}
# py_webauthn's options_to_json(): what navigator.credentials.create() and
# .get() take once the browser decodes the base64url values.
REGISTRATION_OPTIONS = json_object(
    ["rp", "user", "challenge", "pubKeyCredParams"],
    rp=json_object(["name"], id=STRING, name=STRING),
    user=json_object(
        ["id", "name", "displayName"], id=STRING, name=STRING, displayName=STRING
    ),
    challenge=STRING,
    pubKeyCredParams={
        "type": "array",
        "items": json_object(["type", "alg"], type=STRING, alg={"type": "integer"}),
    },
    timeout={"type": "integer"},
    excludeCredentials=CREDENTIAL_DESCRIPTORS,
    authenticatorSelection={"type": "object"},
    attestation=STRING,
)
AUTHENTICATION_OPTIONS = json_object(
    ["challenge"],
    challenge=STRING,
    timeout={"type": "integer"},
    rpId=STRING,
    allowCredentials=CREDENTIAL_DESCRIPTORS,
    userVerification=STRING,
)

# View class path -> {action or method: Operation} (djoser.schema).
OPERATIONS = {
    "djoser.webauthn.views.SignupRequestView": {
        "POST": Operation(
            "passkey_signup_request",
            "Passkey signup: get registration options",
            200,
            REGISTRATION_OPTIONS,
        ),
    },
    "djoser.webauthn.views.SignupView": {
        "POST": Operation(
            "passkey_signup",
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
            "passkey_login_request",
            "Passkey login: get authentication options",
            200,
            AUTHENTICATION_OPTIONS,
        ),
    },
    "djoser.webauthn.views.LoginView": {
        "POST": Operation(
            "passkey_login",
            "Passkey login: get an authentication token",
            201,
            "token",
            list_error=True,
            errors=(STAFF_WITHOUT_MFA,),
            login=True,
        ),
    },
    "djoser.webauthn.views.PasskeyListView": {
        "GET": Operation(
            "passkeys_list",
            "List the account's passkeys",
            200,
            VIEW_SERIALIZER,
            True,
        ),
    },
    "djoser.webauthn.views.PasskeyAddRequestView": {
        "POST": Operation(
            "passkeys_add_request",
            "Get registration options for one more passkey",
            200,
            REGISTRATION_OPTIONS,
            request=False,
        ),
    },
    "djoser.webauthn.views.PasskeyAddView": {
        "POST": Operation(
            "passkeys_add",
            "Register one more passkey",
            201,
            PASSKEY,
            list_error=True,
        ),
    },
    "djoser.webauthn.views.PasskeyDetailView": {
        "GET": Operation(
            "passkeys_retrieve",
            "Read one of the account's passkeys",
            200,
            VIEW_SERIALIZER,
        ),
        "DELETE": Operation(
            "passkeys_destroy",
            "Delete one of the account's passkeys",
            request=False,
            list_error=True,
            description="Refused (400) for the last passkey of an account "
            "without a usable password.",
        ),
    },
}
