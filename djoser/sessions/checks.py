"""System checks of djoser.sessions (djoser.E902-E904, W901-W902).

Registered when the app is installed. djoser.checks has those that matter
without it: E901 (its URLs without the app), E905 (its authentication
without the app), E412 (rotation that revokes nothing) and W903 (JSON Web
Tokens on a deployment without sessions).
"""

from datetime import timedelta

from django.core import checks
from rest_framework.settings import api_settings as drf_settings

from djoser.conf import STATIC_DEFAULTS, settings

SESSION_AUTHENTICATION = "djoser.sessions.authentication.SessionJWTAuthentication"


def _period(value):
    return isinstance(value, timedelta) and value >= timedelta(0)


# SESSIONS key -> (is the value valid?, what it must be).
SESSIONS_RULES = {
    "ENABLED": (lambda value: isinstance(value, bool), "True or False"),
    "REUSE_GRACE_PERIOD": (_period, "a timedelta of zero or more"),
    "CLIENT_ADDRESS": (
        lambda value: value in ("truncated", "full", None),
        '"truncated", "full" or None',
    ),
    "LAST_USED_INTERVAL": (_period, "a timedelta of zero or more"),
}


def _sessions_on():
    config = settings.SESSIONS
    return isinstance(config, dict) and config.get("ENABLED") is True


@checks.register()
def check_sessions_settings(app_configs=None, **kwargs):
    """DJOSER["SESSIONS"] holds only known keys, each with a usable value."""
    config = settings.SESSIONS
    if not isinstance(config, dict):
        return [
            checks.Error(
                "DJOSER['SESSIONS'] must be a dict.",
                hint="Write DJOSER['SESSIONS'] = {...} with the keys you change.",
                id="djoser.E902",
            )
        ]
    errors = []
    unknown = sorted(set(config) - set(STATIC_DEFAULTS["SESSIONS"]))
    if unknown:
        errors.append(
            checks.Error(
                f"DJOSER['SESSIONS'] has unknown keys: {', '.join(unknown)}.",
                hint="The keys are listed in docs/sessions.rst.",
                id="djoser.E902",
            )
        )
    for key, (valid, meaning) in SESSIONS_RULES.items():
        if not valid(config.get(key)):
            errors.append(
                checks.Error(
                    f"DJOSER['SESSIONS']['{key}'] = {config.get(key)!r} is not valid.",
                    hint=f"Set it to {meaning}.",
                    id="djoser.E902",
                )
            )
    return errors


def _jwt_authentications():
    """Positions of (session-checking, plain) JWT authentication classes."""
    try:
        from rest_framework_simplejwt.authentication import JWTAuthentication

        from djoser.sessions.authentication import SessionJWTAuthentication
    except ImportError:
        return [], []
    classes = list(enumerate(drf_settings.DEFAULT_AUTHENTICATION_CLASSES))
    checking = [i for i, cls in classes if issubclass(cls, SessionJWTAuthentication)]
    plain = [
        i
        for i, cls in classes
        if issubclass(cls, JWTAuthentication)
        and not issubclass(cls, SessionJWTAuthentication)
    ]
    return checking, plain


@checks.register()
def check_access_token_authentication(app_configs=None, **kwargs):
    """simplejwt's JWTAuthentication before ours would take every token first."""
    if not _sessions_on():
        return []
    checking, plain = _jwt_authentications()
    if not checking or not plain or min(plain) > min(checking):
        return []
    return [
        checks.Error(
            "DEFAULT_AUTHENTICATION_CLASSES lists simplejwt's JWTAuthentication "
            "before SessionJWTAuthentication: it accepts every access token "
            "first, so tokens of revoked sessions keep working.",
            hint=f"Replace JWTAuthentication with '{SESSION_AUTHENTICATION}'.",
            id="djoser.E903",
        )
    ]


@checks.register(checks.Tags.urls)
def check_mounted_jwt_views(app_configs=None, **kwargs):
    """simplejwt's own login and refresh views know nothing of sessions."""
    if not _sessions_on():
        return []
    from djoser.checks import mounted_views

    try:
        from rest_framework_simplejwt import views as simplejwt_views

        from djoser import jwt_views
    except ImportError:
        return []
    bypassing = {
        simplejwt_views.TokenObtainPairView: jwt_views.TokenObtainPairView,
        simplejwt_views.TokenRefreshView: jwt_views.TokenRefreshView,
    }
    found = sorted(
        {
            f"{view_class.__module__}.{view_class.__qualname__}"
            for view_class, _actions in mounted_views()
            for theirs, ours in bypassing.items()
            if issubclass(view_class, theirs) and not issubclass(view_class, ours)
        }
    )
    if not found:
        return []
    return [
        checks.Error(
            f"The URLconf routes to {', '.join(found)}, which record no session "
            "and refresh without rotation or reuse detection: a revoked "
            "session's refresh token keeps working there.",
            hint="Route jwt/create and jwt/refresh to djoser.urls.jwt (or to "
            "subclasses of djoser.jwt_views' views).",
            id="djoser.E904",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_sessions_deployment(app_configs=None, **kwargs):
    """What the deployment leaves out of sessions' protection."""
    if not _sessions_on():
        return []
    try:
        from djoser.sessions.tokens import jwt_settings

        rotating = jwt_settings().ROTATE_REFRESH_TOKENS
    except ImportError:
        return []  # no simplejwt: no JSON Web Tokens to protect
    warnings = []
    checking, _plain = _jwt_authentications()
    if not checking:
        warnings.append(
            checks.Warning(
                "Access tokens do not end with their session: a logout or a "
                "detected reuse leaves them working until they expire.",
                hint=f"Put '{SESSION_AUTHENTICATION}' in REST_FRAMEWORK"
                "['DEFAULT_AUTHENTICATION_CLASSES'] in place of JWTAuthentication.",
                id="djoser.W901",
            )
        )
    if not rotating:
        warnings.append(
            checks.Warning(
                "Refresh tokens are not rotated, so a copied one is used beside "
                "the real one and its reuse cannot be detected.",
                hint="Set SIMPLE_JWT['ROTATE_REFRESH_TOKENS'] = True (clients "
                "must keep the refresh token each refresh answers).",
                id="djoser.W902",
            )
        )
    return warnings
