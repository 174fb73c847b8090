from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesConfig(AppConfig):
    name = "djoser.codes"
    label = "djoser_codes"
    verbose_name = _("Emailed codes")
    default_auto_field = "django.db.models.BigAutoField"
