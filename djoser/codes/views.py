"""The code endpoints: ask for a login code, confirm it, send it again, and
activate an account or reset its password with a code instead of a link."""

import logging

from django.contrib.auth import get_user_model
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from djoser import device_proofs, mfa, revocation, utils
from djoser import signals as djoser_signals
from djoser.codes import names, signals
from djoser.codes.models import EmailCode, Outcome, account_digest
from djoser.codes.serializers import CodeMessages
from djoser.conf import FromSettings, settings
from djoser.delivery import send_email
from djoser.logins import finish_login
from djoser.parsers import HardenedParsersMixin
from djoser.throttling import ThrottleMixin

User = get_user_model()
logger = logging.getLogger(__name__)


def _refuse(message, field):
    raise ValidationError({field: [message]})


class CodeView(HardenedParsersMixin, ThrottleMixin, generics.GenericAPIView):
    """A code endpoint: answers 404 until its CODES setting turns it on."""

    permission_classes = [AllowAny]
    # The CODES key that turns the endpoint on, and the SERIALIZERS key.
    feature = None
    serializer_key = None

    def initial(self, request, *args, **kwargs):
        if not settings.CODES[self.feature]:
            raise NotFound()
        super().initial(request, *args, **kwargs)

    def get_serializer_class(self):
        return getattr(settings.SERIALIZERS, self.serializer_key)


def _send_login_code(view, request, user, code):
    """Email ``code``; for an unknown address, the same work without sending.

    With EMAIL_TASK_BACKEND, ``send_email`` enqueues for an unknown address
    too. Sending in the request, the message is still built and rendered,
    so the answer costs the same; only the mail server's time differs.
    """
    context = {"code": code}
    if user is None and settings.EMAIL_TASK_BACKEND is None:
        try:
            settings.EMAIL.login_code(request, {**context, "user": None}).render()
        except Exception:
            # As send_email does for a known address: logged, never a 500.
            logger.exception("Could not render the login_code email.")
        return
    send_email("login_code", request, user, context=context)
    if user is not None:
        signals.code_sent.send(
            sender=view.__class__, user=user, request=request, purpose=names.LOGIN
        )


class LoginCodeRequestView(CodeView):
    """Email a login code; answers 202 and a login_token, whoever is asked for.

    The body, status and headers are the same for an active account, an
    inactive one and an address nobody holds, and so is the work: a row is
    written for each (no code matches an unknown one's).
    """

    feature = "LOGIN"
    serializer_key = "login_code_request"
    throttle_action = "login_code_request"

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.get_user()
        # A new request ends the code asked for before, for the same account
        # (or, where none is found, the same address).
        identity = f"pk:{user.pk}" if user is not None else serializer.identity()
        token, code = EmailCode.objects.issue(
            names.LOGIN, account_digest(f"{names.LOGIN}:{identity}"), user
        )
        _send_login_code(self, request, user, code)
        return Response({"login_token": token}, status=status.HTTP_202_ACCEPTED)


class LoginCodeResendView(CodeView):
    """A new code for the same login_token; its tries so far still count."""

    feature = "LOGIN"
    serializer_key = "login_code_resend"
    throttle_action = "login_code_request"

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = serializer.validated_data["login_token"]
        row = EmailCode.objects.find(names.LOGIN, token)
        code = None if row is None else row.renew()
        if code is None:
            _refuse(CodeMessages.EXPIRED_LOGIN_ERROR, "login_token")
        user = row.user if row.user is not None and row.user.is_active else None
        _send_login_code(self, request, user, code)
        return Response({"login_token": token}, status=status.HTTP_202_ACCEPTED)


class LoginCodeConfirmView(CodeView):
    """Spend the code; answers what token/login/ or jwt/create/ would.

    The kind is the request's ``kind``, else CODES["LOGIN_KIND"]. Two-factor
    sign-in still applies: an account with it on gets the 401 and mfa_token
    a password login gets.
    """

    feature = "LOGIN"
    serializer_key = "login_code_confirm"
    throttle_action = "code_confirm"

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        row = EmailCode.objects.find(names.LOGIN, data["login_token"])
        outcome = Outcome.DEAD if row is None else row.try_code(data["code"])
        if outcome is Outcome.WRONG:
            _refuse(CodeMessages.WRONG_CODE_ERROR, "code")
        user = None if row is None else row.user
        if outcome is not Outcome.ACCEPTED or not user.is_active:
            _refuse(CodeMessages.EXPIRED_LOGIN_ERROR, "login_token")
        signals.code_accepted.send(
            sender=self.__class__, user=user, request=request, purpose=names.LOGIN
        )
        kind = data.get("kind") or settings.CODES["LOGIN_KIND"]
        mfa.check_second_step(request, user, kind)
        body, status_code = finish_login(request, user, kind, method="code")
        # The login hook every login view ends with (djoser.device_proofs).
        return device_proofs.issue(request, Response(body, status=status_code), user)


def _spend_account_code(view, serializer, purpose):
    """The account whose code of ``purpose`` ``serializer`` carries, spent.

    Tried outside any transaction: a wrong try stays counted even though
    the request fails.
    """
    serializer.is_valid(raise_exception=True)
    user = serializer.user
    row = None if user is None else EmailCode.objects.latest(purpose, user)
    code = serializer.validated_data["code"]
    if row is None or row.try_code(code) is not Outcome.ACCEPTED:
        _refuse(CodeMessages.INVALID_CODE_ERROR, "code")
    signals.code_accepted.send(
        sender=view.__class__, user=user, request=view.request, purpose=purpose
    )
    return user


class ActivationCodeView(CodeView):
    """Activate the account with the code its activation email carried."""

    feature = "ACTIVATION"
    serializer_key = "activation_code"
    throttle_action = "code_confirm"

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        user = _spend_account_code(self, serializer, names.ACTIVATION)
        if user.is_active:
            raise PermissionDenied(settings.CONSTANTS.messages.STALE_TOKEN_ERROR)
        user.is_active = True
        user.save(update_fields=["is_active"])
        djoser_signals.user_activated.send(
            sender=self.__class__, user=user, request=request
        )
        if settings.SEND_CONFIRMATION_EMAIL:
            send_email("confirmation", request, user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetCodeView(CodeView):
    """Set a new password with the code the reset email carried.

    As reset_password_confirm: every token and session the account held
    ends (``user_tokens_revoked``), and the change is confirmed by email
    when PASSWORD_CHANGED_EMAIL_CONFIRMATION is on.
    """

    feature = "PASSWORD_RESET"
    throttle_action = "code_confirm"
    serializer_key = FromSettings(
        lambda: (
            "password_reset_code_retype"
            if settings.PASSWORD_RESET_CONFIRM_RETYPE
            else "password_reset_code"
        )
    )

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        user = _spend_account_code(self, serializer, names.PASSWORD_RESET)
        if not user.is_active:
            _refuse(CodeMessages.INVALID_CODE_ERROR, "code")
        with utils.user_transaction(User):
            user.set_password(serializer.validated_data["new_password"])
            user.save(update_fields=["password"])
            djoser_signals.user_tokens_revoked.send(
                sender=self.__class__, user=user, request=request
            )
            if settings.LOGOUT_ON_PASSWORD_CHANGE:
                revocation.delete_tokens(user)
        if settings.PASSWORD_CHANGED_EMAIL_CONFIRMATION:
            send_email("password_changed_confirmation", request, user)
        return Response(status=status.HTTP_204_NO_CONTENT)
