from djoser.mfa import signals
from djoser.mfa.models import TOTPDevice, turn_off
from djoser.not_me.models import NewAuthenticator


def turn_off_planted_mfa(
    sender, user, request, since=None, authenticator=None, **kwargs
):
    """On ``djoser.signals.account_recovered``: turn two-factor sign-in off
    (authenticator, recovery codes) if it was turned on at or after ``since``,
    or if its authenticator is the one ``authenticator`` names.

    An intruder who turned it on would otherwise hold the owner's next login.
    """
    planted = TOTPDevice.objects.confirmed().filter(user=user)
    if since is not None:
        planted = planted.filter(confirmed_at__gte=since)
    elif authenticator is not None and authenticator.kind == NewAuthenticator.TOTP:
        # The time it was turned on too: turned off and on again (by the
        # owner, say), the account has another authenticator, which stays.
        planted = planted.filter(
            pk=authenticator.authenticator_id, confirmed_at=authenticator.added_at
        )
    else:
        return {}
    if not planted.exists():
        return {}
    turn_off(user)
    signals.mfa_disabled.send(sender=sender, user=user, request=request)
    return {"removed_mfa": True}
