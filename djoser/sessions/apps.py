from django.apps import AppConfig
from django.core.signals import setting_changed
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
        follow_settings()
        setting_changed.connect(follow_settings, dispatch_uid="djoser.sessions")


def follow_settings(*args, setting=None, **kwargs):
    """Listen to token deletions only while sessions are on.

    A listener makes Django fetch the rows of every bulk delete of its model
    before deleting them: paused, the app must cost nothing.
    """
    if setting not in (None, "DJOSER", "INSTALLED_APPS"):
        return
    from django.apps import apps

    from djoser.sessions import is_on, receivers

    for app_name, (label, model_name) in TOKEN_MODELS.items():
        if not apps.is_installed(app_name):
            continue
        model = apps.get_model(label, model_name)
        uid = f"djoser.sessions.{label}"
        if is_on():
            post_delete.connect(
                receivers.revoke_with_token, sender=model, dispatch_uid=uid
            )
        else:
            post_delete.disconnect(sender=model, dispatch_uid=uid)
