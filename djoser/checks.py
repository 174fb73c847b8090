"""System checks (``manage.py check``) for configurations djoser cannot serve.

Errors name a project that cannot work as configured (registration, login or
mounted endpoints would fail); warnings name one that works except for the
part mentioned. docs/settings.rst lists every id. Ids djoser.E501-E519 and
djoser.W501-W519 belong to djoser.mfa.
"""

import inspect
from datetime import timedelta

from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.exceptions import FieldDoesNotExist
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.urls import URLResolver, get_resolver
from django.utils.module_loading import import_string

from djoser import counters, delivery, revocation, unavailable
from djoser.conf import STATIC_DEFAULTS, settings

LOGIN_FIELD_BACKEND = "djoser.auth_backends.LoginFieldBackend"

# Email key -> (the setting that turns it on, or the UserViewSet action that
# sends it whenever it is mounted; check id; level). Without its link an
# activation email leaves every new account locked out: an error.
EMAIL_URL_CHECKS = {
    "activation": ("SEND_ACTIVATION_EMAIL", None, "djoser.E401", checks.Error),
    "password_reset": (None, "reset_password", "djoser.W402", checks.Warning),
    "username_reset": (None, "reset_username", "djoser.W403", checks.Warning),
}

# Stand-in feature (djoser.unavailable) -> (check id, what the routes are).
UNAVAILABLE_FEATURES = {
    "jwt": ("djoser.E407", "djoser.urls.jwt"),
    "social": ("djoser.E408", "djoser.social.urls"),
    "webauthn": ("djoser.E409", "djoser.webauthn.urls"),
    "mfa": ("djoser.E511", "djoser.urls.mfa"),
    "sessions": ("djoser.E901", "djoser.sessions.urls"),
    "codes": ("djoser.codes.E001", "djoser.urls.codes"),
}


def url_callbacks():
    """The view callback of every route of the project's URLconf, if it has one."""
    if not getattr(django_settings, "ROOT_URLCONF", None):
        return
    entries = list(get_resolver().url_patterns)
    while entries:
        entry = entries.pop()
        if isinstance(entry, URLResolver):
            entries.extend(entry.url_patterns)
            continue
        yield entry.callback


def mounted_views():
    """``(view class, router actions)`` for every route of the project's URLconf."""
    found = []
    for callback in url_callbacks():
        view_class = getattr(callback, "cls", None) or getattr(
            callback, "view_class", None
        )
        if view_class is not None:
            found.append((view_class, getattr(callback, "actions", None) or {}))
    return found


def _mounted_actions():
    # Imported when the checks run, not when apps.py imports this module.
    from djoser.views import UserViewSet

    return {
        action
        for view_class, actions in mounted_views()
        if issubclass(view_class, UserViewSet)
        for action in actions.values()
    }


@checks.register(checks.Tags.urls)
def check_email_urls(app_configs=None, **kwargs):
    """An email that carries a link needs the ``*_URL`` format of that link."""
    errors = []
    mounted_actions = None
    for email_key, (setting, action, check_id, level) in EMAIL_URL_CHECKS.items():
        # With CODES on, the message sent carries a code and needs no link.
        sent_email = getattr(settings.EMAIL, delivery.message_name(email_key))
        url_setting = getattr(sent_email, "url_setting", None)
        if url_setting is None or getattr(settings, url_setting) is not None:
            continue
        if setting is not None:
            sent = getattr(settings, setting)
        else:
            if mounted_actions is None:
                mounted_actions = _mounted_actions()
            sent = action in mounted_actions
        if sent:
            errors.append(
                level(
                    f"djoser sends {email_key.replace('_', ' ')} emails, but "
                    f"DJOSER['{url_setting}'] is not set: each one fails to send.",
                    hint=f"Set DJOSER['{url_setting}'] to the front-end path "
                    "of the link, such as '#/path/{uid}/{token}'.",
                    id=check_id,
                )
            )
    return errors


