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

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, PermissionDenied

from djoser import logins
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


# The answers themselves live a floor down (djoser.logins), where logins
# that need no second step (a code login without djoser.mfa) reach them too.
LOGIN_KINDS = logins.LOGIN_KINDS

# Names the login in what mfa/verify/ answers, so a client (and the schema's
# discriminated union) tells a token answer from a JWT pair without guessing.
LOGIN_KIND_FIELD = "login"


def finish_login(request, user, kind):
    """What mfa/verify/ answers: the login's credential, and its kind."""
    data, status_code = logins.finish_login(request, user, kind, method="mfa")
    return {LOGIN_KIND_FIELD: kind, **data}, status_code
