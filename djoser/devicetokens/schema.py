"""The OpenAPI description of the device token endpoints (djoser.schema)."""

from djoser.openapi import VIEW_SERIALIZER, Operation

# View class path -> {action or method: Operation} (djoser.schema).
OPERATIONS = {
    "djoser.devicetokens.views.LogoutAllView": {
        "POST": Operation(
            "token_logout_all",
            "Log out on every device",
            request=False,
            description="Needs a fresh reauthentication (POST reauthenticate/) "
            "or its proof in the body: current_password or, with two-factor "
            "sign-in on, a current code.",
        ),
    },
    "djoser.devicetokens.views.DeviceTokenViewSet": {
        "list": Operation(
            "tokens_list",
            "List the account's live device tokens",
            200,
            VIEW_SERIALIZER,
            True,
        ),
        "destroy": Operation(
            "tokens_destroy", "Revoke one of the account's device tokens", request=False
        ),
    },
}