@checks.register()
def check_login_field(app_configs=None, **kwargs):
    """LOGIN_FIELD must be a field of the user model, and should be unique."""
    user_model = get_user_model()
    try:
        field = user_model._meta.get_field(settings.LOGIN_FIELD)
    except FieldDoesNotExist:
        return [
            checks.Error(
                f"DJOSER['LOGIN_FIELD'] is {settings.LOGIN_FIELD!r}, which is not "
                f"a field of {user_model._meta.label}.",
                hint="Name a unique field of the user model, or leave LOGIN_FIELD "
                f"out to use USERNAME_FIELD ({user_model.USERNAME_FIELD!r}).",
                id="djoser.E404",
            )
        ]
    # Django's own checks (auth.E003) cover USERNAME_FIELD.
    if field.name != user_model.USERNAME_FIELD and not field.unique:
        return [
            checks.Warning(
                f"DJOSER['LOGIN_FIELD'] is {settings.LOGIN_FIELD!r}, which is not "
                f"unique on {user_model._meta.label}: accounts may share a value, "
                "and a login with it finds only the oldest of them.",
                hint="Sign in with a unique field: declare it unique=True on a "
                "custom user model, or leave LOGIN_FIELD out.",
                id="djoser.W411",
            )
        ]
    return []


def _create_user_needs(manager):
    """The arguments the manager's ``create_user`` cannot do without."""
    parameters = inspect.signature(manager.create_user).parameters.values()
    return [
        parameter.name
        for parameter in parameters
        if parameter.default is parameter.empty
        and parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
    ]


@checks.register()
def check_registration_fields(app_configs=None, **kwargs):
    """Registration must ask for every argument ``create_user`` requires."""
    user_model = get_user_model()
    key = (
        "user_create_password_retype"
        if settings.USER_CREATE_PASSWORD_RETYPE
        else "user_create"
    )
    serializer_class = getattr(settings.SERIALIZERS, key)
    try:
        fields = serializer_class().fields
    except Exception:
        # A serializer that needs a request to build its fields: not ours to judge.
        return []
    writable = {field.source for field in fields.values() if not field.read_only}
    missing = [
        name
        for name in _create_user_needs(user_model._default_manager)
        if name not in writable and name != "password"
    ]
    if not missing:
        return []
    return [
        checks.Error(
            f"Registration cannot create users: {user_model._meta.label}'s "
            f"create_user() requires {', '.join(missing)}, which "
            f"SERIALIZERS['{key}'] does not ask for (LOGIN_FIELD is "
            f"{settings.LOGIN_FIELD!r}).",
            hint=f"Add {', '.join(missing)} to the fields of "
            f"SERIALIZERS['{key}'], or set LOGIN_FIELD to "
            f"{user_model.USERNAME_FIELD!r}.",
            id="djoser.E405",
        )
    ]


def _is_django_backend(backend_class):
    return backend_class.__module__ == "django.contrib.auth.backends"


@checks.register()
def check_login_field_backend(app_configs=None, **kwargs):
    """Logins by a LOGIN_FIELD other than USERNAME_FIELD need a backend for it."""
    from django.contrib.auth import get_backends

    from djoser.auth_backends import LoginFieldBackend

    if settings.LOGIN_FIELD == get_user_model().USERNAME_FIELD:
        return []
    backends = [type(backend) for backend in get_backends()]
    if any(issubclass(backend, LoginFieldBackend) for backend in backends):
        return []
    message = (
        f"DJOSER['LOGIN_FIELD'] is {settings.LOGIN_FIELD!r}, but no "
        "authentication backend looks users up by it: logins go through "
        "django.contrib.auth.authenticate()"
    )
    hint = f"Add '{LOGIN_FIELD_BACKEND}' to AUTHENTICATION_BACKENDS."
    if all(_is_django_backend(backend) for backend in backends):
        # Django's own backends look users up by USERNAME_FIELD only.
        return [
            checks.Error(
                f"{message}, and Django's backends match USERNAME_FIELD only.",
                hint=hint,
                id="djoser.E406",
            )
        ]
    return [
        checks.Warning(
            f"{message}.",
            hint=f"{hint} If a backend of your own authenticates by "
            "LOGIN_FIELD, silence this warning in SILENCED_SYSTEM_CHECKS.",
            id="djoser.W406",
        )
    ]


