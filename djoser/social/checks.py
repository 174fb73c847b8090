"""System checks of social login (djoser.W701, E702, E703).

Registered by ``DjoserConfig.ready()`` where ``social_django`` is installed.
"""

from django.conf import settings as django_settings
from django.core import checks

from djoser.conf import settings
from djoser.social.pipeline import SOCIAL_CORE_ASSOCIATE_BY_EMAIL, STEP


def configured_pipelines():
    """``(setting name, steps)`` of every authentication pipeline configured.

    ``SOCIAL_AUTH_PIPELINE`` and the per-backend ``SOCIAL_AUTH_<NAME>_PIPELINE``
    (the disconnect pipelines excepted).
    """
    for name in dir(django_settings):
        if (
            name.startswith("SOCIAL_AUTH_")
            and name.endswith("_PIPELINE")
            and not name.endswith("DISCONNECT_PIPELINE")
        ):
            steps = getattr(django_settings, name)
            if isinstance(steps, (list, tuple)):
                yield name, steps


@checks.register(checks.Tags.security)
def check_associate_by_email(app_configs=None, **kwargs):
    """social-core's associate_by_email believes any address: name it."""
    return [
        checks.Warning(
            f"{name} runs social-core's associate_by_email: it would sign a "
            "provider account in to whichever account holds its email address, "
            "verified or not. djoser refuses such links unless the provider "
            "verified the address and SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS "
            "trusts it for the address.",
            hint=f"Replace it with '{STEP}' and list the providers you trust "
            "in DJOSER['SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS'] (docs/social.rst).",
            id="djoser.W701",
        )
        for name, steps in configured_pipelines()
        if SOCIAL_CORE_ASSOCIATE_BY_EMAIL in steps
    ]


def _is_domain_list(value):
    return isinstance(value, (list, tuple, set)) and all(
        isinstance(domain, str) and domain for domain in value
    )


@checks.register()
def check_trusted_email_providers(app_configs=None, **kwargs):
    """SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS: names, or names to domains or "*"."""
    trusted = settings.SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS
    valid = _is_domain_list(trusted) or (
        isinstance(trusted, dict)
        and all(
            isinstance(name, str) and (domains == "*" or _is_domain_list(domains))
            for name, domains in trusted.items()
        )
    )
    if valid:
        return []
    return [
        checks.Error(
            "DJOSER['SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS'] is not valid: no "
            "provider is trusted to link accounts by email.",
            hint='Write a list of backend names, or a dict such as {"google-oauth2": '
            '["example.com"], "apple-id": "*"}.',
            id="djoser.E703",
        )
    ]


@checks.register()
def check_token_login(app_configs=None, **kwargs):
    """Every SOCIAL_AUTH_TOKEN_LOGIN entry can verify what it accepts."""
    from djoser.social import id_tokens

    return [
        checks.Error(
            f"DJOSER['SOCIAL_AUTH_TOKEN_LOGIN'][{provider!r}]: {problem}",
            hint="See docs/native_apps.rst for the keys.",
            id="djoser.E702",
        )
        for provider, problem in id_tokens.configuration_problems()
    ]
