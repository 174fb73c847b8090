"""djoser's settings: defaults overlaid with the project's ``DJOSER`` dict.

``settings.SEND_ACTIVATION_EMAIL`` reads a flag; ``settings.SERIALIZERS.user``
imports the class configured under that key. The object is rebuilt whenever
Django's ``DJOSER`` or ``AUTH_USER_MODEL`` setting changes, so
``override_settings`` takes effect on the next request.
"""

from datetime import timedelta

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.signals import setting_changed
from django.utils.functional import LazyObject
from django.utils.module_loading import import_string

SETTINGS_NAME = "DJOSER"

# The limits djoser recommends, per client address and per account named in
# the request, by action: a DRF rate such as "5/hour", or None for no limit.
# Keys are the PERMISSIONS keys plus the social and passkey logins. A project
# turns them on with one line in DJOSER:
#     "THROTTLE_RATES": RECOMMENDED_THROTTLE_RATES,
RECOMMENDED_THROTTLE_RATES = {
    # Logins count failed attempts only.
    "token_create": "10/hour",
    "social": "10/hour",
    "webauthn_login": "10/hour",
    # These send mail to an address the caller names.
    "user_create": "10/hour",
    "password_reset": "5/hour",
    "username_reset": "5/hour",
    "email_change": "5/hour",
    "activation": None,
    "password_reset_confirm": None,
    "username_reset_confirm": None,
    # These check current_password: a stolen token must not guess it without end.
    "set_password": "5/hour",
    "set_username": "5/hour",
    "user_delete": "5/hour",
    "user": None,
    "user_list": None,
    "token_destroy": None,
    "email_change_confirm": None,
    "email_change_undo": None,
    "not_me": None,
    # Passkey options: each answer stores a challenge.
    "webauthn_signup_request": "10/hour",
    "webauthn_login_request": "30/hour",
    # djoser.mfa: wrong second-step codes, per client and per account.
    "mfa_verify": "10/hour",
    # Wrong passwords, codes and passkeys at reauthenticate/ and in the body
    # of a sensitive request (djoser.reauthentication), failures only.
    "reauthentication": "10/hour",
    # djoser.codes: codes asked for (each sends an email), per client and
    # per account named; codes tried, per client (and per account named).
    "login_code_request": "5/hour",
    "code_confirm": "30/hour",
}

