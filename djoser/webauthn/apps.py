from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebauthnConfig(AppConfig):
    name = "djoser.webauthn"
    label = "webauthn"
    verbose_name = _("Passkeys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Importing the module registers its system checks.
        from djoser import signals
        from djoser.webauthn import checks, receivers  # noqa: F401

        signals.account_recovered.connect(
            receivers.remove_planted_passkeys, dispatch_uid="djoser.webauthn"
        )
