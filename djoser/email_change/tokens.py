"""The token in an email change link: the new address, signed.

A token reads ``<new address>-<timestamp>-<signature>``: the address in
URL-safe base64 (the confirm request names nothing else), the time it was
made in seconds (base 36), and an HMAC keyed with SECRET_KEY over both and
the account's state: its pk, password hash and current address. So a token
works only for the account it was made for, until EMAIL_CHANGE_TIMEOUT, and
stops working once the password or the address changes. Confirming changes
the address, so a token works once. The last login is left out on purpose:
signing in on another device must not break a pending change.

The undo link's token (``EmailChangeUndoTokenGenerator``) names the
recorded change instead, and survives what the account does next.
"""

import base64
import binascii
import time
from datetime import timedelta

from django.conf import settings as django_settings
from django.utils.crypto import salted_hmac
from django.utils.http import base36_to_int, int_to_base36

from djoser.compat import get_user_email
from djoser.conf import settings
from djoser.link_tokens import RowLinkTokenGenerator, signed_by_a_key_in_use


def _timeout():
    """EMAIL_CHANGE_TIMEOUT in seconds; None means Django's PASSWORD_RESET_TIMEOUT."""
    timeout = settings.EMAIL_CHANGE_TIMEOUT
    if timeout is None:
        timeout = django_settings.PASSWORD_RESET_TIMEOUT
    return timeout.total_seconds() if hasattr(timeout, "total_seconds") else timeout


def undo_lifetime():
    """How long a link lives (EMAIL_CHANGE_TIMEOUT), as a timedelta."""
    return timedelta(seconds=_timeout())


def _encode(address):
    return base64.urlsafe_b64encode(address.encode()).decode().rstrip("=")


def _decode(text):
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii")).decode()


class EmailChangeTokenGenerator:
    key_salt = "djoser.email_change.tokens.EmailChangeTokenGenerator"

    def make_token(self, user, new_address):
        """A token that switches ``user`` to ``new_address``."""
        return self._make_token(user, new_address, int(time.time()), self._secret())

    def check_token(self, user, token):
        """The new address ``token`` carries for ``user``, or None.

        None when the token is malformed, made for another account or
        another state of this one, or older than EMAIL_CHANGE_TIMEOUT.
        """
        read = self.read_token(user, token)
        return None if read is None else read[0]

    def read_token(self, user, token):
        """``(new address, time made)`` of a valid ``token``, else None."""
        # A signature is ASCII; anything else could not even be compared.
        if not isinstance(token, str) or not token.isascii():
            return None
        try:
            encoded_address, encoded_time, _signature = token.rsplit("-", 2)
            new_address = _decode(encoded_address)
            made_at = base36_to_int(encoded_time)
        except (ValueError, TypeError, UnicodeError, binascii.Error):
            return None
        if not signed_by_a_key_in_use(
            lambda secret: self._make_token(user, new_address, made_at, secret),
            token,
            self._secret(),
        ):
            return None
        if time.time() - made_at > _timeout():
            return None
        return new_address, made_at

    def _secret(self):
        return django_settings.SECRET_KEY

    def _make_token(self, user, new_address, made_at, secret):
        encoded_time = int_to_base36(made_at)
        state = self._state(user, new_address, made_at)
        signature = salted_hmac(
            self.key_salt, state, secret=secret, algorithm="sha256"
        ).hexdigest()
        return f"{_encode(new_address)}-{encoded_time}-{signature}"

    def _state(self, user, new_address, made_at):
        # NUL cannot occur in an address or a hash, so the parts cannot run
        # into each other.
        return "\0".join(
            [
                str(user.pk),
                user.password,
                str(get_user_email(user) or ""),
                new_address,
                str(made_at),
            ]
        )


class EmailChangeUndoTokenGenerator(RowLinkTokenGenerator):
    """The token in the undo link sent to the old address after a change.

    It names the ``EmailChange`` row it undoes (``djoser.link_tokens``) and
    binds nothing the account can change: whoever made the change cannot
    end the link by signing in, changing the password or changing the
    address again. It works until EMAIL_CHANGE_TIMEOUT, and while its row
    is not undone: using it (or the link of an earlier change) spends it.
    """

    key_salt = "djoser.email_change.tokens.EmailChangeUndoTokenGenerator"

    def usable_rows(self, user):
        # Imported here: the model needs the app registry, this module not.
        from djoser.email_change.models import EmailChange

        return EmailChange.objects.undoable(user)

    def lifetime_seconds(self):
        return _timeout()


email_change_token_generator = EmailChangeTokenGenerator()
email_change_undo_token_generator = EmailChangeUndoTokenGenerator()
