"""What the code endpoints take. The account a body names is looked up here;
``djoser.codes.models`` decides whether a code is right."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from djoser.compat import get_user_email_field_name
from djoser.conf import settings
from djoser.serializers import PasswordRetypeSerializer, PasswordSerializer
from djoser.utils import login_fields, uid_to_pk

User = get_user_model()

# Longer than any code or token we make, short enough to refuse a huge value
# before it is hashed.
MAX_CODE_LENGTH = 64
MAX_TOKEN_LENGTH = 128


class CodeMessages:
    EXPIRED_LOGIN_ERROR = _(
        "This sign-in has expired or was already used: ask for a new code."
    )
    WRONG_CODE_ERROR = _("This code is not right.")
    # Activation and reset by code: one answer whether the account exists,
    # has no code waiting, or typed a wrong one.
    INVALID_CODE_ERROR = _("This code is wrong or has expired.")
    ACCOUNT_REQUIRED_ERROR = _("Give the account's {field} or uid.")


def find_account(field, value):
    """The account whose ``field`` is ``value``, or None.

    An email address matches whatever its case. Where several accounts share
    an address, none is taken: a code must reach one account only.
    """
    if field == get_user_email_field_name(User):
        matches = list(User._default_manager.filter(**{f"{field}__iexact": value})[:2])
        return matches[0] if len(matches) == 1 else None
    return User._default_manager.filter(**{field: value}).first()


def account_fields():
    """The fields that may name an account: LOGIN_FIELD, and the email field."""
    email_field = get_user_email_field_name(User)
    fields = {email_field: serializers.EmailField(required=False)}
    if settings.LOGIN_FIELD != email_field:
        fields[settings.LOGIN_FIELD] = serializers.CharField(
            required=False, max_length=254
        )
    return fields


class LoginCodeRequestSerializer(serializers.Serializer):
    """The account's email address or its LOGIN_FIELD; either one."""

    def get_fields(self):
        fields = super().get_fields()
        fields.update(account_fields())
        return fields

    def validate(self, attrs):
        given = [(field, value) for field, value in attrs.items() if value]
        if not given:
            raise serializers.ValidationError(
                [
                    str(CodeMessages.ACCOUNT_REQUIRED_ERROR).format(
                        field=settings.LOGIN_FIELD
                    )
                ],
                code="required",
            )
        self.field_name, self.value = given[0]
        return attrs

    def get_user(self):
        """The active account named, or None (unknown, inactive, ambiguous)."""
        user = find_account(self.field_name, self.value)
        if user is None or not getattr(user, "is_active", True):
            return None
        return user

    def identity(self):
        # What names the asker when no account does: case folded, as lookups.
        return f"{self.field_name}:{self.value.strip().lower()}"


class LoginTokenSerializer(serializers.Serializer):
    login_token = serializers.CharField(max_length=MAX_TOKEN_LENGTH)


class LoginCodeConfirmSerializer(LoginTokenSerializer):
    code = serializers.CharField(max_length=MAX_CODE_LENGTH)

    def get_fields(self):
        fields = super().get_fields()
        # The kinds allowed now: read at request time, as every setting.
        fields["kind"] = serializers.ChoiceField(
            choices=list(settings.CODES["LOGIN_KINDS"]), required=False
        )
        # What the TOKEN_MODEL reads from a login (device tokens: device_name),
        # validated before the code is tried, as token/login/ does.
        fields.update(login_fields())
        return fields


class AccountCodeSerializer(serializers.Serializer):
    """A code sent to an account, and the account: its uid or a login name.

    ``user`` is the account named, or None; an unknown account is refused
    with the same answer as a wrong code.
    """

    uid = serializers.CharField(required=False)
    code = serializers.CharField(max_length=MAX_CODE_LENGTH)

    def get_fields(self):
        fields = super().get_fields()
        fields.update(account_fields())
        return fields

    def validate(self, attrs):
        self.user = None
        uid = attrs.get("uid")
        names = [
            (field, attrs[field]) for field in account_fields() if attrs.get(field)
        ]
        if uid:
            try:
                pk = uid_to_pk(uid, User)
                self.user = User._default_manager.filter(pk=pk).first()
            except (ValueError, TypeError, OverflowError, DjangoValidationError):
                self.user = None
        elif names:
            self.user = find_account(*names[0])
        else:
            raise serializers.ValidationError(
                [
                    str(CodeMessages.ACCOUNT_REQUIRED_ERROR).format(
                        field=settings.LOGIN_FIELD
                    )
                ],
                code="required",
            )
        return super().validate(attrs)


class ActivationCodeSerializer(AccountCodeSerializer):
    pass


class PasswordResetCodeSerializer(AccountCodeSerializer, PasswordSerializer):
    pass


class PasswordResetCodeRetypeSerializer(
    AccountCodeSerializer, PasswordRetypeSerializer
):
    pass
