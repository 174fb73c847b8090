from djoser.devicetokens.models import DeviceToken


def revoke_device_tokens(
    sender, user, request=None, account_deleted=False, keep_current=False, **kwargs
):
    """On ``djoser.signals.user_tokens_revoked``: delete every token of ``user``.

    With ``keep_current``, the token ``request`` was made with stays.
    """
    if account_deleted:
        return  # they cascade with the account's row
    revoked = DeviceToken.objects.filter(user=user)
    current = getattr(request, "auth", None) if keep_current else None
    if isinstance(current, DeviceToken):
        revoked = revoked.exclude(pk=current.pk)
    revoked.delete()
