"""System checks: misconfiguration named by ``manage.py check``."""

from django.apps import apps
from django.conf import settings as django_settings
from django.core import checks
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.utils.module_loading import import_string

from djoser.conf import settings


@checks.register(checks.Tags.security, deploy=True)
def check_email_timeout(app_configs=None, **kwargs):
    """Mail sent during the request over SMTP needs a timeout.

    Django's SMTP backend waits forever by default: a mail server that
    accepts the connection and never answers holds the request (and a
    worker) as long, and the delay tells a known address from an unknown one.
    """
    if settings.EMAIL_TASK_BACKEND is not None:
        return []
    backend, timeout, setting = _default_mailer()
    if timeout is not None or not _is_smtp(backend):
        return []
    return [
        checks.Warning(
            "djoser sends its emails during the request over SMTP, and "
            f"{setting} is not set: a mail server that never answers holds "
            "the request without end.",
            hint=(
                f"Set {setting} (in seconds, such as 10), or deliver the emails "
                "from a worker with DJOSER['EMAIL_TASK_BACKEND']."
            ),
            id="djoser.W201",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_passkey_challenge_cap(app_configs=None, **kwargs):
    """Passkey options store a challenge for anyone who asks: cap them."""
    if not apps.is_installed("djoser.webauthn"):
        return []
    if settings.WEBAUTHN["MAX_CHALLENGES_PER_CLIENT"] is not None:
        return []
    return [
        checks.Warning(
            "Any client may make djoser.webauthn store passkey challenges "
            "without limit: MAX_CHALLENGES_PER_CLIENT is not set.",
            hint=(
                'Set DJOSER["WEBAUTHN"]["MAX_CHALLENGES_PER_CLIENT"] (such as '
                '20), and rates for THROTTLE_RATES["webauthn_signup_request"] '
                'and ["webauthn_login_request"].'
            ),
            id="djoser.W202",
        )
    ]


def _default_mailer():
    """The default mail backend's path, its timeout, and the setting holding it."""
    mailers = getattr(django_settings, "MAILERS", None)
    if mailers:
        # Django 6.1 configures email through MAILERS.
        config = mailers.get("default", {})
        timeout = config.get("OPTIONS", {}).get("timeout")
        return (
            config.get("BACKEND"),
            timeout,
            'MAILERS["default"]["OPTIONS"]["timeout"]',
        )
    return django_settings.EMAIL_BACKEND, django_settings.EMAIL_TIMEOUT, "EMAIL_TIMEOUT"


def _is_smtp(path):
    try:
        backend = import_string(path)
    except ImportError:
        return False
    return isinstance(backend, type) and issubclass(backend, SMTPBackend)
