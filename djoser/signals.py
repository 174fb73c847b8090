from django.dispatch import Signal

# Each is sent with keyword arguments ``user`` and ``request``; the sender is
# the view class that did the work.
user_registered = Signal()
user_activated = Signal()
user_updated = Signal()

# Sent when every token a user holds must stop working: a password change
# with LOGOUT_ON_PASSWORD_CHANGE, a confirmed password reset, an account
# deletion (before the row goes), a logout on all devices. Each token store
# (djoser.devicetokens, a JWT blacklist) connects a receiver that revokes
# what it holds for ``user``. Keyword arguments: ``user`` and ``request``;
# ``account_deleted=True`` when the account's row is about to go; ``keep``,
# the token the request was made with, when it is to stay (turning
# two-factor sign-in on, or djoser.sessions' logout_others, ends every
# credential but the one in use); ``reason``, a short word for why
# (djoser.sessions records it on the sessions it revokes).
user_tokens_revoked = Signal()

# An email change (djoser.email_change). ``email_change_requested`` is sent
# when a link goes to the new address (keyword ``new_address``);
# ``email_changed`` once the link switched the account over (keywords
# ``old_address`` and ``new_address``). Both also carry ``user`` and ``request``.
email_change_requested = Signal()
email_changed = Signal()

# "This was not me" (the email change undo link, and the link in a new
# authenticator's notice, djoser.not_me): each feature that lets an account
# gain a way in (djoser.webauthn's passkeys, djoser.mfa's authenticator)
# removes what ``user`` gained at or after ``since`` (an aware datetime),
# or the one authenticator ``authenticator`` names (a
# ``djoser.not_me.models.NewAuthenticator``: its ``kind``,
# ``authenticator_id`` and ``added_at``), and returns a dict for the owner's
# notice saying what it removed (``removed_passkeys``, ``removed_mfa``).
# Sent inside the link's transaction (``djoser.recovery.recover``); keyword
# arguments ``user``, ``request`` and one of ``since`` or ``authenticator``.
account_recovered = Signal()
