from djoser.devicetokens.models import DeviceToken


def revoke_device_tokens(sender, user, **kwargs):
    """On ``djoser.signals.user_tokens_revoked``: delete every token of ``user``."""
    DeviceToken.objects.filter(user=user).delete()
