from django.utils import timezone
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken

from djoser.sessions import tokens
from djoser.sessions.models import Session
from djoser.sessions.rotation import SESSION_ENDED_ERROR


class SessionJWTAuthentication(JWTAuthentication):
    """simplejwt's JWTAuthentication, for access tokens that end with their session.

    Put it in DEFAULT_AUTHENTICATION_CLASSES in place of JWTAuthentication.
    An access token that carries a session id works only while its session
    is live: a logout, a reuse of its refresh token or a password reset ends
    it at once, not when it expires. Access tokens from before sessions are
    checked as simplejwt checks them.

    The check is one query by the session's primary key, before simplejwt's
    own query for the user; a session's use is written at most once per
    LAST_USED_INTERVAL.
    """

    def get_user(self, validated_token):
        session_id = tokens.session_id_of(validated_token)
        if session_id is None:
            return self._user(validated_token)
        at = timezone.now()
        owner = Session.objects.live_owner(session_id, at)
        if owner is None:
            raise AuthenticationFailed(SESSION_ENDED_ERROR, code="session_ended")
        user = self._user(validated_token)
        owner_id, use_due = owner
        if owner_id != user.pk:
            raise AuthenticationFailed(SESSION_ENDED_ERROR, code="session_ended")
        if use_due:
            Session.objects.filter(pk=session_id).update(last_used=at)
        return user

    def _user(self, validated_token):
        try:
            return super().get_user(validated_token)
        except tokens.BAD_USER_CLAIM_ERRORS:
            # A user claim of another type than the user model's key.
            raise InvalidToken() from None
