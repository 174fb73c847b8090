from djoser.webauthn.models import Passkey


def remove_passkeys_added_since(sender, user, since, **kwargs):
    """On ``djoser.signals.account_recovered``: delete the passkeys ``user``
    gained at or after ``since``; answers their names for the owner's notice."""
    planted = Passkey.objects.filter(user=user, created__gte=since)
    names = list(planted.values_list("name", flat=True))
    planted.delete()
    return {"removed_passkeys": names}
