"""What ``GET config/`` answers, read from the settings and the URLconf.

Everything here is public by design: field names, which endpoints are
mounted, provider names and OAuth2 client ids (which any app that signs in
with the provider ships anyway). Secrets (client secrets, SECRET_KEY,
encryption keys) are never read. Computed per request, from settings read
at request time, so ``override_settings`` and a changed DJOSER dict apply.
"""

from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from djoser import sessions, unavailable
from djoser.conf import settings

# Login method -> (its URL name, the app or package it needs). A method is
# offered when its route is mounted and what serves it is installed (the
# routes of a missing extra answer 501).
LOGIN_METHODS = {
    "token": ("login", None),
    "jwt": ("jwt-create", "rest_framework_simplejwt"),
    "passkey": ("webauthn_login", "djoser.webauthn"),
    "social": ("provider-auth", "social_django"),
    "code": ("login-code-request", "djoser.codes"),
}
# URL name -> the keyword arguments it needs to be reversed.
URL_KWARGS = {"provider-auth": {"provider": "provider"}}

# Two-factor methods where djoser.mfa is installed.
TWO_FACTOR_METHODS = ["totp", "recovery_code"]

RETYPE_SETTINGS = {
    "user_create": "USER_CREATE_PASSWORD_RETYPE",
    "set_password": "SET_PASSWORD_RETYPE",
    "password_reset_confirm": "PASSWORD_RESET_CONFIRM_RETYPE",
    "set_username": "SET_USERNAME_RETYPE",
    "username_reset_confirm": "USERNAME_RESET_CONFIRM_RETYPE",
}


def is_mounted(url_name):
    try:
        reverse(url_name, kwargs=URL_KWARGS.get(url_name))
    except NoReverseMatch:
        return False
    return True


def is_installed(requirement):
    if requirement is None:
        return True
    if requirement in {"djoser.webauthn", "social_django", "djoser.codes"}:
        return apps.is_installed(requirement)
    return not unavailable.package_missing(requirement)


def login_methods():
    return [
        method
        for method, (url_name, requirement) in LOGIN_METHODS.items()
        if is_installed(requirement) and is_mounted(url_name)
    ]


def social_providers():
    """The social-auth backends in AUTHENTICATION_BACKENDS: name and client id."""
    if not (is_installed("social_django") and is_mounted("provider-auth")):
        return []
    from social_core.backends.base import BaseAuth
    from social_core.backends.oauth import BaseOAuth2
    from social_core.utils import setting_name

    providers = []
    for path in django_settings.AUTHENTICATION_BACKENDS:
        backend = import_string(path)
        if not (isinstance(backend, type) and issubclass(backend, BaseAuth)):
            continue
        client_id = None
        # Only OAuth2's KEY is a public client id; an OAuth1 consumer key
        # is not meant to be handed out.
        if issubclass(backend, BaseOAuth2):
            client_id = getattr(django_settings, setting_name(backend.name, "KEY"), "")
        providers.append(
            {
                "name": backend.name,
                "client_id": client_id or None,
                "token_login": token_login(backend.name),
            }
        )
    return providers


def token_login(provider):
    """The SDK tokens ``o/{provider}/token/`` takes (SOCIAL_AUTH_TOKEN_LOGIN)."""
    from djoser.social import id_tokens

    accepted = {
        "id_token": id_tokens.accepts_id_tokens,
        "access_token": id_tokens.accepts_access_tokens,
    }
    return [kind for kind, accepts in accepted.items() if accepts(provider)]


def password_rules():
    validators = password_validation.get_default_password_validators()
    minimums = [
        validator.min_length
        for validator in validators
        if isinstance(validator, MinimumLengthValidator)
    ]
    maximums = [
        validator.max_length
        for validator in validators
        if isinstance(getattr(validator, "max_length", None), int)
    ]
    return {
        "min_length": max(minimums, default=None),
        "max_length": min(maximums, default=None),
    }


def sessions_offer():
    """djoser.sessions: on, listed, and whether refresh tokens rotate.

    A client must keep the refresh token each refresh answers where they
    rotate: presenting the old one after the grace period logs it out.
    """
    on = bool(sessions.is_on())
    rotating = False
    if on and not unavailable.package_missing("rest_framework_simplejwt"):
        from djoser.sessions.tokens import jwt_settings

        rotating = bool(jwt_settings().ROTATE_REFRESH_TOKENS)
    grace = settings.SESSIONS["REUSE_GRACE_PERIOD"]
    return {
        "enabled": on,
        "listed": on and is_mounted("session-list"),
        "refresh_rotation": rotating,
        "reuse_grace_seconds": int(grace.total_seconds()) if rotating else None,
    }


def client_config():
    User = get_user_model()
    mfa_installed = apps.is_installed("djoser.mfa")
    providers = social_providers()
    # Social login is a method only where a provider is configured, login by
    # code only where CODES turns it on (its routes answer 404 until then).
    offered = {"social": bool(providers), "code": settings.CODES["LOGIN"]}
    methods = [m for m in login_methods() if offered.get(m, True)]
    return {
        "user_fields": {
            "id": settings.USER_ID_FIELD,
            "login": settings.LOGIN_FIELD,
            "username": User.USERNAME_FIELD,
            "email": User.get_email_field_name(),
            "required": list(User.REQUIRED_FIELDS),
        },
        "login_methods": methods,
        "social_providers": providers,
        "registration": {
            "open": is_mounted("user-list"),
            "activation_email": settings.SEND_ACTIVATION_EMAIL,
        },
        "retype": {
            form: getattr(settings, setting)
            for form, setting in RETYPE_SETTINGS.items()
        },
        "two_factor": {
            "methods": TWO_FACTOR_METHODS if mfa_installed else [],
            "required_for_staff": mfa_installed
            and bool(settings.MFA["REQUIRED_FOR_STAFF"]),
        },
        "email_change": {
            "enabled": settings.EMAIL_CHANGE_CONFIRM_URL is not None
            and is_mounted("user-email-change"),
            "undo": settings.EMAIL_CHANGE_UNDO_URL is not None,
            "requires_verification": settings.EMAIL_CHANGE_REQUIRES_VERIFICATION,
        },
        "password": password_rules(),
        "sessions": sessions_offer(),
    }
