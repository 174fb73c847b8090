from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DjoserConfig(AppConfig):
    name = "djoser"
    verbose_name = _("Accounts API")

    def ready(self):
        # Registers the email delivery system check.
        from djoser import delivery  # noqa: F401
