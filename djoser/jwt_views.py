"""The JSON Web Token views behind ``djoser.urls.jwt``: simplejwt's, with
djoser's hardened JSON parsing, its login limit, an answer for deleted
accounts, and a clear error where blacklisting is not installed."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework_simplejwt import views
from rest_framework_simplejwt.exceptions import (
    AuthenticationFailed,
    InvalidToken,
    TokenError,
)

from djoser import mfa, revocation, sessions
from djoser.parsers import HardenedParsersMixin
from djoser.throttling import ThrottleMixin


class BlacklistNotInstalled(APIException):
    status_code = status.HTTP_501_NOT_IMPLEMENTED
    default_detail = format_lazy(
        _("Refresh tokens cannot be blacklisted: add '{app}' to INSTALLED_APPS."),
        app=revocation.BLACKLIST_APP,
    )
    default_code = "blacklist_not_installed"


class TokenObtainPairView(
    HardenedParsersMixin, ThrottleMixin, views.TokenObtainPairView
):
    """Log in; failed attempts count against the ``token_create`` rate."""

    throttle_action = "token_create"

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except TokenError as error:
            raise InvalidToken(error.args[0]) from error
        user = getattr(serializer, "user", None)
        mfa.check_second_step(request, user, "jwt")
        data = sessions.record_login(request, user, "jwt", serializer.validated_data)
        return Response(data, status=status.HTTP_200_OK)


class TokenRefreshView(HardenedParsersMixin, views.TokenRefreshView):
    """Refresh; with djoser.sessions, rotation with reuse detection."""

    @classmethod
    def as_view(cls, **initkwargs):
        # A detected reuse revokes its session and answers 401: under
        # ATOMIC_REQUESTS the error would roll the revocation back.
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def get_serializer_class(self):
        if sessions.is_on():
            from djoser.sessions.rotation import SessionRefreshSerializer

            return SessionRefreshSerializer
        return super().get_serializer_class()

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ObjectDoesNotExist:
            # simplejwt looks the token's user up and fails when it is gone.
            raise AuthenticationFailed(
                _("No active account found for the given token."),
                code="no_active_account",
            ) from None


class TokenVerifyView(HardenedParsersMixin, views.TokenVerifyView):
    """simplejwt's, parsing as every djoser view does; with djoser.sessions,
    a token of an ended session is not valid."""

    def get_serializer_class(self):
        if sessions.is_on():
            from djoser.sessions.rotation import SessionVerifySerializer

            return SessionVerifySerializer
        return super().get_serializer_class()


class TokenBlacklistView(HardenedParsersMixin, views.TokenBlacklistView):
    """Log a refresh token out; its access tokens live until they expire.

    With djoser.sessions, a session's refresh token revokes its session, and
    its access tokens with it where SessionJWTAuthentication checks them.
    """

    def get_serializer_class(self):
        if sessions.is_on():
            from djoser.sessions.rotation import SessionLogoutSerializer

            return SessionLogoutSerializer
        return super().get_serializer_class()

    def post(self, request, *args, **kwargs):
        if not sessions.is_on() and not revocation.blacklist_installed():
            raise BlacklistNotInstalled()
        return super().post(request, *args, **kwargs)
