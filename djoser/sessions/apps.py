from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _

# The token models a session may be bound to, by app: their deletion ends
# the sessions they served (a logout, a revoked or pruned device token).
TOKEN_MODELS = {
    "rest_framework.authtoken": ("authtoken", "Token"),
    "djoser.devicetokens": ("djoser_devicetokens", "DeviceToken"),
}


class SessionsConfig(AppConfig):
    name = "djoser.sessions"
    label = "djoser_sessions"
    verbose_name = _("Sessions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Importing the module registers the system checks.
        from djoser import signals
        from djoser.sessions import checks, receivers  # noqa: F401

        signals.user_tokens_revoked.connect(
            receivers.revoke_sessions, dispatch_uid="djoser.sessions"
        )
        for app_name, (label, model_name) in TOKEN_MODELS.items():
            if self.apps.is_installed(app_name):
                post_delete.connect(
                    receivers.revoke_with_token,
                    sender=self.apps.get_model(label, model_name),
                    dispatch_uid=f"djoser.sessions.{label}",
                )
