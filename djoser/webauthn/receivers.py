from djoser.not_me.models import NewAuthenticator
from djoser.webauthn.models import Passkey


def remove_planted_passkeys(sender, user, since=None, authenticator=None, **kwargs):
    """On ``djoser.signals.account_recovered``: delete the passkeys ``user``
    gained at or after ``since``, or the one passkey ``authenticator`` names;
    answers their names for the owner's notice."""
    passkeys = Passkey.objects.filter(user=user)
    if since is not None:
        planted = passkeys.filter(created__gte=since)
    elif authenticator is not None and authenticator.kind == NewAuthenticator.PASSKEY:
        # Its time added too: a later passkey may have been given its pk.
        planted = passkeys.filter(
            pk=authenticator.authenticator_id, created=authenticator.added_at
        )
    else:
        return {}
    names = list(planted.values_list("name", flat=True))
    planted.delete()
    return {"removed_passkeys": names}
