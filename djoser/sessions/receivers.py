from djoser.sessions import is_on
from djoser.sessions.logins import current_sessions
from djoser.sessions.models import Reasons, Session, credential_id, delete_credentials


def revoke_sessions(
    sender,
    user,
    request=None,
    account_deleted=False,
    keep_current=False,
    reason=Reasons.REVOKED,
    **kwargs,
):
    """On ``djoser.signals.user_tokens_revoked``: revoke ``user``'s sessions.

    With ``keep_current``, the sessions of the request's own credential stay.
    The TOKEN_MODEL tokens of revoked sessions are deleted with them, so a
    DRF Token ends with its sessions as a device token does.
    """
    if account_deleted or not is_on():
        # An account's sessions cascade with its row.
        return
    revoked = Session.objects.live().filter(user=user)
    if keep_current and request is not None:
        revoked = revoked.exclude(pk__in=current_sessions(request).values("pk"))
    credentials = set(
        revoked.exclude(credential="").values_list("credential", flat=True)
    )
    revoked.revoke(reason)
    if keep_current and request is not None:
        kept = getattr(request, "auth", None)
        if kept is not None and getattr(kept, "pk", None) is not None:
            credentials.discard(credential_id(kept))
    delete_credentials(user.pk, credentials)


def revoke_with_token(sender, instance, **kwargs):
    """On a TOKEN_MODEL token's deletion: the sessions it served end too."""
    if not is_on():
        return
    Session.objects.filter(credential=credential_id(instance)).revoke(
        Reasons.CREDENTIAL_DELETED
    )
