"""Request bodies of the two-factor endpoints, and the codes they carry."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from djoser.conf import settings
from djoser.mfa.fields import INVALID_CODE_ERROR, StrictCharField, code_field
from djoser.mfa.models import RecoveryCode, TOTPDevice


class MFAMessages:
    INVALID_CODE_ERROR = INVALID_CODE_ERROR
    CODE_USED_ERROR = _("This code was already used; wait for the next one.")
    INVALID_MFA_TOKEN_ERROR = _("Invalid or expired mfa_token: log in again.")
    ALREADY_ON_ERROR = _("Two-factor sign-in is already on.")
    NOT_ON_ERROR = _("Two-factor sign-in is not on.")
    NOT_STARTED_ERROR = _("Get a secret from this endpoint (GET) first.")


def is_totp_code(code):
    return code.isdigit() and len(code) == settings.MFA["DIGITS"]


def authenticator_of(user):
    return TOTPDevice.objects.confirmed().filter(user=user).first()


def accept_code(user, code, device):
    """Whether ``code`` (TOTP or recovery) is good for ``user``; spends it.

    ``device`` is the user's confirmed authenticator (or None), read by the
    caller: inside a transaction the first statement here is then a write,
    which SQLite needs to queue writers rather than fail one of them.
    Answers "totp", "recovery_code" or None.
    """
    if is_totp_code(code):
        return "totp" if device is not None and device.accept(code) else None
    if RecoveryCode.objects.use(user, code):
        return "recovery_code"
    return None


def refusal(code, device):
    """Why ``accept_code`` refused ``code``: used already, or simply wrong."""
    if device is not None and is_totp_code(code) and device.already_used(code):
        return MFAMessages.CODE_USED_ERROR
    return MFAMessages.INVALID_CODE_ERROR


class TOTPConfirmSerializer(serializers.Serializer):
    """POST mfa/totp/: a code from the app, proving it holds the secret."""

    code = code_field()


class VerifySerializer(serializers.Serializer):
    """POST mfa/verify/: the login's mfa_token and a code."""

    mfa_token = StrictCharField(max_length=128)
    code = code_field()


class TOTPSetupSerializer(serializers.Serializer):
    """GET mfa/totp/: what an authenticator app needs."""

    secret = serializers.CharField(help_text="Base32, 160 bits.")
    otpauth_uri = serializers.CharField()
    qr_svg = serializers.CharField(help_text="The otpauth URI as an SVG QR code.")


class RecoveryCodesSerializer(serializers.Serializer):
    recovery_codes = serializers.ListField(child=serializers.CharField())


class RecoveryCodesLeftSerializer(serializers.Serializer):
    remaining = serializers.IntegerField()
    mfa_enabled = serializers.BooleanField()
