"""The token of a "this was not me" link: it names the ``NewAuthenticator``.

A ``djoser.link_tokens`` token: signed over the row and the account's pk,
it survives what the account does next (a new password, a login), so
whoever planted the authenticator cannot end the owner's link. It works
until NOT_ME_TIMEOUT, once.
"""

from datetime import timedelta

from djoser.conf import settings
from djoser.link_tokens import RowLinkTokenGenerator


def lifetime():
    """NOT_ME_TIMEOUT as a timedelta (it may be given in seconds)."""
    timeout = settings.NOT_ME_TIMEOUT
    return timeout if isinstance(timeout, timedelta) else timedelta(seconds=timeout)


class NotMeTokenGenerator(RowLinkTokenGenerator):
    key_salt = "djoser.not_me.tokens.NotMeTokenGenerator"

    def usable_rows(self, user):
        # Imported here: the model needs the app registry, this module not.
        from djoser.not_me.models import NewAuthenticator

        return NewAuthenticator.objects.unused(user)

    def lifetime_seconds(self):
        return lifetime().total_seconds()


not_me_token_generator = NotMeTokenGenerator()
