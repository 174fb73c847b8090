from djoser.devicetokens.models import DeviceToken


def revoke_device_tokens(sender, user, account_deleted=False, **kwargs):
    """On ``djoser.signals.user_tokens_revoked``: delete every token of ``user``."""
    if account_deleted:
        return  # they cascade with the account's row
    DeviceToken.objects.filter(user=user).delete()