@checks.register(checks.Tags.urls)
def check_mounted_features(app_configs=None, **kwargs):
    """Optional features' URLs must come with what they need."""
    if unavailable.package_missing("rest_framework_simplejwt"):
        blacklist_view = None
    else:
        from djoser.jwt_views import TokenBlacklistView as blacklist_view

    errors = []
    reported = set()
    for view_class, _actions in mounted_views():
        if issubclass(view_class, unavailable.UnavailableView):
            if view_class.feature in reported:
                continue
            reported.add(view_class.feature)
            check_id, url_module = UNAVAILABLE_FEATURES[view_class.feature]
            if view_class.package is not None:
                lacking = f"the {view_class.package} package is not installed"
                hint = f"pip install {view_class.package}"
            else:
                lacking = f"'{view_class.app}' is not in INSTALLED_APPS"
                hint = f"Add '{view_class.app}' to INSTALLED_APPS and migrate."
            errors.append(
                checks.Error(
                    f"The URLconf includes {url_module}, but {lacking}: "
                    "its endpoints answer 501.",
                    hint=hint,
                    id=check_id,
                )
            )
        elif (
            blacklist_view is not None
            and issubclass(view_class, blacklist_view)
            and "blacklist" not in reported
            and not revocation.blacklist_installed()
        ):
            reported.add("blacklist")
            errors.append(
                checks.Warning(
                    "jwt/blacklist/ is mounted, but simplejwt's blacklist app is "
                    "not installed: the endpoint answers 501, and logouts, "
                    "password changes and resets leave refresh tokens valid.",
                    hint=f"Add '{revocation.BLACKLIST_APP}' to INSTALLED_APPS "
                    "and migrate.",
                    id="djoser.W410",
                )
            )
    return errors


# Refresh tokens and sessions without djoser.sessions (djoser.E412, E905, W903);
# the app's own checks are in djoser.sessions.checks.
SESSIONS_APP = "djoser.sessions"
SESSION_AUTHENTICATION = "djoser.sessions.authentication.SessionJWTAuthentication"


def _sessions_on():
    return apps.is_installed(SESSIONS_APP) and settings.SESSIONS.get("ENABLED")


@checks.register()
def check_session_authentication_app(app_configs=None, **kwargs):
    """SessionJWTAuthentication reads djoser.sessions' table."""
    if apps.is_installed(SESSIONS_APP):
        return []
    # Read as configured: importing the class needs the app.
    rest_framework = getattr(django_settings, "REST_FRAMEWORK", {})
    configured = rest_framework.get("DEFAULT_AUTHENTICATION_CLASSES", ())
    if SESSION_AUTHENTICATION not in configured:
        return []
    return [
        checks.Error(
            f"DEFAULT_AUTHENTICATION_CLASSES names {SESSION_AUTHENTICATION}, but "
            f"'{SESSIONS_APP}' is not in INSTALLED_APPS: every request fails.",
            hint=f"Add '{SESSIONS_APP}' to INSTALLED_APPS and migrate.",
            id="djoser.E905",
        )
    ]


