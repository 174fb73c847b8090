from django.utils.translation import gettext_lazy as _


class Messages:
    """Errors of the passkey endpoints; clients may match on them."""

    CHALLENGE_INVALID_ERROR = _(
        "This passkey challenge is unknown, already used or expired; request a new one."
    )
    MALFORMED_RESPONSE_ERROR = _("Malformed passkey response: {0}")
    VERIFICATION_FAILED_ERROR = _("The passkey response could not be verified: {0}")
    PASSKEY_EXISTS_ERROR = _("This passkey is already registered.")
    UNKNOWN_PASSKEY_ERROR = _("This passkey is not registered.")
    WRONG_ACCOUNT_ERROR = _("This passkey belongs to another account.")
    SIGN_COUNT_ERROR = _(
        "The passkey's signature counter did not increase; it may have been cloned."
    )
    ONLY_PASSKEY_ERROR = _(
        "This is the only way to log in to the account: set a password or add "
        "another passkey before deleting it."
    )
