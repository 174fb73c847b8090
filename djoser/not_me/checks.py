"""System checks of the "this was not me" link (djoser.E621, E622, W621)."""

from datetime import timedelta

from django.apps import apps
from django.core import checks

from djoser.conf import settings


@checks.register()
def check_not_me_url(app_configs=None, **kwargs):
    """NOT_ME_URL, when set, has both placeholders."""
    url = settings.NOT_ME_URL
    if url is None or (isinstance(url, str) and "{uid}" in url and "{token}" in url):
        return []
    return [
        checks.Error(
            f"DJOSER['NOT_ME_URL'] = {url!r} lacks {{uid}} or {{token}}: the "
            "link in the notices could not be used.",
            hint="Use a format string with both, for example '#/not-me/{uid}/{token}'.",
            id="djoser.E621",
        )
    ]


@checks.register()
def check_not_me_timeout(app_configs=None, **kwargs):
    """NOT_ME_TIMEOUT is a positive number of seconds or timedelta."""
    timeout = settings.NOT_ME_TIMEOUT
    if isinstance(timeout, timedelta):
        seconds = timeout.total_seconds()
    elif isinstance(timeout, int) and not isinstance(timeout, bool):
        seconds = timeout
    else:
        seconds = 0
    if seconds > 0:
        return []
    return [
        checks.Error(
            f"DJOSER['NOT_ME_TIMEOUT'] = {timeout!r} is not a lifetime.",
            hint="Set it to a whole number of seconds or a timedelta, such as "
            "259200 (three days, the default).",
            id="djoser.E622",
        )
    ]


def notices_of_new_authenticators():
    """The notices that announce a new authenticator in this deployment."""
    sent = []
    if apps.is_installed("djoser.mfa"):
        sent.append("mfa_enabled")
    if apps.is_installed("djoser.webauthn") and settings.SECURITY_NOTICES.get(
        "passkey_added"
    ):
        sent.append("passkey_added")
    return sent


@checks.register(checks.Tags.security, deploy=True)
def check_not_me_link(app_configs=None, **kwargs):
    """Without the link, the owner cannot remove what a stolen password planted."""
    sent = notices_of_new_authenticators()
    if settings.NOT_ME_URL is not None or not sent:
        return []
    return [
        checks.Warning(
            f'The {" and ".join(sent)} notices carry no "this was not me" '
            "link: an account whose password was stolen and two-factor sign-in "
            "turned on by the thief can be recovered by an administrator only, "
            "and a planted passkey keeps signing in until the owner deletes it.",
            hint="Set DJOSER['NOT_ME_URL'] to your front end's route, for "
            "example '#/not-me/{uid}/{token}', which POSTs uid and token to "
            "users/not_me/ (docs/security.rst).",
            id="djoser.W621",
        )
    ]
