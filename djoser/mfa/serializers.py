"""Request bodies of the two-factor endpoints, and the codes they carry."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from djoser.conf import settings
from djoser.constants import Messages
from djoser.mfa.models import RecoveryCode, TOTPDevice


class MFAMessages:
    INVALID_CODE_ERROR = _("Invalid code.")
    CODE_USED_ERROR = _("This code was already used; wait for the next one.")
    INVALID_MFA_TOKEN_ERROR = _("Invalid or expired mfa_token: log in again.")
    ALREADY_ON_ERROR = _("Two-factor sign-in is already on.")
    NOT_ON_ERROR = _("Two-factor sign-in is not on.")
    NOT_STARTED_ERROR = _("Get a secret from this endpoint (GET) first.")
    REAUTHENTICATE_ERROR = _("Send current_password or a current code.")


class StrictCharField(serializers.CharField):
    """A string and only a string: a number would lose its leading zeros."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def code_field(**kwargs):
    # Digits, letters, dashes and spaces: a TOTP code or a recovery code.
    return StrictCharField(
        max_length=64,
        validators=[
            RegexValidator(r"^[A-Za-z0-9 -]+\Z", message=MFAMessages.INVALID_CODE_ERROR)
        ],
        **kwargs,
    )


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


class ReauthenticateSerializer(serializers.Serializer):
    """Turning off or regenerating codes: the password or a current code."""

    current_password = StrictCharField(
        required=False, max_length=4096, trim_whitespace=False
    )
    code = code_field(required=False)

    def validate(self, attrs):
        user = self.context["request"].user
        password = attrs.get("current_password")
        code = attrs.get("code")
        if password is None and code is None:
            raise serializers.ValidationError(MFAMessages.REAUTHENTICATE_ERROR)
        if password is not None:
            if not user.check_password(password):
                raise serializers.ValidationError(
                    {"current_password": [Messages.INVALID_PASSWORD_ERROR]}
                )
        else:
            device = authenticator_of(user)
            attrs["method"] = accept_code(user, code, device)
            if attrs["method"] is None:
                raise serializers.ValidationError({"code": [refusal(code, device)]})
        return attrs


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
