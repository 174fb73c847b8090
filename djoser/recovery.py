"""Taking an account back from whoever got into it.

Two links do it: the email change undo link (djoser.email_change) and the
"this was not me" link in a new authenticator's notice (djoser.not_me).
Both call ``recover`` inside their transaction, with the account's row
locked, and ``tell_owner`` once it has committed.
"""

import secrets

from djoser import revocation, signals
from djoser.delivery import send_email


def recover(sender, request, user, reason, **removal):
    """Remove what ``removal`` names, set a password nobody knows and end
    every credential of ``user``; answers what went, for ``tell_owner``.

    ``removal`` is ``account_recovered``'s: ``since`` (what was added at or
    after it) or ``authenticator`` (that one ``NewAuthenticator``). Each
    feature that can add a way in removes its own and says what it removed.
    """
    removed = {}
    responses = signals.account_recovered.send(
        sender=sender, user=user, request=request, **removal
    )
    for _receiver, answer in responses:
        removed.update(answer or {})
    # Whoever got in knows the old password; a new hash also ends the
    # account's Django sessions. The owner chooses one from the reset link.
    user.set_password(secrets.token_urlsafe(32))
    user.save(update_fields=["password"])
    # The signal blacklists the refresh tokens (and djoser.sessions revokes
    # the sessions, for ``reason``); the TOKEN_MODEL tokens go here.
    signals.user_tokens_revoked.send(
        sender=sender, user=user, request=request, reason=reason
    )
    revocation.delete_tokens(user)
    return removed


def tell_owner(request, user, notice, removed):
    """Email ``user`` the ``notice`` of what went, and a password reset link."""
    send_email(notice, request, user, context=removed)
    send_email("password_reset", request, user)