@checks.register()
def check_refresh_rotation_revokes(app_configs=None, **kwargs):
    """Rotation that should blacklist the old refresh token needs somewhere to."""
    if unavailable.package_missing("rest_framework_simplejwt") or _sessions_on():
        return []
    from rest_framework_simplejwt.settings import api_settings

    if not (
        api_settings.ROTATE_REFRESH_TOKENS and api_settings.BLACKLIST_AFTER_ROTATION
    ):
        return []
    if revocation.blacklist_installed():
        return []
    return [
        checks.Error(
            "SIMPLE_JWT rotates refresh tokens with BLACKLIST_AFTER_ROTATION, but "
            "neither simplejwt's blacklist app nor djoser.sessions is installed: "
            "a rotated-out refresh token keeps working.",
            hint=f"Add '{SESSIONS_APP}' (rotation with reuse detection) or "
            f"'{revocation.BLACKLIST_APP}' to INSTALLED_APPS and migrate.",
            id="djoser.E412",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_sessions_off(app_configs=None, **kwargs):
    """JSON Web Tokens without sessions: no reuse detection, no revocation reach."""
    if _sessions_on():
        return []
    if not any(
        view_class.__module__ == "djoser.jwt_views" for view_class, _ in mounted_views()
    ):
        return []
    return [
        checks.Warning(
            "djoser.urls.jwt is mounted without djoser.sessions: a copied refresh "
            "token works beside the real one unnoticed, and access tokens outlive "
            "every logout.",
            hint=f"Add '{SESSIONS_APP}' to INSTALLED_APPS and migrate, and see "
            "docs/sessions.rst.",
            id="djoser.W903",
        )
    ]


# Rate limits (djoser.W301).
OPT_IN_LINE = '"THROTTLE_RATES": RECOMMENDED_THROTTLE_RATES'

# The actions that check a password (set_password, set_username and
# user_delete: behind a token) or send mail to an address the caller names,
# and the app that must be installed for each to be reachable.
GUARDED_ACTIONS = {
    "token_create": None,
    "user_create": None,
    "password_reset": None,
    "username_reset": None,
    "set_password": None,
    "set_username": None,
    "user_delete": None,
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


# Rate limits need a cache that counts atomically (djoser.W101, W102).
@checks.register(checks.Tags.caches)
def check_throttle_cache(app_configs=None, **kwargs):
    """Rate limits need a default cache that counts, atomically.

    The database and file caches add one by reading and writing back, so
    parallel requests overwrite each other's counts and a burst gets past the
    limit; the dummy cache counts nothing at all.
    """
    limited = sorted(
        action for action, rate in settings.THROTTLE_RATES.items() if rate is not None
    )
    if not limited:
        return []
    try:
        cache = caches["default"]
    except Exception:
        return []  # Django's own checks name a broken CACHES setting
    backend = f"{type(cache).__module__}.{type(cache).__qualname__}"
    if isinstance(cache, DummyCache):
        return [
            checks.Warning(
                f"DJOSER THROTTLE_RATES limits {', '.join(limited)}, but the "
                f"default cache is {backend}, which keeps no counts: nothing is "
                "limited.",
                hint="Point CACHES['default'] at Redis or Memcached.",
                id="djoser.W102",
            )
        ]
    if not counters.incr_is_atomic(cache):
        return [
            checks.Warning(
                f"DJOSER THROTTLE_RATES limits {', '.join(limited)}, but the "
                f"default cache is {backend}, whose incr() is not atomic: "
                "parallel requests can get past the limits.",
                hint="Point CACHES['default'] at Redis or Memcached.",
                id="djoser.W101",
            )
        ]
    return []


# What a limited request answers while the cache is down (djoser.E103,
# E104, I103).
@checks.register()
def check_throttle_outage_settings(app_configs=None, **kwargs):
    """THROTTLE_CACHE_OUTAGE names real actions and a whole number of seconds."""
    outage = settings.THROTTLE_CACHE_OUTAGE
    errors = []
    fail_open = outage.get("FAIL_OPEN")
    if not isinstance(fail_open, (list, tuple, set, frozenset)) or any(
        action not in settings.THROTTLE_RATES for action in fail_open
    ):
        errors.append(
            checks.Error(
                f'DJOSER THROTTLE_CACHE_OUTAGE["FAIL_OPEN"] = {fail_open!r} is not '
                "a list of THROTTLE_RATES keys.",
                hint='For example "FAIL_OPEN": ["token_create"].',
                id="djoser.E103",
            )
        )
    retry_after = outage.get("RETRY_AFTER")
    if not _whole(1)(retry_after):
        errors.append(
            checks.Error(
                f'DJOSER THROTTLE_CACHE_OUTAGE["RETRY_AFTER"] = {retry_after!r} is '
                "not a whole number of seconds of at least 1.",
                id="djoser.E104",
            )
        )
    return errors


@checks.register()
def check_login_backoff(app_configs=None, **kwargs):
    """LOGIN_BACKOFF is None or AFTER, BASE and MAX as whole numbers (djoser.E105)."""
    backoff = settings.LOGIN_BACKOFF
    if backoff is None:
        return []
    valid = (
        isinstance(backoff, dict)
        and _whole(1)(backoff.get("AFTER"))
        and _whole(1)(backoff.get("BASE"))
        and _whole(backoff.get("BASE") if _whole(1)(backoff.get("BASE")) else 1)(
            backoff.get("MAX")
        )
    )
    if valid:
        return []
    return [
        checks.Error(
            f"DJOSER LOGIN_BACKOFF = {backoff!r} is neither None nor a dict of "
            "whole numbers AFTER, BASE and MAX (at least BASE).",
            hint='For example "LOGIN_BACKOFF": {"AFTER": 3, "BASE": 1, "MAX": 300}.',
            id="djoser.E105",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_throttle_outage(app_configs=None, **kwargs):
    """Say what limited requests answer while the counters' cache is down."""
    limited = sorted(
        action for action, rate in settings.THROTTLE_RATES.items() if rate is not None
    )
    if not limited:
        return []
    fail_open = set(settings.THROTTLE_CACHE_OUTAGE.get("FAIL_OPEN") or ())
    closed = [action for action in limited if action not in fail_open]
    opened = [action for action in limited if action in fail_open]
    parts = []
    if closed:
        parts.append(f"answer 503 (fail closed): {', '.join(closed)}")
    if opened:
        parts.append(f"go through unlimited (fail open): {', '.join(opened)}")
    return [
        checks.Info(
            "While the default cache is unreachable, limited requests "
            + "; ".join(parts)
            + ".",
            hint='Chosen by DJOSER THROTTLE_CACHE_OUTAGE["FAIL_OPEN"].',
            id="djoser.I103",
        )
    ]


# Verified email change (djoser.E601-E603, W601).
@checks.register()
def check_email_change_url(app_configs=None, **kwargs):
    """Verified email change needs its link format, with both placeholders."""
    url = settings.EMAIL_CHANGE_CONFIRM_URL
    if url is None:
        if settings.EMAIL_CHANGE_REQUIRES_VERIFICATION:
            return [
                checks.Error(
                    "DJOSER['EMAIL_CHANGE_REQUIRES_VERIFICATION'] is on, but "
                    "DJOSER['EMAIL_CHANGE_CONFIRM_URL'] is not set: users "
                    "cannot change their email address at all.",
                    hint="Set DJOSER['EMAIL_CHANGE_CONFIRM_URL'] to your front "
                    "end's route, for example '#/email/confirm/{uid}/{token}'.",
                    id="djoser.E601",
                )
            ]
        return []
    user_model = get_user_model()
    email_field = user_model.get_email_field_name()
    try:
        user_model._meta.get_field(email_field)
    except FieldDoesNotExist:
        return [
            checks.Error(
                f"DJOSER['EMAIL_CHANGE_CONFIRM_URL'] is set, but the user model "
                f"{user_model._meta.label} has no {email_field!r} field to change.",
                hint="Set EMAIL_FIELD on the user model to its address field, "
                "or leave EMAIL_CHANGE_CONFIRM_URL unset.",
                id="djoser.E603",
            )
        ]
    if not isinstance(url, str) or "{uid}" not in url or "{token}" not in url:
        return [
            checks.Error(
                f"DJOSER['EMAIL_CHANGE_CONFIRM_URL'] = {url!r} lacks {{uid}} or "
                "{token}: the emailed link could not be confirmed.",
                hint="Use a format string with both, for example "
                "'#/email/confirm/{uid}/{token}'.",
                id="djoser.E602",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_email_change_verified(app_configs=None, **kwargs):
    """Changing the address directly lets a stolen session take the account."""
    if settings.EMAIL_CHANGE_REQUIRES_VERIFICATION:
        return []
    return [
        checks.Warning(
            "Users can change their email address without proving they own "
            "the new one (PATCH users/me/, set_email/).",
            hint="Set DJOSER['EMAIL_CHANGE_CONFIRM_URL'] and "
            "DJOSER['EMAIL_CHANGE_REQUIRES_VERIFICATION'] = True "
            "(docs/email_change.rst).",
            id="djoser.W601",
        )
    ]


# Mail without a timeout, passkey challenges without a cap (djoser.W201, W202).
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


# A new password that leaves the old credentials working (djoser.W203).
@checks.register(checks.Tags.security, deploy=True)
def check_logout_on_password_change(app_configs=None, **kwargs):
    """A password change or reset should end what the old password let in.

    djoser 2.x keeps the account's tokens (and, on a change, its refresh
    tokens) through both, so an owner who changes or resets the password
    after a theft leaves the thief's token working.
    """
    if settings.LOGOUT_ON_PASSWORD_CHANGE:
        return []
    return [
        checks.Warning(
            "DJOSER['LOGOUT_ON_PASSWORD_CHANGE'] is off: a stolen token keeps "
            "working after its owner changes the password (and a DRF token "
            "after a reset too).",
            hint="Set DJOSER['LOGOUT_ON_PASSWORD_CHANGE'] = True.",
            id="djoser.W203",
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


# Two-factor sign-in (djoser.E501-E510, W501; E511 is a mounted feature above).
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
