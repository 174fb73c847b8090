from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MFAConfig(AppConfig):
    name = "djoser.mfa"
    label = "djoser_mfa"
    verbose_name = _("Two-factor sign-in")
    default_auto_field = "django.db.models.BigAutoField"
