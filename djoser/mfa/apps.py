from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MFAConfig(AppConfig):
    name = "djoser.mfa"
    label = "djoser_mfa"
    verbose_name = _("Two-factor sign-in")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Importing the checks registers them.
        from django.contrib.auth import user_logged_in

        from djoser import signals
        from djoser.mfa import checks, receivers, sessions, sites  # noqa: F401

        user_logged_in.connect(
            sessions.stamp_on_login, dispatch_uid="djoser.mfa.sessions"
        )
        signals.account_recovered.connect(
            receivers.turn_off_planted_mfa, dispatch_uid="djoser.mfa"
        )
        sites.guard_default_site()
