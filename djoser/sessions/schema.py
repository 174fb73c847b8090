"""The OpenAPI description of the sessions endpoints (djoser.schema)."""

from djoser.openapi import VIEW_SERIALIZER, Operation

# View class path -> {action or method: Operation} (djoser.schema).
OPERATIONS = {
    "djoser.sessions.views.SessionViewSet": {
        "list": Operation(
            "sessions_list",
            "List the account's signed-in sessions",
            200,
            VIEW_SERIALIZER,
            True,
            description="Live sessions, newest first; the one the request was "
            "made with is marked current.",
        ),
        "destroy": Operation(
            "sessions_destroy",
            "End one of the account's sessions",
            request=False,
            description="Its refresh token stops working, its access tokens "
            "too where SessionJWTAuthentication checks them, and a token "
            "session's token is deleted.",
        ),
        "logout_others": Operation(
            "sessions_logout_others",
            "End every session but the current one",
            description="Needs current_password; the session the request was "
            "made with stays.",
        ),
    },
}
