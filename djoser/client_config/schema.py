"""The OpenAPI description of ``GET config/`` (djoser.schema)."""

from djoser.openapi import Operation

CLIENT_CONFIG = "djoser.client_config.serializers.ClientConfigSerializer"

# View class path -> {action or method: Operation} (djoser.schema).
OPERATIONS = {
    "djoser.client_config.views.ClientConfigView": {
        "GET": Operation(
            "config_retrieve",
            "What this deployment offers, for a client to adapt to",
            200,
            CLIENT_CONFIG,
            description="Public and cacheable: the login field, the login "
            "methods that are on, the social providers (with the client ids "
            "a native SDK needs), two-factor methods, email change and the "
            "password length rules. Never a secret.",
        ),
    },
}
