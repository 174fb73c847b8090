from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken

from djoser.sessions import tokens
from djoser.sessions.models import Session
from djoser.sessions.rotation import SESSION_ENDED_ERROR
from djoser.sessions.tokens import jwt_settings


class SessionJWTAuthentication(JWTAuthentication):
    """simplejwt's JWTAuthentication, for access tokens that end with their session.

    Put it in DEFAULT_AUTHENTICATION_CLASSES in place of JWTAuthentication.
    An access token that carries a session id works only while its session
    is live: a logout, a reuse of its refresh token or a password reset ends
    it at once, not when it expires. Access tokens from before sessions are
    checked as simplejwt checks them.

    It costs no query more than JWTAuthentication: the session is read with
    its user in one query by primary key, in place of the user's own.
    """

    def get_user(self, validated_token):
        session_id = tokens.session_id_of(validated_token)
        if session_id is None:
            return super().get_user(validated_token)
        session = Session.objects.select_related("user").filter(pk=session_id).first()
        at = timezone.now()
        if session is None or not session.is_live(at):
            raise AuthenticationFailed(SESSION_ENDED_ERROR, code="session_ended")
        user = session.user
        try:
            claimed = validated_token[jwt_settings().USER_ID_CLAIM]
        except KeyError:
            raise InvalidToken(
                _("Token contained no recognizable user identification")
            ) from None
        if str(getattr(user, jwt_settings().USER_ID_FIELD)) != str(claimed):
            raise AuthenticationFailed(SESSION_ENDED_ERROR, code="session_ended")
        self._check_user(user, validated_token)
        session.record_use(at)
        return user

    def _check_user(self, user, validated_token):
        """simplejwt's checks of the user: active, and the password not changed."""
        if jwt_settings().CHECK_USER_IS_ACTIVE and not user.is_active:
            raise AuthenticationFailed(_("User is inactive"), code="user_inactive")
        if jwt_settings().CHECK_REVOKE_TOKEN:
            from rest_framework_simplejwt.utils import get_md5_hash_password

            if validated_token.get(
                jwt_settings().REVOKE_TOKEN_CLAIM
            ) != get_md5_hash_password(user.password):
                raise AuthenticationFailed(
                    _("The user's password has been changed."), code="password_changed"
                )
