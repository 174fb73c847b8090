"""System checks on djoser's settings, run by ``manage.py check``.

Ids djoser.E501-E519 and djoser.W501-W519 belong to djoser.mfa.
"""

from datetime import timedelta

from django.apps import apps
from django.core import checks

from djoser.conf import STATIC_DEFAULTS, settings

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


def _whole(low, high=None):
    def valid(value):
        is_int = isinstance(value, int) and not isinstance(value, bool)
        return is_int and value >= low and (high is None or value <= high)

    return valid


def _fernet_keys(value):
    if value is None:
        return True
    if not isinstance(value, (list, tuple)) or not value:
        return False
    from cryptography.fernet import Fernet

    try:
        for key in value:
            Fernet(key)
    except (ValueError, TypeError):
        return False
    return True


def _issuer(value):
    # The otpauth URI puts the issuer before a colon in its label.
    return value is None or (isinstance(value, str) and value and ":" not in value)


# MFA key -> (is the value valid?, what it must be, check id).
MFA_RULES = {
    "DIGITS": (_whole(6, 8), "a whole number from 6 to 8", "djoser.E502"),
    "PERIOD": (_whole(1), "a whole number of seconds above 0", "djoser.E503"),
    "DRIFT": (_whole(0, 10), "a whole number of steps from 0 to 10", "djoser.E504"),
    "RECOVERY_CODES": (_whole(0, 100), "a whole number from 0 to 100", "djoser.E505"),
    "LOGIN_LIFETIME": (
        lambda value: isinstance(value, timedelta) and value > timedelta(0),
        "a timedelta above zero",
        "djoser.E506",
    ),
    "MAX_ATTEMPTS": (_whole(1), "a whole number above 0", "djoser.E507"),
    "ENCRYPTION_KEYS": (
        _fernet_keys,
        "None or a non-empty list of Fernet keys (Fernet.generate_key()), newest first",
        "djoser.E508",
    ),
    "ISSUER": (_issuer, "None or a name without a colon", "djoser.E509"),
    "REQUIRED_FOR_STAFF": (
        lambda value: isinstance(value, bool),
        "True or False",
        "djoser.E510",
    ),
}


@checks.register()
def check_mfa_settings(app_configs=None, **kwargs):
    """DJOSER["MFA"] holds only known keys, each with a usable value."""
    if not apps.is_installed("djoser.mfa"):
        return []
    config = settings.MFA
    if not isinstance(config, dict):
        return [
            checks.Error(
                "DJOSER['MFA'] must be a dict.",
                hint="Write DJOSER['MFA'] = {...} with the keys you change.",
                id="djoser.E501",
            )
        ]
    errors = []
    unknown = sorted(set(config) - set(STATIC_DEFAULTS["MFA"]))
    if unknown:
        errors.append(
            checks.Error(
                f"DJOSER['MFA'] has unknown keys: {', '.join(unknown)}.",
                hint="The keys are listed in docs/settings.rst (Two-factor sign-in).",
                id="djoser.E501",
            )
        )
    for key, (valid, meaning, check_id) in MFA_RULES.items():
        if not valid(config.get(key)):
            errors.append(
                checks.Error(
                    f"DJOSER['MFA']['{key}'] = {config.get(key)!r} is not valid.",
                    hint=f"Set it to {meaning}.",
                    id=check_id,
                )
            )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def check_mfa_verify_rate(app_configs=None, **kwargs):
    """Without a rate, wrong second-step codes are limited only per mfa_token."""
    if not apps.is_installed("djoser.mfa"):
        return []
    if settings.THROTTLE_RATES.get("mfa_verify") is not None:
        return []
    return [
        checks.Warning(
            "DJOSER['THROTTLE_RATES']['mfa_verify'] is None: wrong two-factor "
            "codes are not limited per account.",
            hint='Set it to a rate such as "10/hour" (the default).',
            id="djoser.W501",
        )
    ]
