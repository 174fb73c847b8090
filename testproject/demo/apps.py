from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "djoser demo"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from demo.receivers import activate_addressless_account
        from djoser.signals import user_registered

        user_registered.connect(
            activate_addressless_account, dispatch_uid="demo-activate-addressless"
        )
