"""The OpenAPI description of the "this was not me" endpoint (djoser.schema)."""

from djoser.openapi import Operation

# View class path -> {action or method: Operation} (djoser.schema).
OPERATIONS = {
    "djoser.not_me.views.NotMeView": {
        "POST": Operation(
            "not_me",
            "Remove an authenticator someone else added, from its notice's link",
            description="The notice of two-factor sign-in turned on, or of a "
            "passkey added, carries the link. Removes that authenticator (if "
            "it is still there; never one added later), sets a password "
            "nobody knows, revokes every token and session of the account, "
            "and emails the owner what it removed and a password reset link. "
            "Works once, until NOT_ME_TIMEOUT. 404 while NOT_ME_URL is unset.",
        ),
    },
}