STATIC_DEFAULTS = {
    "SEND_ACTIVATION_EMAIL": False,
    "SEND_CONFIRMATION_EMAIL": False,
    "USER_CREATE_PASSWORD_RETYPE": False,
    "SET_PASSWORD_RETYPE": False,
    "PASSWORD_RESET_CONFIRM_RETYPE": False,
    "SET_USERNAME_RETYPE": False,
    "USERNAME_RESET_CONFIRM_RETYPE": False,
    "PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND": False,
    "USERNAME_RESET_SHOW_EMAIL_NOT_FOUND": False,
    "PASSWORD_CHANGED_EMAIL_CONFIRMATION": False,
    "USERNAME_CHANGED_EMAIL_CONFIRMATION": False,
    "LOGOUT_ON_PASSWORD_CHANGE": False,
    "CREATE_SESSION_ON_LOGIN": False,
    # Seconds a credential stays freshly reauthenticated (reauthenticate/):
    # sensitive changes made with it meanwhile need no proof in their body.
    "REAUTHENTICATION_TIMEOUT": 300,
    "HIDE_USERS": True,
    # Whether the OpenAPI schema lists form and multipart request bodies
    # beside JSON (djoser.schema). The views parse what DEFAULT_PARSER_CLASSES
    # allows either way.
    "SCHEMA_FORM_BODIES": False,
    "TOKEN_MODEL": "rest_framework.authtoken.models.Token",
    "ACTIVATION_URL": None,
    "PASSWORD_RESET_CONFIRM_URL": None,
    "USERNAME_RESET_CONFIRM_URL": None,
    # Verified email change (djoser.email_change): the link's format, how long
    # it works (None: PASSWORD_RESET_TIMEOUT), whether users/me/ and
    # set_email/ refuse to change the address directly, and whom the old
    # address is told to contact if the change was not theirs.
    "EMAIL_CHANGE_CONFIRM_URL": None,
    "EMAIL_CHANGE_TIMEOUT": None,
    "EMAIL_CHANGE_REQUIRES_VERIFICATION": False,
    "EMAIL_CHANGE_SUPPORT_CONTACT": None,
    # The link in the old address's notice that undoes a change (None: no
    # link); it works for EMAIL_CHANGE_TIMEOUT too.
    "EMAIL_CHANGE_UNDO_URL": None,
    # "This was not me" (djoser.not_me): the link in the notices of two-factor
    # sign-in turned on and of a passkey added (None: no link, and
    # users/not_me/ answers 404), and how long it works: seconds, or a
    # timedelta. Whoever reads the mailbox meanwhile can remove the new
    # authenticator too (docs/security.rst).
    "NOT_ME_URL": None,
    "NOT_ME_TIMEOUT": 3 * 24 * 60 * 60,
    "EMAIL_FRONTEND_DOMAIN": None,
    "EMAIL_FRONTEND_PROTOCOL": None,
    "EMAIL_FRONTEND_SITE_NAME": None,
    # None sends emails during the request; the alias of a TASKS backend
    # enqueues them instead (djoser.delivery).
    "EMAIL_TASK_BACKEND": None,
    "SOCIAL_AUTH_TOKEN_STRATEGY": "djoser.social.token.jwt.TokenStrategy",
    "SOCIAL_AUTH_ALLOWED_REDIRECT_URIS": [],
    # Backend name -> the email domains it is trusted to have verified (a
    # list, or "*" for any): only these may sign a provider account in to
    # the existing account holding its address (djoser.social.trust).
    "SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS": {},
    # Backend name -> how native apps sign in with a token from the
    # provider's SDK at o/{provider}/token/ (djoser.social.id_tokens):
    # CLIENT_IDS (the accepted audiences of its ID tokens), ISSUERS and
    # JWKS_URL (known for Google and Apple), ACCESS_TOKEN (True to accept
    # the provider's access tokens through the backend's do_auth).
    "SOCIAL_AUTH_TOKEN_LOGIN": {},
    "SERIALIZERS": {
        "activation": "djoser.serializers.ActivationSerializer",
        "password_reset": "djoser.serializers.SendEmailResetSerializer",
        "password_reset_confirm": "djoser.serializers.PasswordResetConfirmSerializer",
        "password_reset_confirm_retype": (
            "djoser.serializers.PasswordResetConfirmRetypeSerializer"
        ),
        "set_password": "djoser.serializers.SetPasswordSerializer",
        "set_password_retype": "djoser.serializers.SetPasswordRetypeSerializer",
        "set_username": "djoser.serializers.SetUsernameSerializer",
        "set_username_retype": "djoser.serializers.SetUsernameRetypeSerializer",
        "username_reset": "djoser.serializers.SendEmailResetSerializer",
        "username_reset_confirm": "djoser.serializers.UsernameResetConfirmSerializer",
        "username_reset_confirm_retype": (
            "djoser.serializers.UsernameResetConfirmRetypeSerializer"
        ),
        "user_create": "djoser.serializers.UserCreateSerializer",
        "user_create_password_retype": (
            "djoser.serializers.UserCreatePasswordRetypeSerializer"
        ),
        "user_delete": "djoser.serializers.UserDeleteSerializer",
        "user": "djoser.serializers.UserSerializer",
        "current_user": "djoser.serializers.UserSerializer",
        "token": "djoser.serializers.TokenSerializer",
        "token_create": "djoser.serializers.TokenCreateSerializer",
        "provider_auth": "djoser.social.serializers.ProviderAuthSerializer",
        "provider_token": "djoser.social.serializers.ProviderTokenSerializer",
        "email_change": "djoser.email_change.serializers.EmailChangeSerializer",
        "email_change_confirm": (
            "djoser.email_change.serializers.EmailChangeConfirmSerializer"
        ),
        "email_change_undo": (
            "djoser.email_change.serializers.EmailChangeConfirmSerializer"
        ),
        "not_me": "djoser.not_me.serializers.NotMeSerializer",
        "login_code_request": "djoser.codes.serializers.LoginCodeRequestSerializer",
        "login_code_resend": "djoser.codes.serializers.LoginTokenSerializer",
        "login_code_confirm": "djoser.codes.serializers.LoginCodeConfirmSerializer",
        "activation_code": "djoser.codes.serializers.ActivationCodeSerializer",
        "password_reset_code": "djoser.codes.serializers.PasswordResetCodeSerializer",
        "password_reset_code_retype": (
            "djoser.codes.serializers.PasswordResetCodeRetypeSerializer"
        ),
    },
    "EMAIL": {
        "activation": "djoser.email.ActivationEmail",
        "confirmation": "djoser.email.ConfirmationEmail",
        "password_reset": "djoser.email.PasswordResetEmail",
        "password_changed_confirmation": (
            "djoser.email.PasswordChangedConfirmationEmail"
        ),
        "username_changed_confirmation": (
            "djoser.email.UsernameChangedConfirmationEmail"
        ),
        "username_reset": "djoser.email.UsernameResetEmail",
        "email_change": "djoser.email_change.emails.EmailChangeEmail",
        "email_changed_notice": "djoser.email_change.emails.EmailChangedNoticeEmail",
        "email_change_address_in_use": (
            "djoser.email_change.emails.EmailChangeAddressInUseEmail"
        ),
        "email_change_undone": "djoser.email_change.emails.EmailChangeUndoneEmail",
        "authenticator_removed": "djoser.not_me.emails.AuthenticatorRemovedEmail",
        "passkey_added_notice": "djoser.security_notices.PasskeyAddedNoticeEmail",
        "passkey_removed_notice": "djoser.security_notices.PasskeyRemovedNoticeEmail",
        "new_device_notice": "djoser.security_notices.NewDeviceNoticeEmail",
        "login_limit_notice": "djoser.security_notices.LoginLimitNoticeEmail",
        "refresh_reuse_notice": "djoser.security_notices.RefreshReuseNoticeEmail",
        "social_connected_notice": "djoser.security_notices.SocialConnectedNoticeEmail",
        "social_disconnected_notice": (
            "djoser.security_notices.SocialDisconnectedNoticeEmail"
        ),
        # djoser.mfa's notices; sent only where the app is installed.
        "mfa_enabled": "djoser.mfa.email.MFAEnabledEmail",
        "mfa_disabled": "djoser.mfa.email.MFADisabledEmail",
        "mfa_recovery_codes_generated": (
            "djoser.mfa.email.RecoveryCodesGeneratedEmail"
        ),
        "mfa_recovery_code_used": "djoser.mfa.email.RecoveryCodeUsedEmail",
        # djoser.codes: the messages that carry a code instead of a link.
        "login_code": "djoser.codes.emails.LoginCodeEmail",
        "activation_code": "djoser.codes.emails.ActivationCodeEmail",
        "password_reset_code": "djoser.codes.emails.PasswordResetCodeEmail",
    },
    "CONSTANTS": {"messages": "djoser.constants.Messages"},
    "PERMISSIONS": {
        "activation": ["rest_framework.permissions.AllowAny"],
        "password_reset": ["rest_framework.permissions.AllowAny"],
        "password_reset_confirm": ["rest_framework.permissions.AllowAny"],
        "set_password": ["djoser.permissions.CurrentUserOrAdmin"],
        "username_reset": ["rest_framework.permissions.AllowAny"],
        "username_reset_confirm": ["rest_framework.permissions.AllowAny"],
        "set_username": ["djoser.permissions.CurrentUserOrAdmin"],
        "user_create": ["rest_framework.permissions.AllowAny"],
        "user_delete": ["djoser.permissions.CurrentUserOrAdmin"],
        "user": ["djoser.permissions.CurrentUserOrAdmin"],
        "user_list": ["djoser.permissions.CurrentUserOrAdmin"],
        "token_create": ["rest_framework.permissions.AllowAny"],
        "token_destroy": ["rest_framework.permissions.IsAuthenticated"],
        "email_change": ["djoser.permissions.CurrentUserOrAdmin"],
        "email_change_confirm": ["rest_framework.permissions.AllowAny"],
        "email_change_undo": ["rest_framework.permissions.AllowAny"],
        "not_me": ["rest_framework.permissions.AllowAny"],
    },
    # Requests allowed per client address and per account named in the
    # request, by action. No limits, as in djoser 2.x: a project turns on the
    # recommended ones with "THROTTLE_RATES": RECOMMENDED_THROTTLE_RATES.
    # The exceptions count only what djoser 2.x never had: without them,
    # logging in again would give a password holder unlimited guesses at the
    # second step's code, and a stolen token unlimited guesses at the code
    # or password that reauthenticate/ takes.
    "THROTTLE_RATES": {
        **dict.fromkeys(RECOMMENDED_THROTTLE_RATES),
        "mfa_verify": RECOMMENDED_THROTTLE_RATES["mfa_verify"],
        "reauthentication": RECOMMENDED_THROTTLE_RATES["reauthentication"],
        # So do djoser.codes' limits: its endpoints are new, and off until
        # CODES turns them on.
        "login_code_request": RECOMMENDED_THROTTLE_RATES["login_code_request"],
        "code_confirm": RECOMMENDED_THROTTLE_RATES["code_confirm"],
    },
    # While the cache holding the rate limits' counters is unreachable, a
    # limited request answers 503 with Retry-After: RETRY_AFTER seconds
    # ("fail closed"), except the THROTTLE_RATES keys FAIL_OPEN names, which
    # go through unlimited (a warning is logged for each).
    "THROTTLE_CACHE_OUTAGE": {"FAIL_OPEN": [], "RETRY_AFTER": 30},
    # djoser.login_backoff: None, or {"AFTER": 3, "BASE": 1, "MAX": 300} to
    # make an account wait BASE seconds after its AFTERth failed login within
    # the window, doubling with each further failure up to MAX.
    "LOGIN_BACKOFF": None,
    # djoser.device_proofs: what a successful login hands the client so that
    # failed logins by others never lock it out of its account. LIFETIME
    # None: no proofs are given or accepted.
    "DEVICE_PROOFS": {
        "LIFETIME": timedelta(days=90),
        "HEADER": "Device-Proof",
        "COOKIE_NAME": "djoser_device_proof",
        "COOKIE_PATH": "/",
        "COOKIE_DOMAIN": None,
        # None: Secure when the login request came over HTTPS.
        "COOKIE_SECURE": None,
        "COOKIE_SAMESITE": "Strict",
    },
    # Emails to an account's address about security events on it
    # (djoser.security_notices); each is off until set to True.
    "SECURITY_NOTICES": {
        # On by default: a passkey or a linked provider account is a way in
        # that outlives a password change, and its owner must hear of one a
        # stolen token adds.
        "passkey_added": True,
        "passkey_removed": False,
        "new_device": False,
        "login_limit": False,
        # djoser.sessions: a refresh token was reused and its session revoked.
        # On by default too: a copy of a token is in other hands. (Sent only
        # where the app is installed.)
        "refresh_reuse": True,
        "social_connected": True,
        "social_disconnected": False,
    },
    "WEBAUTHN": {
        "RP_NAME": "localhost",
        "RP_ID": "localhost",
        "ORIGIN": "http://localhost:8000",
        "CHALLENGE_LENGTH": 32,
        "UKEY_LENGTH": 20,
        "SIGNUP_SERIALIZER": "djoser.webauthn.serializers.WebauthnCreateUserSerializer",
        "LOGIN_SERIALIZER": "djoser.webauthn.serializers.WebauthnLoginSerializer",
        # How long a signup, login or add-passkey challenge can be answered.
        "CHALLENGE_LIFETIME": timedelta(minutes=5),
        # How many challenges one client address may be given within one
        # CHALLENGE_LIFETIME, so stored and unexpired; None: no cap.
        "MAX_CHALLENGES_PER_CLIENT": None,
    },
    # djoser.devicetokens: how long a token lives (None: until revoked),
    # whether use pushes its expiry back, how many one user may hold (None: no
    # cap; the oldest go first) and how often a use is written down.
    "DEVICE_TOKENS": {
        "LIFETIME": None,
        "SLIDING_RENEWAL": False,
        "MAX_PER_USER": None,
        "LAST_USED_INTERVAL": timedelta(minutes=1),
    },
    # The browser client (djoser.urls.browser, djoser.browser): the cookies
    # its credentials travel in. Lifetimes are timedeltas; None takes the
    # credential's own (simplejwt's lifetimes; the token cookie then lasts
    # as long as the browser session). REFRESH_COOKIE_PATH None scopes the
    # refresh cookie to the browser client's jwt/ routes that read it.
    "BROWSER": {
        "ACCESS_COOKIE": "access_token",
        "REFRESH_COOKIE": "refresh_token",
        "TOKEN_COOKIE": "auth_token",
        "MFA_COOKIE": "mfa_token",
        "COOKIE_DOMAIN": None,
        "COOKIE_PATH": "/",
        "REFRESH_COOKIE_PATH": None,
        "COOKIE_SECURE": True,
        "COOKIE_SAMESITE": "Lax",
        "ACCESS_COOKIE_LIFETIME": None,
        "REFRESH_COOKIE_LIFETIME": None,
        "TOKEN_COOKIE_LIFETIME": None,
    },
    # djoser.sessions: one session per login, refresh rotation with reuse
    # detection, access tokens that end with their session. Nothing here
    # applies until "djoser.sessions" is in INSTALLED_APPS.
    "SESSIONS": {
        # Installed, the app records every login; False pauses it (its
        # tables stay) and djoser works as without it.
        "ENABLED": True,
        # A refresh token presented again within this long after it was
        # rotated gets the same answer (a client that lost the response);
        # later, it is a reuse and ends the session.
        "REUSE_GRACE_PERIOD": timedelta(seconds=10),
        # What a session keeps of the client's address: "truncated" (the /24
        # of IPv4, the /48 of IPv6), "full", or None (nothing).
        "CLIENT_ADDRESS": "truncated",
        # A session's last use is written at most this often.
        "LAST_USED_INTERVAL": timedelta(minutes=1),
    },
    # djoser.mfa: two-factor sign-in with an authenticator app (TOTP).
    "MFA": {
        # The name authenticator apps show; None: the current site's name.
        "ISSUER": None,
        "DIGITS": 6,
        "PERIOD": 30,
        # Codes of this many steps before and after now are accepted too.
        "DRIFT": 1,
        "RECOVERY_CODES": 10,
        # How long the mfa_token of a half-done login can be answered.
        "LOGIN_LIFETIME": timedelta(minutes=5),
        # Wrong codes after which an mfa_token is dead.
        "MAX_ATTEMPTS": 5,
        # Staff accounts without two-factor sign-in get no API login.
        "REQUIRED_FOR_STAFF": False,
        # Fernet keys (newest first) that encrypt the TOTP secrets; None
        # derives one from SECRET_KEY (and SECRET_KEY_FALLBACKS) with HKDF.
        "ENCRYPTION_KEYS": None,
    },
    # djoser.codes: short codes sent by email instead of links. Each use is
    # off until turned on; LOGIN needs djoser.urls.codes mounted.
    "CODES": {
        # login/code/request/ and its confirm and resend endpoints.
        "LOGIN": False,
        # The activation and password reset emails carry a code instead of a
        # link, confirmed at users/activation/code/ and
        # users/reset_password_confirm/code/.
        "ACTIVATION": False,
        "PASSWORD_RESET": False,
        # What a code login answers when the request names no kind: "token"
        # (as token/login/) or "jwt" (as jwt/create/).
        "LOGIN_KIND": "token",
        # The kinds a request may ask for with its "kind" field.
        "LOGIN_KINDS": ["token", "jwt"],
        "LENGTH": 8,
        "LIFETIME": timedelta(minutes=5),
        # Tries per code, the right one included; then the code is dead.
        "MAX_ATTEMPTS": 3,
    },
}

