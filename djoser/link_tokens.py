"""Tokens of links that name a stored row: they outlive what the account does.

Django's reset tokens are signed over the account's state (its password
hash, its last login), so a change of that state ends them. A link that
takes the account back from someone else must not end when that someone
signs in or sets a new password. Its token instead names a row kept for
it (an email change to undo, an authenticator to remove) and reads
``<row id>-<timestamp>-<signature>``: the row's pk and the time the token
was made (both base 36) and an HMAC keyed with SECRET_KEY over both and
the account's pk. It works until the subclass's lifetime has passed and
while the row is among ``usable_rows(user)``: spending the row spends the
link.
"""

import time

from django.conf import settings as django_settings
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36


class RowLinkTokenGenerator:
    """Tokens naming one row of ``usable_rows(user)``; subclasses say which."""

    key_salt = None

    def usable_rows(self, user):
        """The rows of ``user`` a token may still name (a queryset)."""
        raise NotImplementedError

    def lifetime_seconds(self):
        raise NotImplementedError

    def make_token(self, user, row):
        return self._make_token(user, row.pk, int(time.time()))

    def check_token(self, user, token):
        """The row of ``user`` that ``token`` names, or None.

        None when the token is malformed, signed for another account, older
        than the lifetime, or its row is spent or gone.
        """
        # A signature is ASCII; anything else could not even be compared.
        if not isinstance(token, str) or not token.isascii():
            return None
        try:
            encoded_pk, encoded_time, _signature = token.rsplit("-", 2)
            pk = base36_to_int(encoded_pk)
            made_at = base36_to_int(encoded_time)
        except (ValueError, TypeError):
            return None
        if not signed_by_a_key_in_use(
            lambda secret: self._make_token(user, pk, made_at, secret),
            token,
            django_settings.SECRET_KEY,
        ):
            return None
        if time.time() - made_at > self.lifetime_seconds():
            return None
        return self.usable_rows(user).filter(pk=pk).first()

    def _make_token(self, user, pk, made_at, secret=None):
        state = "\0".join([str(user.pk), str(pk), str(made_at)])
        signature = salted_hmac(
            self.key_salt,
            state,
            secret=secret or django_settings.SECRET_KEY,
            algorithm="sha256",
        ).hexdigest()
        return f"{int_to_base36(pk)}-{int_to_base36(made_at)}-{signature}"


def signed_by_a_key_in_use(make_token, token, secret):
    """Whether ``make_token(key)`` gives ``token`` for ``secret`` or a fallback.

    Every key in use: a link survives a SECRET_KEY rotation that keeps the
    old key in SECRET_KEY_FALLBACKS, as Django's own tokens do.
    """
    keys = [secret, *getattr(django_settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(make_token(key), token) for key in keys)
