"""Revoking what a user signed in with: DRF tokens and JWT refresh tokens.

A refresh token can only be revoked through simplejwt's blacklist app
(``rest_framework_simplejwt.token_blacklist``), which records every refresh
token issued. Without it, these helpers leave JSON Web Tokens alone. Access
tokens are never revoked here: they stay valid until they expire, so keep
``ACCESS_TOKEN_LIFETIME`` short (djoser.sessions' SessionJWTAuthentication
ends them with their session).

``revoke_on_signal`` receives ``djoser.signals.user_tokens_revoked`` (connected
in djoser's app config), which the views send on a password change with
``LOGOUT_ON_PASSWORD_CHANGE``, a confirmed password reset and an account
deletion.
"""

from django.apps import apps
from django.utils.timezone import now

from djoser import sessions
from djoser.conf import settings

BLACKLIST_APP = "rest_framework_simplejwt.token_blacklist"


def blacklist_installed():
    return apps.is_installed(BLACKLIST_APP)


def revoke_refresh_tokens(user, keep_ids=()):
    """Blacklist every refresh token issued to ``user`` that has not expired
    yet, but those whose ``jti`` is in ``keep_ids``."""
    if not blacklist_installed():
        return
    # Imported here: the app, and simplejwt itself, are optional.
    from rest_framework_simplejwt.token_blacklist.models import (
        BlacklistedToken,
        OutstandingToken,
    )

    outstanding = (
        OutstandingToken.objects.filter(
            user=user, expires_at__gt=now(), blacklistedtoken__isnull=True
        )
        .exclude(jti__in=keep_ids)
        .only("pk")
        .order_by()
    )
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding],
        ignore_conflicts=True,
    )


def delete_tokens(user, keep=None):
    """Delete ``user``'s TOKEN_MODEL tokens but ``keep`` (a view that has sent
    ``user_tokens_revoked`` has had the refresh tokens blacklisted already)."""
    if settings.TOKEN_MODEL is not None:
        tokens = settings.TOKEN_MODEL.objects.filter(user=user)
        if isinstance(keep, settings.TOKEN_MODEL):
            tokens = tokens.exclude(pk=keep.pk)
        tokens.delete()


def end_other_credentials(sender, request, user, reason=None):
    """End every credential of ``user`` but the one ``request`` was made with.

    Tokens go through ``user_tokens_revoked`` (with ``keep``, the request's
    token) and ``delete_tokens``. Refresh tokens are blacklisted but those of
    the request's own djoser.sessions session (``revoke_on_signal``); without
    sessions, all of them, since an access token does not say which refresh
    token it came from. Django
    sessions of an account with two-factor sign-in end through
    ``djoser.mfa.sessions`` (the caller restamps the request's own).
    """
    # Imported here: djoser.signals is light, but keep this module's imports
    # to what every caller needs.
    from djoser import signals

    keep = getattr(request, "auth", None)
    # ``reason`` says why, for djoser.sessions' record of it.
    extra = {} if reason is None else {"reason": reason}
    signals.user_tokens_revoked.send(
        sender=sender, user=user, request=request, keep=keep, **extra
    )
    delete_tokens(user, keep=keep)


def revoke_tokens(user):
    """Delete ``user``'s TOKEN_MODEL tokens and blacklist their refresh tokens."""
    delete_tokens(user)
    revoke_refresh_tokens(user)


def revoke_on_signal(sender, user, keep=None, **kwargs):
    """On ``djoser.signals.user_tokens_revoked``: blacklist ``user``'s refresh tokens.

    Sent before an account row is deleted (outstanding refresh tokens would
    lose their user) and before a session logout makes the request anonymous.
    TOKEN_MODEL tokens are the views' business: a logout deletes them, and an
    account's go with its row. ``keep``, the credential a request goes on
    with, keeps the refresh tokens of its djoser.sessions session.
    """
    revoke_refresh_tokens(user, keep_ids=sessions.refresh_ids_to_keep(keep, user))