# Keys whose value is a dotted path imported when the key is first read.
IMPORTED_KEYS = ("TOKEN_MODEL", "SOCIAL_AUTH_TOKEN_STRATEGY")

# Dict settings whose values are dotted paths (or lists of them), imported on
# attribute access; ``None`` means every key of the dict.
IMPORTED_DICT_KEYS = {
    "SERIALIZERS": None,
    "EMAIL": None,
    "CONSTANTS": None,
    "PERMISSIONS": None,
    "WEBAUTHN": {"SIGNUP_SERIALIZER", "LOGIN_SERIALIZER"},
}


def get_default_settings():
    """The defaults, including the two that depend on the user model."""
    user_model = get_user_model()
    return {
        "USER_ID_FIELD": user_model._meta.pk.name,
        "LOGIN_FIELD": user_model.USERNAME_FIELD,
        **STATIC_DEFAULTS,
    }


def _import(value):
    return import_string(value) if isinstance(value, str) else value


class ImportingDict(dict):
    """A settings dict: items as configured, attributes imported.

    ``d["user"]`` is the dotted path (or class) given in settings, while
    ``d.user`` is the object it names; a list of paths becomes a list of
    objects. Keys outside ``import_keys`` (when given) read the same both ways.
    """

    def __init__(self, values, import_keys=None):
        super().__init__(values)
        self.import_keys = import_keys
        # name -> (configured value, imported object or tuple of them). A
        # settings change builds a new dict, so this lives one generation.
        self._imported = {}

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            value = self[name]
        except KeyError:
            raise AttributeError(name) from None
        if self.import_keys is not None and name not in self.import_keys:
            return value
        is_list = isinstance(value, (list, tuple))
        configured = tuple(value) if is_list else value
        cached = self._imported.get(name)
        if cached is None or cached[0] != configured:
            if is_list:
                imported = tuple(_import(item) for item in configured)
            else:
                imported = _import(configured)
            cached = self._imported[name] = (configured, imported)
        # A fresh list each time: a caller may extend what it gets.
        return list(cached[1]) if is_list else cached[1]


