from djoser.devicetokens.models import DeviceToken


def revoke_device_tokens(sender, user, account_deleted=False, keep=None, **kwargs):
    """On ``djoser.signals.user_tokens_revoked``: delete every token of ``user``
    but ``keep`` (the token of the request, when it is to stay)."""
    if account_deleted:
        return  # they cascade with the account's row
    tokens = DeviceToken.objects.filter(user=user)
    if isinstance(keep, DeviceToken):
        tokens = tokens.exclude(pk=keep.pk)
    tokens.delete()
