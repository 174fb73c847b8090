"""What reauthentication accepts and answers."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from djoser.mfa.fields import StrictCharField, code_field
from djoser.reauthentication.methods import has_second_factor
from djoser.serializers import _Messages

CODE_REQUIRED_ERROR = _(
    "Two-factor sign-in is on: send a code from the authenticator app or a "
    "recovery code."
)
PASSWORD_REQUIRED_ERROR = _("Send current_password.")
NO_METHOD_ERROR = _(
    "This account has no password, passkey or two-factor sign-in to "
    "reauthenticate with."
)
NOT_MARKABLE_ERROR = _(
    "This request's credential cannot be reauthenticated: send the proof "
    "with the change itself."
)


class ProofSerializer(serializers.Serializer):
    """``current_password`` and/or ``code``, checked against the signed-in user.

    Without two-factor sign-in the password is required. With it, a code is
    required (checked first, so a wrong password cannot be told from a wrong
    code without one), and the password, if sent as well, must be right.
    A right code is spent, as at login.
    """

    current_password = StrictCharField(
        required=False,
        max_length=4096,
        trim_whitespace=False,
        style={"input_type": "password"},
    )
    code = code_field(
        required=False,
        help_text="A TOTP code or a recovery code, where two-factor sign-in is on.",
    )

    default_error_messages = _Messages(invalid_password="INVALID_PASSWORD_ERROR")

    def validate(self, attrs):
        user = self.context["request"].user
        password = attrs.get("current_password")
        second_factor = self.context.get("second_factor")
        if second_factor is None:
            second_factor = has_second_factor(user)
        if second_factor:
            attrs["method"] = self._check_code(user, attrs.get("code"))
        elif password is None:
            raise serializers.ValidationError(
                {"current_password": [PASSWORD_REQUIRED_ERROR]}
            )
        else:
            attrs["method"] = "password"
        if password is not None and not user.check_password(password):
            raise serializers.ValidationError(
                {"current_password": [self.error_messages["invalid_password"]]}
            )
        return attrs

    def _check_code(self, user, code):
        if code is None:
            raise serializers.ValidationError({"code": [CODE_REQUIRED_ERROR]})
        # Imported here: the models exist only where djoser.mfa is installed.
        from djoser.mfa.serializers import accept_code, authenticator_of, refusal

        device = authenticator_of(user)
        method = accept_code(user, code, device)
        if method is None:
            raise serializers.ValidationError({"code": [refusal(code, device)]})
        return method


class ReauthenticatedSerializer(serializers.Serializer):
    """What a successful ``reauthenticate/`` answers."""

    method = serializers.CharField(
        help_text='"password", "totp", "recovery_code" or "passkey".'
    )
    expires_in = serializers.IntegerField(
        help_text="Seconds the credential stays freshly reauthenticated "
        "(REAUTHENTICATION_TIMEOUT)."
    )


class ReauthenticationRequiredSerializer(serializers.Serializer):
    """The 401 body of a sensitive request made without a fresh proof."""

    reauthentication_required = serializers.BooleanField(
        help_text="Always true: POST reauthenticate/, then repeat the request."
    )
    methods = serializers.ListField(
        child=serializers.ChoiceField(
            ["password", "totp", "recovery_code", "passkey", "login"]
        ),
        help_text="What reauthenticate/ accepts from this account; "
        '"login" alone: the account has nothing to prove with there, and '
        "signs in again.",
    )
