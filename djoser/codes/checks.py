"""System checks of djoser.codes: what would otherwise fail at request time."""

from django.apps import apps
from django.core import checks

from djoser.conf import settings
from djoser.unavailable import package_missing

# The CODES keys that turn a use on.
FEATURES = ("LOGIN", "ACTIVATION", "PASSWORD_RESET")


@checks.register()
def check_codes_settings(app_configs=None, **kwargs):
    errors = []
    codes = settings.CODES
    kinds = list(codes["LOGIN_KINDS"])
    if codes["LOGIN_KIND"] not in kinds:
        errors.append(
            checks.Error(
                f"DJOSER['CODES']['LOGIN_KIND'] = {codes['LOGIN_KIND']!r} is not "
                f"one of CODES['LOGIN_KINDS'] {kinds!r}.",
                id="djoser.codes.E002",
            )
        )
    if (
        "jwt" in kinds
        and codes["LOGIN"]
        and package_missing("rest_framework_simplejwt")
    ):
        errors.append(
            checks.Error(
                "Login by code may answer JWTs (CODES['LOGIN_KINDS'] has 'jwt'), "
                "but djangorestframework-simplejwt is not installed.",
                hint="Install it, or take 'jwt' out of CODES['LOGIN_KINDS'].",
                id="djoser.codes.E003",
            )
        )
    if not isinstance(codes["LENGTH"], int) or not 6 <= codes["LENGTH"] <= 32:
        errors.append(
            checks.Error(
                "DJOSER['CODES']['LENGTH'] must be a whole number from 6 to 32.",
                id="djoser.codes.E004",
            )
        )
    if not isinstance(codes["MAX_ATTEMPTS"], int) or codes["MAX_ATTEMPTS"] < 1:
        errors.append(
            checks.Error(
                "DJOSER['CODES']['MAX_ATTEMPTS'] must be a whole number above 0.",
                id="djoser.codes.E005",
            )
        )
    turned_on = [key for key in FEATURES if codes[key]]
    if turned_on and not apps.is_installed("djoser.codes"):
        errors.append(
            checks.Error(
                f"DJOSER['CODES'] turns on {', '.join(turned_on)}, but "
                "'djoser.codes' is not in INSTALLED_APPS.",
                hint="Add 'djoser.codes' to INSTALLED_APPS and migrate.",
                id="djoser.codes.E006",
            )
        )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def check_codes_delivery(app_configs=None, **kwargs):
    """Sent in the request, a code's email takes the mail server's time for a
    known address only: the answer's timing tells who has an account."""
    if settings.CODES["LOGIN"] and settings.EMAIL_TASK_BACKEND is None:
        return [
            checks.Warning(
                "Login by code sends its email during the request: the mail "
                "server's time is spent for known addresses only.",
                hint="Set DJOSER['EMAIL_TASK_BACKEND'] so emails are enqueued "
                "the same way for every address.",
                id="djoser.codes.W001",
            )
        ]
    return []


# THROTTLE_RATES key -> the CODES uses whose endpoints it limits.
LIMITS = {
    "login_code_request": ("LOGIN",),
    "code_confirm": FEATURES,
}


@checks.register(checks.Tags.security, deploy=True)
def check_codes_limits(app_configs=None, **kwargs):
    """The code limits are on by default; a project may have turned them off."""
    codes = settings.CODES
    unlimited = [
        action
        for action, uses in LIMITS.items()
        if any(codes[use] for use in uses)
        and settings.THROTTLE_RATES.get(action) is None
    ]
    if not unlimited:
        return []
    return [
        checks.Warning(
            f"DJOSER['THROTTLE_RATES'] sets no limit for {', '.join(unlimited)} "
            "while codes are on: codes can be mailed to an address without end, "
            "and guessed with a new login_token after every three tries.",
            hint="Set these keys to a rate, such as RECOMMENDED_THROTTLE_RATES' "
            "(from djoser.conf import RECOMMENDED_THROTTLE_RATES).",
            id="djoser.codes.W002",
        )
    ]
