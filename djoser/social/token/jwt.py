from rest_framework_simplejwt.tokens import RefreshToken


class TokenStrategy:
    """What a social login answers: a simplejwt pair for the user."""

    @classmethod
    def obtain(cls, user):
        """A new refresh token, its access token, and the user they are for."""
        refresh = RefreshToken.for_user(user)
        return {
            "access": str(refresh.access_token),
            "refresh": str(refresh),
            "user": user,
        }
