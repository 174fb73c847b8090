"""Refreshing a session's tokens: rotation, retries, and reuse detection.

A refresh token names its session (``sid``) and its own id (``jti``). With
the session's row locked, the id decides (RFC 9700, section 4.14.2):

- the session's current token: rotated when ROTATE_REFRESH_TOKENS is on
  (a new id; exactly one live refresh token per session), else refreshed;
- the token the current one replaced, within REUSE_GRACE_PERIOD of the
  rotation: a client that lost the answer retries; it gets the same token
  the first request got, so the session does not fork;
- any other token of the session: a copy is being used. The session is
  revoked (its refresh and access tokens stop working), the owner is told
  (the ``refresh_reuse`` security notice) and ``refresh_token_reused`` sent.
"""

from uuid import uuid4

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken
from rest_framework_simplejwt.serializers import (
    TokenBlacklistSerializer,
    TokenRefreshSerializer,
    TokenVerifySerializer,
)
from rest_framework_simplejwt.tokens import UntypedToken

from djoser import revocation, security_notices, utils
from djoser.sessions import logins, signals, tokens
from djoser.sessions.models import Reasons, Session
from djoser.sessions.tokens import jwt_settings

ROTATED = "rotated"
REFRESHED = "refreshed"
RETRIED = "retried"
REUSED = "reused"
ENDED = "ended"

SESSION_ENDED_ERROR = _("This session has ended: log in again.")


def refresh(request, raw_token):
    """The answer to a refresh with ``raw_token``: ``access`` (and ``refresh``).

    Raises simplejwt's TokenError for a token that is not valid, and
    InvalidToken where its session has ended or ends now.
    """
    token = tokens.refresh_token_class()(raw_token)
    session_id = tokens.session_id_of(token)
    if session_id is None:
        session_id = _adopt(request, token)
    at = timezone.now()
    with utils.user_transaction(Session) as using:
        session = _locked(session_id, using)
        outcome = _outcome(session, token, at)
        if outcome in (ROTATED, REFRESHED, RETRIED):
            _check_user(session.user)
        if outcome == ROTATED:
            _rotate(session, at)
        elif outcome == REUSED:
            Session.objects.filter(pk=session.pk).revoke(Reasons.REFRESH_REUSE, at)
    if outcome == REUSED:
        _tell_owner(request, session)
    if outcome in (REUSED, ENDED):
        raise InvalidToken(SESSION_ENDED_ERROR)
    if outcome == REFRESHED:
        session.record_use(at)
        return {"access": str(token.access_token)}
    if outcome == RETRIED:
        session.record_use(at)
    current = tokens.rotated(token, session)
    return {"access": str(current.access_token), "refresh": str(current)}


def _outcome(session, token, at):
    if session is None or not session.is_live(at):
        return ENDED
    if str(getattr(session.user, jwt_settings().USER_ID_FIELD)) != str(
        token.get(jwt_settings().USER_ID_CLAIM)
    ):
        return ENDED
    jti = tokens.jti_of(token)
    if jti == session.refresh_jti:
        return ROTATED if jwt_settings().ROTATE_REFRESH_TOKENS else REFRESHED
    if jti == session.previous_refresh_jti and session.in_grace_period(at):
        return RETRIED
    return REUSED


def _rotate(session, at):
    session.previous_refresh_jti = session.refresh_jti
    session.refresh_jti = _new_jti()
    session.rotated_at = at
    session.last_used = at
    session.expires = at + jwt_settings().REFRESH_TOKEN_LIFETIME
    session.save(
        update_fields=[
            "previous_refresh_jti",
            "refresh_jti",
            "rotated_at",
            "last_used",
            "expires",
        ]
    )


def _new_jti():
    return uuid4().hex


def _locked(session_id, using):
    """The session row, locked until the transaction ends; None if it is gone."""
    queryset = Session.objects.db_manager(using).select_related("user")
    features = connections[using].features
    if features.has_select_for_update:
        # Only the session's row: the user's stays free for other requests.
        of = ("self",) if features.has_select_for_update_of else ()
        queryset = queryset.select_for_update(of=of)
    # SQLite: user_transaction holds the whole database's lock already.
    return queryset.filter(pk=session_id).first()


def _adopt(request, token):
    """The session of a refresh token issued before sessions were turned on.

    Its first refresh makes it a session's current token, so that it is
    rotated like any other; parallel first refreshes make one session (the
    token's id is unique among adopted ones).
    """
    user_model = get_user_model()
    user = user_model._default_manager.get(
        **{jwt_settings().USER_ID_FIELD: token.get(jwt_settings().USER_ID_CLAIM)}
    )
    jti = tokens.jti_of(token)
    session = logins.new_session(request, user, "jwt")
    session.refresh_jti = session.adopted_jti = jti
    session.expires = tokens.expiry_of(token)
    try:
        with transaction.atomic(using=router.db_for_write(Session)):
            session.save()
    except IntegrityError:
        return Session.objects.get(adopted_jti=jti).pk
    return session.pk


def _check_user(user):
    if not jwt_settings().USER_AUTHENTICATION_RULE(user):
        raise AuthenticationFailed(
            _("No active account found for the given token."),
            code="no_active_account",
        )


def _tell_owner(request, session):
    user = session.user
    signals.refresh_token_reused.send(
        sender=Session, session=session, user=user, request=request
    )
    security_notices.notify(
        "refresh_reuse",
        request,
        user,
        device_name=session.device_name or session.user_agent,
    )


class SessionRefreshSerializer(TokenRefreshSerializer):
    """A refresh token in; an access token and, with rotation, the refresh
    token to use next out."""

    def validate(self, attrs):
        return refresh(self.context["request"], attrs["refresh"])


class SessionLogoutSerializer(TokenBlacklistSerializer):
    """A refresh token whose session ends (a token from before sessions is
    blacklisted)."""

    def validate(self, attrs):
        token = tokens.refresh_token_class()(attrs["refresh"])
        session_id = tokens.session_id_of(token)
        if session_id is None:
            if not revocation.blacklist_installed():
                from djoser.jwt_views import BlacklistNotInstalled

                raise BlacklistNotInstalled()
            return super().validate(attrs)
        user_id = tokens.user_claim_of(token)
        if user_id is not None:
            lookup = {f"user__{jwt_settings().USER_ID_FIELD}": user_id}
            Session.objects.filter(pk=session_id, **lookup).revoke(Reasons.LOGOUT)
        return {}


class SessionVerifySerializer(TokenVerifySerializer):
    """A token, valid only while its session (if it names one) is live."""

    def validate(self, attrs):
        data = super().validate(attrs)
        session_id = tokens.session_id_of(UntypedToken(attrs["token"]))
        if session_id is not None:
            if Session.objects.live_owner(session_id, timezone.now()) is None:
                raise InvalidToken(SESSION_ENDED_ERROR)
        return data
