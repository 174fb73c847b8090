from djoser.sessions import is_on
from djoser.sessions.logins import sessions_of_credential
from djoser.sessions.models import Reasons, Session, credential_id, delete_credentials


def revoke_sessions(
    sender, user, account_deleted=False, keep=None, reason=Reasons.REVOKED, **kwargs
):
    """On ``djoser.signals.user_tokens_revoked``: revoke ``user``'s sessions.

    ``keep``, the credential the request was made with, keeps its sessions.
    The TOKEN_MODEL tokens of revoked sessions are deleted with them, so a
    DRF Token ends with its sessions as a device token does.
    """
    if account_deleted or not is_on():
        # An account's sessions cascade with its row.
        return
    revoked = Session.objects.live().filter(user=user)
    kept = sessions_of_credential(keep, user)
    revoked = revoked.exclude(pk__in=kept.values("pk"))
    credentials = set(
        revoked.exclude(credential="").values_list("credential", flat=True)
    )
    revoked.revoke(reason)
    credentials -= set(kept.values_list("credential", flat=True))
    delete_credentials(user.pk, credentials)


def revoke_with_token(sender, instance, **kwargs):
    """On a TOKEN_MODEL token's deletion: the sessions it served end too."""
    if not is_on():
        return
    Session.objects.filter(credential=credential_id(instance)).revoke(
        Reasons.CREDENTIAL_DELETED
    )
