"""The OpenAPI description of the email change endpoints (djoser.schema)."""

from djoser.openapi import Operation

# View class path -> {action or method: Operation} (djoser.schema).
OPERATIONS = {
    "djoser.email_change.views.EmailChangeView": {
        "POST": Operation(
            "email_change",
            "Ask to change the email address: a link goes to the new one",
            202,
            description="The field is new_ followed by the user model's email "
            "field. Answers 202 whether or not another account holds the new "
            "address (its owner is told instead). Nothing changes until the "
            "link is confirmed. 404 while EMAIL_CHANGE_CONFIRM_URL is unset.",
        ),
    },
    "djoser.email_change.views.EmailChangeConfirmView": {
        "POST": Operation(
            "email_change_confirm",
            "Switch to the new email address from its emailed link",
            list_error=True,
            description="The link works once, until EMAIL_CHANGE_TIMEOUT; "
            "the old address is told. A bare list when another account took "
            "the address meanwhile. 404 while EMAIL_CHANGE_CONFIRM_URL is unset.",
        ),
    },
    "djoser.email_change.views.EmailChangeUndoView": {
        "POST": Operation(
            "email_change_undo",
            "Undo an email change from the link sent to the old address",
            list_error=True,
            description="Puts back the address the link was sent to (even "
            "after further changes), sets a password nobody knows, revokes the "
            "account's tokens, removes the passkeys and two-factor sign-in "
            "added since the change was asked for, and emails the restored "
            "address what it removed and a password reset link. Works once, "
            "until EMAIL_CHANGE_TIMEOUT. 404 while EMAIL_CHANGE_UNDO_URL is "
            "unset.",
        ),
    },
}
