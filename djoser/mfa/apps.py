from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class MFAConfig(AppConfig):
    name = "djoser.mfa"
    label = "djoser_mfa"
    verbose_name = _("Two-factor sign-in")
    default_auto_field = "django.db.models.BigAutoField"
    # This module holds a second AppConfig: this one is the app's.
    default = True

    def ready(self):
        # Importing the checks registers them.
        from django.contrib.auth import user_logged_in

        from djoser import signals
        from djoser.mfa import checks, receivers, sessions  # noqa: F401

        user_logged_in.connect(
            sessions.stamp_on_login, dispatch_uid="djoser.mfa.sessions"
        )
        signals.account_recovered.connect(
            receivers.turn_off_if_turned_on_since, dispatch_uid="djoser.mfa"
        )


class MFAAdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` whose default site asks for the two-factor code.

    Put ``"djoser.mfa.apps.MFAAdminConfig"`` in INSTALLED_APPS instead of
    ``"django.contrib.admin"``: ``admin.site`` is then a
    ``djoser.mfa.sites.SecondStepAdminSite`` and ``admin.site.urls`` mounts
    it as before.
    """

    default = False
    default_site = "djoser.mfa.sites.SecondStepAdminSite"
