"""The token in an email change link: the new address, signed.

A token reads ``<new address>-<timestamp>-<signature>``: the address in
URL-safe base64 (the confirm request names nothing else), the time it was
made in seconds (base 36), and an HMAC keyed with SECRET_KEY over both and
the account's state: its pk, password hash and current address. So a token
works only for the account it was made for, until EMAIL_CHANGE_TIMEOUT, and
stops working once the password or the address changes. Confirming changes
the address, so a token works once. The last login is left out on purpose:
signing in on another device must not break a pending change.
"""

import base64
import binascii
import time

from django.conf import settings as django_settings
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

from djoser.compat import get_user_email
from djoser.conf import settings


def _timeout():
    """EMAIL_CHANGE_TIMEOUT in seconds; None means Django's PASSWORD_RESET_TIMEOUT."""
    timeout = settings.EMAIL_CHANGE_TIMEOUT
    if timeout is None:
        timeout = django_settings.PASSWORD_RESET_TIMEOUT
    return timeout.total_seconds() if hasattr(timeout, "total_seconds") else timeout


def _encode(address):
    return base64.urlsafe_b64encode(address.encode()).decode().rstrip("=")


def _decode(text):
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii")).decode()


class EmailChangeTokenGenerator:
    key_salt = "djoser.email_change.tokens.EmailChangeTokenGenerator"

    def make_token(self, user, new_address):
        """A token that switches ``user`` to ``new_address`` (to undo: back to it)."""
        return self._make_token(user, new_address, int(time.time()), self._secret())

    def check_token(self, user, token):
        """The new address ``token`` carries for ``user``, or None.

        None when the token is malformed, made for another account or
        another state of this one, or older than EMAIL_CHANGE_TIMEOUT.
        """
        # A signature is ASCII; anything else could not even be compared.
        if not isinstance(token, str) or not token.isascii():
            return None
        try:
            encoded_address, encoded_time, _signature = token.rsplit("-", 2)
            new_address = _decode(encoded_address)
            made_at = base36_to_int(encoded_time)
        except (ValueError, TypeError, UnicodeError, binascii.Error):
            return None
        # Every key in use: a link survives a SECRET_KEY rotation that keeps
        # the old key in SECRET_KEY_FALLBACKS, as Django's own tokens do.
        secrets = [
            self._secret(),
            *getattr(django_settings, "SECRET_KEY_FALLBACKS", []),
        ]
        if not any(
            constant_time_compare(
                self._make_token(user, new_address, made_at, secret), token
            )
            for secret in secrets
        ):
            return None
        if time.time() - made_at > _timeout():
            return None
        return new_address

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


class EmailChangeUndoTokenGenerator(EmailChangeTokenGenerator):
    """The token in the undo link sent to the old address after a change.

    It carries the old address and binds only the account and its current
    address: whoever made the change cannot end the link by signing in or
    changing the password, only by moving the address again. Once undone,
    the address differs and the link is dead.
    """

    key_salt = "djoser.email_change.tokens.EmailChangeUndoTokenGenerator"

    def _state(self, user, old_address, made_at):
        return "\0".join(
            [str(user.pk), str(get_user_email(user) or ""), old_address, str(made_at)]
        )


email_change_token_generator = EmailChangeTokenGenerator()
email_change_undo_token_generator = EmailChangeUndoTokenGenerator()
