from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeviceTokensConfig(AppConfig):
    name = "djoser.devicetokens"
    # rest_framework.authtoken owns the label "authtoken".
    label = "djoser_devicetokens"
    verbose_name = _("Device tokens")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from djoser import signals
        from djoser.devicetokens import receivers

        signals.user_tokens_revoked.connect(
            receivers.revoke_device_tokens, dispatch_uid="djoser.devicetokens"
        )
