"""OpenAPI descriptions of the native-app token login and connected accounts.

Registered by ``DjoserConfig.ready()`` where drf-spectacular and social-auth
are installed, through ``djoser.schema``'s machinery: one row per operation.
(The code flow's ``o/{provider}/`` is described in ``djoser.schema``.)
"""

from djoser.schema import VIEW_SERIALIZER, Operation, _describe

TOKEN_LOGIN_ANSWER = "djoser.social.serializers.ProviderTokenSerializer"
SECOND_STEP = (
    "Two-factor sign-in is on: the body carries mfa_required, mfa_token and "
    "methods; finish at mfa/verify/."
)
LAST_WAY_IN = "Refused (400, a list) when it is the account's last way to sign in."

OPERATIONS = {
    "djoser.social.views.ProviderTokenView": {
        "POST": Operation(
            "Sign in with a token from the provider's SDK (native apps)",
            201,
            TOKEN_LOGIN_ANSWER,
            list_error=True,
            errors=((401, SECOND_STEP),),
            login=True,
            operation_id="social_token_login",
            description="Send id_token (OpenID Connect providers listed with "
            "CLIENT_IDS in SOCIAL_AUTH_TOKEN_LOGIN; nonce when the app passed "
            "one to the SDK) or access_token (providers listed with "
            "ACCESS_TOKEN). Answers what the code flow answers; 401 with an "
            "mfa_token where two-factor sign-in is on.",
        ),
    },
    "djoser.social.views.SocialAccountListView": {
        "GET": Operation(
            "List the provider accounts linked to the signed-in user",
            200,
            VIEW_SERIALIZER,
            True,
            operation_id="social_accounts_list",
        ),
        "POST": Operation(
            "Link another provider account to the signed-in user",
            201,
            "djoser.social.serializers.SocialAccountSerializer",
            list_error=True,
            errors=((404, "No social login backend of that name."),),
            operation_id="social_accounts_connect",
            description="Send provider and the proof a login would send: code "
            "and state (after GET o/{provider}/ in this session), id_token or "
            "access_token. current_password is required while the account has "
            "a usable password.",
        ),
    },
    "djoser.social.views.SocialAccountDetailView": {
        "GET": Operation(
            "Read one linked provider account",
            200,
            VIEW_SERIALIZER,
            operation_id="social_accounts_retrieve",
        ),
        "DELETE": Operation(
            "Unlink a provider account",
            request=False,
            list_error=True,
            operation_id="social_accounts_disconnect",
            description=LAST_WAY_IN,
        ),
    },
}

DESCRIBED_VIEWS = [_describe(path, table) for path, table in OPERATIONS.items()]
