"""The message a "this was not me" link sends: what it removed."""

from djoser.email import BaseDjoserEmail


class AuthenticatorRemovedEmail(BaseDjoserEmail):
    """To the account's address, after its link was used.

    Its context has ``removed_passkeys`` (their names) and ``removed_mfa``
    (whether two-factor sign-in was turned off) besides the usual values.
    """

    template_name = "email/authenticator_removed.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("removed_passkeys", [])
        context.setdefault("removed_mfa", False)
        return context
