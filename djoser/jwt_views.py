"""The JSON Web Token views behind ``djoser.urls.jwt``: simplejwt's, with
djoser's login limit, an answer for deleted accounts, and a clear error where
blacklisting is not installed."""

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework_simplejwt import views
from rest_framework_simplejwt.exceptions import AuthenticationFailed

from djoser import revocation
from djoser.throttling import ThrottleMixin


class BlacklistNotInstalled(APIException):
    status_code = status.HTTP_501_NOT_IMPLEMENTED
    default_detail = (
        "Refresh tokens cannot be blacklisted: add "
        f"'{revocation.BLACKLIST_APP}' to INSTALLED_APPS."
    )
    default_code = "blacklist_not_installed"


class TokenObtainPairView(ThrottleMixin, views.TokenObtainPairView):
    """Log in; failed attempts count against the ``token_create`` rate."""

    throttle_action = "token_create"


class TokenRefreshView(views.TokenRefreshView):
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ObjectDoesNotExist:
            # simplejwt looks the token's user up and fails when it is gone.
            raise AuthenticationFailed(
                "No active account found for the given token.",
                code="no_active_account",
            ) from None


class TokenBlacklistView(views.TokenBlacklistView):
    """Log a refresh token out; its access tokens live until they expire."""

    def post(self, request, *args, **kwargs):
        if not revocation.blacklist_installed():
            raise BlacklistNotInstalled()
        return super().post(request, *args, **kwargs)
