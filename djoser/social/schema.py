"""The OpenAPI description of social login (djoser.schema): the code flow at
``o/{provider}/``, native apps' token login at ``o/{provider}/token/`` and
the connected accounts at ``social/accounts/``."""

from djoser.openapi import (
    MFA_CHALLENGE,
    SAME_AS_REQUEST,
    VIEW_SERIALIZER,
    Operation,
)

SOCIAL_BEGIN = "djoser.social.serializers.ProviderAuthRequestSerializer"
TOKEN_LOGIN_ANSWER = "djoser.social.serializers.ProviderTokenSerializer"
SOCIAL_ACCOUNT = "djoser.social.serializers.SocialAccountSerializer"
LAST_WAY_IN = "Refused (400, a list) when it is the account's last way to sign in."
# What a 404 means on these paths (not "no such account", the default).
NO_BACKEND = (404, "No social login backend of that name.")
NO_LINK = (404, "No provider account of that id is linked to the signed-in user.")

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
            errors=(NO_BACKEND,),
            description="redirect_uri must be one of "
            "SOCIAL_AUTH_ALLOWED_REDIRECT_URIS; the session remembers the login.",
        ),
        "POST": Operation(
            "social_complete",
            "Finish a provider login: get a JSON Web Token pair",
            201,
            SAME_AS_REQUEST,
            list_error=True,
            errors=(MFA_CHALLENGE, NO_BACKEND),
            login=True,
            description="Forward code and state (or error) from the provider's "
            "redirect, in the session that started the login.",
        ),
    },
    "djoser.social.views.ProviderTokenView": {
        "POST": Operation(
            "social_token_login",
            "Sign in with a token from the provider's SDK (native apps)",
            201,
            TOKEN_LOGIN_ANSWER,
            list_error=True,
            errors=(MFA_CHALLENGE, NO_BACKEND),
            login=True,
            description="Send id_token (OpenID Connect providers listed with "
            "CLIENT_IDS in SOCIAL_AUTH_TOKEN_LOGIN; nonce when the app passed "
            "one to the SDK) or access_token (providers listed with "
            "ACCESS_TOKEN). Answers what the code flow answers.",
        ),
    },
    "djoser.social.views.SocialAccountListView": {
        "GET": Operation(
            "social_accounts_list",
            "List the provider accounts linked to the signed-in user",
            200,
            VIEW_SERIALIZER,
            True,
        ),
        "POST": Operation(
            "social_accounts_connect",
            "Link another provider account to the signed-in user",
            201,
            SOCIAL_ACCOUNT,
            list_error=True,
            errors=(NO_BACKEND,),
            description="Send provider and the proof a login would send: code "
            "and state (after GET o/{provider}/ in this session), id_token or "
            "access_token. current_password is required while the account has "
            "a usable password.",
        ),
    },
    "djoser.social.views.SocialAccountDetailView": {
        "GET": Operation(
            "social_accounts_retrieve",
            "Read one linked provider account",
            200,
            VIEW_SERIALIZER,
            errors=(NO_LINK,),
        ),
        "DELETE": Operation(
            "social_accounts_disconnect",
            "Unlink a provider account",
            request=False,
            list_error=True,
            errors=(NO_LINK,),
            description=LAST_WAY_IN,
        ),
    },
}

# Component names for serializers whose own would clash: with
# COMPONENT_SPLIT_REQUEST, ProviderAuthSerializer's request component is
# "ProviderAuthRequest" too.
COMPONENT_NAMES = {SOCIAL_BEGIN: "ProviderAuthStart"}
