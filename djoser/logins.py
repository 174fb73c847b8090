"""What a finished login answers, by the kind of login it is.

A login kind names the credential a login issues: ``"token"`` answers what
``token/login/`` answers, ``"jwt"`` what ``jwt/create/`` answers, ``"social"``
what ``o/{provider}/`` answers. Every login that is finished somewhere other
than its own view (the second step of djoser.mfa, a code from djoser.codes)
issues its credential through ``finish_login``, so all of them go through the
same hooks (``utils.login_user``, ``user_logged_in``).
"""

from django.contrib.auth import user_logged_in
from django.contrib.auth.models import update_last_login
from django.utils.module_loading import import_string
from rest_framework import status

from djoser import sessions, utils
from djoser.conf import settings


def _token_login(request, user, method):
    token = utils.login_user(request, user, kind=method)
    return settings.SERIALIZERS.token(token).data, status.HTTP_200_OK


def _jwt_login(request, user, method):
    # Imported here: simplejwt is an optional extra.
    from rest_framework_simplejwt.settings import api_settings

    # The project's obtain serializer makes the pair, with any claims it adds.
    serializer_class = api_settings.TOKEN_OBTAIN_SERIALIZER
    if isinstance(serializer_class, str):
        serializer_class = import_string(serializer_class)
    refresh = serializer_class.get_token(user)
    if api_settings.UPDATE_LAST_LOGIN:
        update_last_login(None, user)
    data = {"refresh": str(refresh), "access": str(refresh.access_token)}
    return sessions.record_login(request, user, method, data), status.HTTP_200_OK


def _social_login(request, user, method):
    obtained = settings.SOCIAL_AUTH_TOKEN_STRATEGY.obtain(user)
    obtained = sessions.record_login(request, user, method, obtained)
    data = settings.SERIALIZERS.provider_auth(obtained).data
    user_logged_in.send(sender=user.__class__, request=request, user=user)
    return data, status.HTTP_201_CREATED


# Login kind -> what finishing it answers: the body and status the first
# step would have answered without two-factor sign-in.
LOGIN_KINDS = {
    "token": _token_login,
    "jwt": _jwt_login,
    "social": _social_login,
}


def finish_login(request, user, kind, method=None):
    """Issue ``user`` the credential of login ``kind``; answers (data, status).

    ``method`` names how the login was finished ("mfa", "code"), for the
    session djoser.sessions records; by default, ``kind``.
    """
    return LOGIN_KINDS[kind](request, user, method or kind)
