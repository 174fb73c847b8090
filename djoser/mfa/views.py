"""The two-factor endpoints: enrolment, recovery codes, the login's second step."""

from django.conf import settings as django_settings
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from djoser import device_proofs, revocation
from djoser.conf import settings
from djoser.delivery import send_email
from djoser.mfa import signals, totp
from djoser.mfa.login import finish_login
from djoser.mfa.models import PendingLogin, RecoveryCode, TOTPDevice, turn_off
from djoser.mfa.serializers import (
    MFAMessages,
    RecoveryCodesLeftSerializer,
    RecoveryCodesSerializer,
    TOTPConfirmSerializer,
    TOTPSetupSerializer,
    VerifySerializer,
    accept_code,
    authenticator_of,
    refusal,
)
from djoser.mfa.sessions import restamp, second_step_done
from djoser.mfa.throttling import VerifyThrottles
from djoser.not_me import links as not_me
from djoser.not_me.models import NewAuthenticator
from djoser.parsers import HardenedParsersMixin
from djoser.reauthentication.requirement import ReauthenticationMixin
from djoser.reauthentication.serializers import ProofSerializer


class WrongCode(Exception):
    pass


def _refuse(message, field=None):
    raise ValidationError({field: [message]} if field else [message])


def _issuer(request):
    """ISSUER, else the site name emails use (from settings or the request)."""
    name = (
        settings.MFA["ISSUER"]
        or settings.EMAIL_FRONTEND_SITE_NAME
        or getattr(django_settings, "SITE_NAME", "")
        or get_current_site(request).name
    )
    # The otpauth label is "issuer:account": a colon (a host's port, when
    # the site is named after the request) would split it in the wrong place.
    return name.replace(":", " ")


class TOTPView(HardenedParsersMixin, ReauthenticationMixin, generics.GenericAPIView):
    """GET: a new secret to enrol; POST: turn it on; DELETE: turn two-factor off.

    All three need a fresh reauthentication (POST and DELETE: or its proof in
    the body): a stolen token must neither read a secret nor turn two-factor
    sign-in on or off.
    """

    permission_classes = [IsAuthenticated]
    reauthenticated_methods = {"GET", "POST", "DELETE"}

    def get_serializer_class(self):
        return {
            "POST": TOTPConfirmSerializer,
            "DELETE": ProofSerializer,
        }.get(self.request.method, TOTPSetupSerializer)

    def get(self, request):
        user = request.user
        if TOTPDevice.objects.confirmed().filter(user=user).exists():
            _refuse(MFAMessages.ALREADY_ON_ERROR)
        secret = totp.new_secret()
        TOTPDevice.offer(user, secret)
        uri = totp.provisioning_uri(secret, user.get_username(), _issuer(request))
        data = {"secret": secret, "otpauth_uri": uri, "qr_svg": totp.qr_svg(uri)}
        return Response(data)

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request.user
        device = TOTPDevice.objects.filter(user=user).first()
        if device is None:
            _refuse(MFAMessages.NOT_STARTED_ERROR)
        if device.confirmed:
            _refuse(MFAMessages.ALREADY_ON_ERROR)
        code = serializer.validated_data["code"]
        if not device.accept(code):
            _refuse(refusal(code, device), "code")
        with transaction.atomic():
            device.confirm()
            codes = RecoveryCode.objects.regenerate(user)
            # What was signed in before the second factor (a stolen token
            # too) ends; the credential in use and its session stay.
            revocation.end_other_credentials(self.__class__, request, user)
            restamp(request, user)
        signals.mfa_enabled.send(sender=self.__class__, user=user, request=request)
        link = not_me.offer(user, NewAuthenticator.TOTP, device.pk, device.confirmed_at)
        send_email("mfa_enabled", request, user, context=link)
        return Response({"recovery_codes": codes}, status=status.HTTP_201_CREATED)

    def delete(self, request):
        user = request.user
        if not TOTPDevice.objects.confirmed().filter(user=user).exists():
            _refuse(MFAMessages.NOT_ON_ERROR)
        with transaction.atomic():
            turn_off(user)
        signals.mfa_disabled.send(sender=self.__class__, user=user, request=request)
        send_email("mfa_disabled", request, user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RecoveryCodesView(
    HardenedParsersMixin, ReauthenticationMixin, generics.GenericAPIView
):
    """GET: how many codes are left (never the codes); POST: a new set."""

    permission_classes = [IsAuthenticated]
    reauthenticated_methods = {"POST"}

    def get_serializer_class(self):
        if self.request.method == "POST":
            return ProofSerializer
        return RecoveryCodesLeftSerializer

    def get(self, request):
        user = request.user
        data = {
            "remaining": RecoveryCode.objects.unused().filter(user=user).count(),
            "mfa_enabled": TOTPDevice.objects.confirmed().filter(user=user).exists(),
        }
        return Response(data)

    def post(self, request):
        user = request.user
        if not TOTPDevice.objects.confirmed().filter(user=user).exists():
            _refuse(MFAMessages.NOT_ON_ERROR)
        with transaction.atomic():
            codes = RecoveryCode.objects.regenerate(user)
        signals.recovery_codes_generated.send(
            sender=self.__class__, user=user, request=request
        )
        send_email("mfa_recovery_codes_generated", request, user)
        serializer = RecoveryCodesSerializer({"recovery_codes": codes})
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class VerifyView(HardenedParsersMixin, generics.GenericAPIView):
    """The login's second step: answers what the first step would have."""

    permission_classes = [AllowAny]
    serializer_class = VerifySerializer

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        throttles = VerifyThrottles(request, self)
        pending = PendingLogin.objects.find(serializer.validated_data["mfa_token"])
        user = pending.user if pending is not None else None
        throttles.check(user)
        if pending is None or not user.is_active:
            _refuse(MFAMessages.INVALID_MFA_TOKEN_ERROR, "mfa_token")
        device = authenticator_of(user)
        try:
            # One transaction: a credential that cannot be issued (a bad
            # device_name) gives the login and the code back.
            with transaction.atomic():
                method = accept_code(user, serializer.validated_data["code"], device)
                if method is None:
                    raise WrongCode()
                if not pending.finish():
                    # Another request finished this login first.
                    _refuse(MFAMessages.INVALID_MFA_TOKEN_ERROR, "mfa_token")
                # A session this login makes (CREATE_SESSION_ON_LOGIN) counts.
                second_step_done(request, user)
                data, status_code = finish_login(request, user, pending.kind)
        except WrongCode:
            pending.record_failure()
            _refuse(refusal(serializer.validated_data["code"], device), "code")
        throttles.succeeded()
        if method == "recovery_code":
            send_email("mfa_recovery_code_used", request, user)
        return device_proofs.issue(request, Response(data, status=status_code), user)
