"""The JSON Web Token views behind ``djoser.urls.jwt``: simplejwt's, with
djoser's hardened JSON parsing, its login limit, an answer for deleted
accounts, and a clear error where blacklisting is not installed."""

from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework_simplejwt import views
from rest_framework_simplejwt.exceptions import (
    AuthenticationFailed,
    InvalidToken,
    TokenError,
)

from djoser import device_proofs, mfa, revocation, sessions
from djoser.conf import settings
from djoser.parsers import HardenedParsersMixin
from djoser.sessions.tokens import BAD_USER_CLAIM_ERRORS
from djoser.throttling import ThrottleMixin


class BlacklistNotInstalled(APIException):
    status_code = status.HTTP_501_NOT_IMPLEMENTED
    default_detail = format_lazy(
        _("Refresh tokens cannot be blacklisted: add '{app}' to INSTALLED_APPS."),
        app=revocation.BLACKLIST_APP,
    )
    default_code = "blacklist_not_installed"


def login_body(data):
    """``data`` with the LOGIN_FIELD value under USERNAME_FIELD, where only it is sent.

    simplejwt's serializer (or the project's TOKEN_OBTAIN_SERIALIZER) takes the
    login under USERNAME_FIELD, and djoser 2.x clients send it so; token/login
    takes LOGIN_FIELD. With LOGIN_FIELD = "email", jwt/create accepts both
    names; authenticate() then finds the account through LoginFieldBackend.
    """
    login_field = settings.LOGIN_FIELD
    username_field = get_user_model().USERNAME_FIELD
    if (
        login_field == username_field
        or not isinstance(data, Mapping)
        or username_field in data
        or login_field not in data
    ):
        return data
    # A form body is a QueryDict: its dict() holds each key's last value.
    values = data.dict() if hasattr(data, "dict") else dict(data)
    return {**values, username_field: values[login_field]}


def under_sent_name(error, sent, read):
    """``error`` with the login's messages under the name the client sent.

    Where ``login_body`` moved the LOGIN_FIELD value under USERNAME_FIELD
    (``read`` is not ``sent``), a message about that value (not a string,
    a NUL) belongs to the field the client filled in, not to one it never
    sent.
    """
    username_field = get_user_model().USERNAME_FIELD
    if read is sent or not isinstance(error.detail, dict):
        return error
    detail = dict(error.detail)
    if username_field in detail:
        detail[settings.LOGIN_FIELD] = detail.pop(username_field)
    return ValidationError(detail)


class TokenObtainPairView(
    HardenedParsersMixin, ThrottleMixin, views.TokenObtainPairView
):
    """Log in; failed attempts count against the ``token_create`` rate."""

    throttle_action = "token_create"

    def post(self, request, *args, **kwargs):
        data = login_body(request.data)
        serializer = self.get_serializer(data=data)
        try:
            serializer.is_valid(raise_exception=True)
        except TokenError as error:
            raise InvalidToken(error.args[0]) from error
        except ValidationError as error:
            raise under_sent_name(error, request.data, data) from None
        user = getattr(serializer, "user", None)
        mfa.check_second_step(request, user, "jwt")
        data = sessions.record_login(request, user, "jwt", serializer.validated_data)
        response = Response(data, status=status.HTTP_200_OK)
        return device_proofs.issue(request, response, user)


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
        except (ObjectDoesNotExist, *BAD_USER_CLAIM_ERRORS):
            # simplejwt looks the token's user up and fails when it is gone.
            raise AuthenticationFailed(
                _("No active account found for the given token."),
                code="no_active_account",
            ) from None


class TokenVerifyView(HardenedParsersMixin, views.TokenVerifyView):
    """simplejwt's, parsing as every djoser view does."""

    def get_serializer_class(self):
        # With djoser.sessions, a token of an ended session is not valid.
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
        try:
            return super().post(request, *args, **kwargs)
        except BAD_USER_CLAIM_ERRORS:
            raise InvalidToken() from None