class Settings:
    """Defaults merged with the project's overrides; dict values merge by key."""

    def __init__(self, defaults, overrides=None):
        merged = {}
        overrides = overrides or {}
        for key in defaults.keys() | overrides.keys():
            default = defaults.get(key)
            value = overrides.get(key, default)
            if isinstance(default, dict) and isinstance(value, dict):
                value = {**default, **value}
            if key in IMPORTED_DICT_KEYS and isinstance(value, dict):
                value = ImportingDict(value, IMPORTED_DICT_KEYS[key])
            merged[key] = value
        self._values = merged
        self._imported = {}
        # Plain values become attributes, read without calling __getattr__;
        # dotted paths stay behind it, imported on first read.
        vars(self).update(
            (key, value) for key, value in merged.items() if key not in IMPORTED_KEYS
        )

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            value = self._values[name]
        except KeyError:
            raise AttributeError(f"Invalid djoser setting: {name!r}") from None
        if name in IMPORTED_KEYS and value is not None:
            if name not in self._imported:
                self._imported[name] = _import(value)
            return self._imported[name]
        return value

    def __dir__(self):
        return sorted(self._values)


class FromSettings:
    """A class attribute computed from djoser settings each time it is read.

    Serializer ``Meta`` options and view attributes use it so that settings
    changed at run time (``override_settings``, tests) apply on the next
    request. A subclass that assigns the attribute itself gets exactly what
    it wrote; ``djoser_attr = Parent.attr + [...]`` reads the current value.
    """

    def __init__(self, compute):
        self.compute = compute

    def __get__(self, instance, owner):
        return self.compute()


class LazySettings(LazyObject):
    def _setup(self, overrides=None):
        if overrides is None:
            overrides = getattr(django_settings, SETTINGS_NAME, {})
        self._wrapped = Settings(get_default_settings(), overrides)


settings = LazySettings()


def reload_djoser_settings(*args, setting, value, **kwargs):
    """Rebuild the settings when a test or a project changes them."""
    if setting == SETTINGS_NAME:
        settings._setup(value or {})
    elif setting == "AUTH_USER_MODEL":
        settings._setup()


setting_changed.connect(reload_djoser_settings)


def __getattr__(name):
    # ``default_settings`` depends on the user model, so it is computed on use.
    if name == "default_settings":
        return get_default_settings()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
