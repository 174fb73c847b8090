from importlib.util import find_spec

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class DjoserConfig(AppConfig):
    name = "djoser"
    verbose_name = _("Accounts API")

    def ready(self):
        # Importing checks and delivery registers their system checks;
        # djoser.codes' checks run whether or not its app is installed.
        from djoser import checks, delivery, revocation, signals  # noqa: F401
        from djoser.codes import checks as code_checks  # noqa: F401
        from djoser.not_me import checks as not_me_checks  # noqa: F401
        from djoser.reauthentication import checks as reauthentication_checks  # noqa: F401

        signals.user_tokens_revoked.connect(
            revocation.revoke_on_signal, dispatch_uid="djoser.revocation"
        )

        # The browser client: its checks, and the receivers that clear its
        # cookies when the caller's credentials end.
        from django.contrib.auth import user_logged_out

        from djoser.browser import checks as browser_checks  # noqa: F401
        from djoser.browser import receivers as browser_receivers

        signals.user_tokens_revoked.connect(
            browser_receivers.credentials_revoked, dispatch_uid="djoser.browser"
        )
        user_logged_out.connect(
            browser_receivers.logged_out, dispatch_uid="djoser.browser"
        )

        # Social login's checks, where social-auth is installed.
        if apps.is_installed("social_django"):
            from djoser.social import checks as social_checks  # noqa: F401

        # The OpenAPI descriptions need drf-spectacular, an optional extra.
        if find_spec("drf_spectacular") is not None:
            import djoser.browser.schema  # noqa: F401
            import djoser.schema  # noqa: F401
