"""What the email change endpoints accept, and the rule for direct changes."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from djoser.compat import get_user_email, get_user_email_field_name
from djoser.conf import settings
from djoser.serializers import (
    CurrentPasswordSerializer,
    PasskeyInsteadMixin,
    UidAndTokenSerializer,
)

User = get_user_model()

ADDRESS_UNCHANGED_ERROR = _("The new address is the same as the current one.")
ADDRESS_TAKEN_ERROR = _("This address belongs to another account now.")
DIRECT_CHANGE_ERROR = _(
    "The email address can only be changed through {endpoint}, which "
    "verifies the new address."
)
ENDPOINT = "users/me/email/"


def new_address_field_name():
    return f"new_{get_user_email_field_name(User)}"


def address_in_use(address, user):
    """Whether an account other than ``user`` holds ``address`` (any case)."""
    email_field = get_user_email_field_name(User)
    others = User._default_manager.exclude(pk=user.pk)
    return others.filter(**{f"{email_field}__iexact": address}).exists()


def refuse_direct_change(user, new_values):
    """Refuse, with EMAIL_CHANGE_REQUIRES_VERIFICATION, to set the address as is.

    ``new_values`` maps field names to the values a request would save
    (a serializer's validated data). Raises a 400 naming the endpoint to use.
    """
    if not settings.EMAIL_CHANGE_REQUIRES_VERIFICATION:
        return
    email_field = get_user_email_field_name(User)
    if email_field not in new_values:
        return
    if new_values[email_field] == get_user_email(user):
        return
    message = DIRECT_CHANGE_ERROR.format(endpoint=ENDPOINT)
    raise serializers.ValidationError({email_field: [message]}, code="unverified")


class EmailChangeSerializer(PasskeyInsteadMixin, CurrentPasswordSerializer):
    """``new_<email field>`` and ``current_password``.

    The new address follows the model field's length limit; whether another
    account holds it is left to the view, which must answer the same either
    way.
    """

    default_error_messages = {"address_unchanged": ADDRESS_UNCHANGED_ERROR}

    def get_fields(self):
        fields = super().get_fields()
        model_field = User._meta.get_field(get_user_email_field_name(User))
        fields[new_address_field_name()] = serializers.EmailField(
            max_length=model_field.max_length
        )
        return fields

    def validate(self, attrs):
        name = new_address_field_name()
        address = BaseUserManager.normalize_email(attrs[name])
        current = get_user_email(self.context["request"].user) or ""
        if address.lower() == current.lower():
            raise serializers.ValidationError(
                {name: [self.error_messages["address_unchanged"]]},
                code="address_unchanged",
            )
        attrs["new_address"] = address
        return attrs


class EmailChangeConfirmSerializer(UidAndTokenSerializer):
    """``uid`` and ``token`` of an email change link.

    The view validates it inside a transaction, so the token is checked
    against the account's row locked for update, and switches the address.
    """
