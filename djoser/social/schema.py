"""The OpenAPI description of social login, ``o/{provider}/`` (djoser.schema)."""

from djoser.openapi import MFA_CHALLENGE, SAME_AS_REQUEST, Operation

SOCIAL_BEGIN = "djoser.social.serializers.ProviderAuthRequestSerializer"

# View class path -> {action or method: Operation} (djoser.schema).
OPERATIONS = {
    "djoser.social.views.ProviderAuthView": {
        "GET": Operation(
            "social_begin",
            "Start a login at a provider",
            200,
            SOCIAL_BEGIN,
            list_error=True,
            query=SOCIAL_BEGIN,
            description="redirect_uri must be one of "
            "SOCIAL_AUTH_ALLOWED_REDIRECT_URIS; the session remembers the login.",
        ),
        "POST": Operation(
            "social_complete",
            "Finish a provider login: get a JSON Web Token pair",
            201,
            SAME_AS_REQUEST,
            list_error=True,
            errors=(MFA_CHALLENGE,),
            login=True,
            description="Forward code and state (or error) from the provider's "
            "redirect, in the session that started the login.",
        ),
    },
}

# Component names for serializers whose own would clash: with
# COMPONENT_SPLIT_REQUEST, ProviderAuthSerializer's request component is
# "ProviderAuthRequest" too.
COMPONENT_NAMES = {SOCIAL_BEGIN: "ProviderAuthStart"}
