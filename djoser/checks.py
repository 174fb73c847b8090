"""System checks on djoser's settings, run by ``manage.py check``."""

from django.apps import apps
from django.core import checks

from djoser.conf import settings

OPT_IN_LINE = '"THROTTLE_RATES": RECOMMENDED_THROTTLE_RATES'

# The actions that check a password or send mail to an address the caller
# names, and the app that must be installed for each to be reachable.
GUARDED_ACTIONS = {
    "token_create": None,
    "user_create": None,
    "password_reset": None,
    "username_reset": None,
    "social": "social_django",
    "webauthn_login": "djoser.webauthn",
}


@checks.register(checks.Tags.security, deploy=True)
def check_throttle_rates(app_configs=None, **kwargs):
    """Warn a deployment whose logins or mail-sending actions have no limit.

    djoser, like djoser 2.x, limits nothing by default so that existing
    projects and their test suites keep working; a live site should not
    leave password guessing and mail bombing unchecked.
    """
    rates = settings.THROTTLE_RATES
    unlimited = [
        action
        for action, app in GUARDED_ACTIONS.items()
        if (app is None or apps.is_installed(app)) and rates.get(action) is None
    ]
    if not unlimited:
        return []
    return [
        checks.Warning(
            "DJOSER['THROTTLE_RATES'] sets no rate limit for "
            f"{', '.join(unlimited)}: passwords can be guessed and mail sent "
            "without end.",
            hint=(
                f"Add {OPT_IN_LINE} to DJOSER "
                "(from djoser.conf import RECOMMENDED_THROTTLE_RATES), "
                "or set a rate for each of these keys."
            ),
            id="djoser.W301",
        )
    ]
