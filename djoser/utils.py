from django.contrib.auth import login, logout, user_logged_in, user_logged_out
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from djoser.conf import settings


def encode_uid(pk):
    """The URL-safe base64 form of a primary key, as put in email links."""
    return force_str(urlsafe_base64_encode(force_bytes(pk)))


def decode_uid(uid):
    """Reverse encode_uid; raises ValueError on anything malformed."""
    return force_str(urlsafe_base64_decode(uid))


def login_user(request, user):
    """Get or create the user's token and record the login.

    ``user_logged_in`` fires once (Django's ``login`` sends it when a session
    is created too), so ``last_login`` moves either way.
    """
    token, _ = settings.TOKEN_MODEL.objects.get_or_create(user=user)
    if settings.CREATE_SESSION_ON_LOGIN:
        login(request, user)
    else:
        user_logged_in.send(sender=user.__class__, request=request, user=user)
    return token


def logout_user(request):
    """Delete the user's tokens and, with session logins, end the session."""
    user = request.user
    if settings.TOKEN_MODEL is not None:
        settings.TOKEN_MODEL.objects.filter(user=user).delete()
    if settings.CREATE_SESSION_ON_LOGIN:
        logout(request)
    elif settings.TOKEN_MODEL is not None:
        user_logged_out.send(sender=user.__class__, request=request, user=user)


class ActionViewMixin:
    """A POST that validates the body, then hands the serializer to _action."""

    def post(self, request, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._action(serializer)
