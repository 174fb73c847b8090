"""JSON Web Tokens that carry their session's id.

Both tokens of a pair carry the claim ``sid``: the refresh token so that a
refresh finds its session, the access token so that authentication can ask
whether the session is still live. Only this module knows the claim.
"""

import functools
from datetime import datetime, timezone

from django.core.exceptions import ValidationError

SESSION_CLAIM = "sid"

# What a lookup by a token's user claim raises when the claim is not of the
# user model's key type (a token signed with a leaked key): no such user.
BAD_USER_CLAIM_ERRORS = (ValueError, TypeError, OverflowError, ValidationError)

# The ids a session's row can have (a BigAutoField's), and what a claim
# outside them reads as: an id no row has, so the token's session has ended.
MAX_SESSION_ID = 2**63 - 1
NO_SUCH_SESSION = 0


def session_id_of(auth):
    """The session id a validated simplejwt token carries, else None.

    None means the token has no claim (one from before sessions). Signed by
    us, a claim is still read defensively: one that no session can have
    (another type, a number the database cannot hold) names none that is
    live, so the token is refused rather than taken for one without a claim.
    """
    payload = getattr(auth, "payload", None)
    if not isinstance(payload, dict) or SESSION_CLAIM not in payload:
        return None
    session_id = payload[SESSION_CLAIM]
    if (
        isinstance(session_id, int)
        and not isinstance(session_id, bool)
        and 0 < session_id <= MAX_SESSION_ID
    ):
        return session_id
    return NO_SUCH_SESSION


def user_claim_of(token):
    """The user key a token's claim holds, as the user model's field reads it.

    None when no user can have it: a claim of another type, or a number past
    the column's range. Django 5.0 and later find no row for such a number;
    Django 4.2 sends it to the database, which fails (OverflowError on
    SQLite, an out-of-range error on PostgreSQL).
    """
    from django.contrib.auth import get_user_model
    from django.db import connection, models

    field = get_user_model()._meta.get_field(jwt_settings().USER_ID_FIELD)
    try:
        value = field.to_python(token.get(jwt_settings().USER_ID_CLAIM))
    except ValidationError:
        return None
    if value is None:
        return None
    if isinstance(field, models.IntegerField):
        # SQLite names no range on Django 4.2: no backend holds more than 64 bits.
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        low = -(2**63) if low is None else low
        high = 2**63 - 1 if high is None else high
        if not low <= value <= high:
            return None
    return value


def start(session, data):
    """Save ``session`` for the pair in ``data``; return the pair carrying its id.

    ``data`` holds the token strings a login made (``"refresh"``, and
    ``"access"``); other keys are kept. The refresh token was made a moment
    ago by the caller, so it is read without checking it again.
    """
    from rest_framework_simplejwt.tokens import RefreshToken

    refresh = RefreshToken(data["refresh"], verify=False)
    session.refresh_jti = jti_of(refresh)
    session.expires = expiry_of(refresh)
    session.save()
    refresh[SESSION_CLAIM] = session.pk
    return {**data, "refresh": str(refresh), "access": str(refresh.access_token)}


def jwt_settings():
    """simplejwt's settings as they are now (a change replaces the object)."""
    from rest_framework_simplejwt import settings as simplejwt_settings

    return simplejwt_settings.api_settings


def jti_of(token):
    return str(token[jwt_settings().JTI_CLAIM])


@functools.cache
def refresh_token_class():
    """simplejwt's RefreshToken, but blind to the blacklist for session tokens.

    A session's refresh tokens are valid or not by their session alone;
    tokens from before sessions keep simplejwt's checks, blacklist included.
    """
    from rest_framework_simplejwt.tokens import RefreshToken, Token

    class SessionRefreshToken(RefreshToken):
        def verify(self, *args, **kwargs):
            if SESSION_CLAIM in self.payload:
                Token.verify(self, *args, **kwargs)
            else:
                super().verify(*args, **kwargs)

    return SessionRefreshToken


def rotated(token, session):
    """The refresh token ``session`` holds now, made from ``token``'s claims.

    Its id and times come from the session, so the same session state always
    gives the same token: a retry within the grace period gets what the
    first request got.
    """
    api_settings = jwt_settings()
    token[api_settings.JTI_CLAIM] = session.refresh_jti
    token[SESSION_CLAIM] = session.pk
    token.set_iat(at_time=session.rotated_at)
    token.set_exp(
        from_time=session.rotated_at, lifetime=api_settings.REFRESH_TOKEN_LIFETIME
    )
    return token


def expiry_of(token):
    return datetime.fromtimestamp(token["exp"], tz=timezone.utc)
