from djoser.mfa import signals
from djoser.mfa.models import TOTPDevice, turn_off


def turn_off_if_turned_on_since(sender, user, request, since, **kwargs):
    """On ``djoser.signals.account_recovered``: turn two-factor sign-in off
    (authenticator, recovery codes) if it was turned on at or after ``since``.

    An intruder who turned it on would otherwise hold the owner's next login.
    """
    recent = TOTPDevice.objects.confirmed().filter(user=user, confirmed_at__gte=since)
    if not recent.exists():
        return {}
    turn_off(user)
    signals.mfa_disabled.send(sender=sender, user=user, request=request)
    return {"removed_mfa": True}
