"""Fields for codes, importable where the djoser.mfa app is not installed.

The reauthentication endpoint reads a ``code`` whether or not two-factor
sign-in is installed; importing ``djoser.mfa.serializers`` would import the
app's models.
"""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

INVALID_CODE_ERROR = _("Invalid code.")


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
        validators=[RegexValidator(r"^[A-Za-z0-9 -]+\Z", message=INVALID_CODE_ERROR)],
        **kwargs,
    )
