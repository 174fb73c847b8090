"""System checks of reauthentication: its timeout and its limit."""

from django.core import checks

from djoser.conf import settings


@checks.register()
def check_reauthentication_timeout(app_configs=None, **kwargs):
    """REAUTHENTICATION_TIMEOUT is a whole number of seconds, at least one."""
    timeout = settings.REAUTHENTICATION_TIMEOUT
    if isinstance(timeout, int) and not isinstance(timeout, bool) and timeout > 0:
        return []
    return [
        checks.Error(
            f"DJOSER['REAUTHENTICATION_TIMEOUT'] = {timeout!r} is not a number "
            "of seconds.",
            hint="Set it to a whole number of seconds, such as 300 (the default).",
            id="djoser.E801",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_reauthentication_rate(app_configs=None, **kwargs):
    """Without a rate, a stolen token may guess the password without end."""
    if settings.THROTTLE_RATES.get("reauthentication") is not None:
        return []
    return [
        checks.Warning(
            "DJOSER['THROTTLE_RATES']['reauthentication'] is None: whoever "
            "holds a token can guess the account's password or two-factor "
            "codes at reauthenticate/ without limit.",
            hint='Set it to a rate such as "10/hour" (the default).',
            id="djoser.W801",
        )
    ]
