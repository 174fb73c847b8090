"""The second step of a login: where it starts, and what finishing it answers.

A login view calls ``djoser.mfa.check_second_step`` once the password (or
the provider) has vouched for the user, before it issues a credential. For
an account with two-factor sign-in on, that raises ``SecondStepRequired``:

    401 Unauthorized
    WWW-Authenticate: MFA
    {"mfa_required": true, "mfa_token": "...", "methods": ["totp", ...]}

401, not a 2xx: a djoser 2.x client that knows nothing of the second step
reads it as a failed login and never as a token. 401 rather than 400 or 403:
the credentials were right but the authentication is not complete yet.
"""

from django.contrib.auth import user_logged_in
from django.contrib.auth.models import update_last_login
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, PermissionDenied

from djoser import sessions, utils
from djoser.conf import settings
from djoser.mfa.models import PendingLogin, RecoveryCode, has_mfa
from djoser.mfa.sessions import second_step_done

# Marks the request for the login throttles: a right password whose login
# waits for its second step is not a failed attempt.
PENDING_ATTRIBUTE = "second_step_pending"


class SecondStepRequired(APIException):
    status_code = status.HTTP_401_UNAUTHORIZED
    default_code = "mfa_required"
    auth_header = "MFA"

    def __init__(self, mfa_token, methods):
        super().__init__()
        # Set as is: DRF would turn the true into the string "True".
        self.detail = {"mfa_required": True, "mfa_token": mfa_token, "methods": methods}


class SecondStepNotSetUp(PermissionDenied):
    default_detail = _(
        "Two-factor sign-in is required for staff accounts: turn it on first."
    )
    default_code = "mfa_setup_required"


def methods_for(user):
    """The ways ``user`` can answer the second step."""
    methods = ["totp"]
    if RecoveryCode.objects.unused().filter(user=user).exists():
        methods.append("recovery_code")
    return methods


# Logins whose proof is a second factor already: a passkey is a key the
# device holds, unlocked by its PIN or biometrics where it can be. They ask
# for no code, but REQUIRED_FOR_STAFF still applies to them.
SECOND_FACTOR_KINDS = {"passkey"}


def require_second_step(request, user, kind):
    """Raise unless ``user`` may have a credential of ``kind`` right away."""
    staff_rule = settings.MFA["REQUIRED_FOR_STAFF"] and user.is_staff
    if kind in SECOND_FACTOR_KINDS:
        # A session this login makes (CREATE_SESSION_ON_LOGIN) counts.
        second_step_done(request, user)
        if not staff_rule:
            return  # no query: the answer cannot depend on it
    enrolled = has_mfa(user)
    if enrolled and kind not in SECOND_FACTOR_KINDS:
        setattr(request, PENDING_ATTRIBUTE, True)
        token = PendingLogin.objects.start(user, kind)
        raise SecondStepRequired(token, methods_for(user))
    if staff_rule and not enrolled:
        raise SecondStepNotSetUp()


def _token_login(request, user):
    token = utils.login_user(request, user, kind="mfa")
    return settings.SERIALIZERS.token(token).data, status.HTTP_200_OK


def _jwt_login(request, user):
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
    return sessions.record_login(request, user, "mfa", data), status.HTTP_200_OK


def _social_login(request, user):
    obtained = settings.SOCIAL_AUTH_TOKEN_STRATEGY.obtain(user)
    obtained = sessions.record_login(request, user, "mfa", obtained)
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


# Names the login in what mfa/verify/ answers, so a client (and the schema's
# discriminated union) tells a token answer from a JWT pair without guessing.
LOGIN_KIND_FIELD = "login"


def finish_login(request, user, kind):
    data, status_code = LOGIN_KINDS[kind](request, user)
    return {LOGIN_KIND_FIELD: kind, **data}, status_code
