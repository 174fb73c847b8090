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
    token = _token_for_login(request, user)
    if settings.CREATE_SESSION_ON_LOGIN:
        login(request, user)
    else:
        user_logged_in.send(sender=user.__class__, request=request, user=user)
    return token


def logout_user(request):
    """Delete the tokens a logout ends and, with session logins, end the session.

    With DRF's Token that is the user's one token; with one token per login,
    only the token the request was made with.
    """
    user = request.user
    if settings.TOKEN_MODEL is not None:
        _tokens_for_logout(request).delete()
    if settings.CREATE_SESSION_ON_LOGIN:
        logout(request)
    elif settings.TOKEN_MODEL is not None:
        user_logged_out.send(sender=user.__class__, request=request, user=user)


# A TOKEN_MODEL with one token per login (djoser.devicetokens) says which
# token a login issues and which a logout ends; DRF's Token is one per user.


def _token_for_login(request, user):
    model = settings.TOKEN_MODEL
    if hasattr(model, "issue_for_login"):
        return model.issue_for_login(request, user)
    token, _ = model.objects.get_or_create(user=user)
    return token


def _tokens_for_logout(request):
    model = settings.TOKEN_MODEL
    if hasattr(model, "logout_tokens"):
        return model.logout_tokens(request)
    return model.objects.filter(user=request.user)


class ActionViewMixin:
    """A POST that validates the body, then hands the serializer to _action."""

    def post(self, request, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._action(serializer)
