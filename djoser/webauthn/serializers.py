"""What the passkey endpoints accept and answer.

The ceremony-completing endpoints take the browser's
``PublicKeyCredential.toJSON()`` output as the request body, with their own
fields (the new account's fields, a passkey ``name``) beside its keys.
"""

import re

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from webauthn.helpers import bytes_to_base64url

from djoser import utils
from djoser.conf import FromSettings, settings
from djoser.serializers import UserCreateMixin, _Messages, refuse_taken_login_names
from djoser.webauthn import ceremonies
from djoser.webauthn.constants import Messages
from djoser.webauthn.models import (
    CREDENTIAL_ID_MAX_LENGTH,
    Challenge,
    Passkey,
    UserHandle,
)
from djoser.webauthn.throttling import count_failed_check

User = get_user_model()

BASE64URL = re.compile(r"[A-Za-z0-9_-]*={0,2}")
# Room for a large attestation (certificate chains) yet a bound on the body.
MAX_ENCODED_LENGTH = 64 * 1024


class Base64URLField(serializers.CharField):
    """A base64url string, padded or not; anything else is refused here.

    Python's decoder skips characters outside the alphabet, so a broken
    value would otherwise decode into something else instead of failing.
    """

    default_error_messages = {"invalid_base64url": _("Not valid base64url.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_ENCODED_LENGTH)
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not BASE64URL.fullmatch(value) or len(value.rstrip("=")) % 4 == 1:
            self.fail("invalid_base64url")
        return value


class WebauthnSignupSerializer(serializers.ModelSerializer):
    """``signup_request/``: the new account's username, checked like a signup.

    Saving issues a signup challenge carrying a fresh random user handle.
    """

    display_name = serializers.CharField(
        required=False, allow_blank=True, max_length=255, write_only=True
    )

    class Meta:
        model = User
        fields = FromSettings(lambda: (User.USERNAME_FIELD, "display_name"))

    def validate(self, attrs):
        # "EVE" beside "eve" is refused here too, as at registration.
        refuse_taken_login_names(attrs)
        return super().validate(attrs)

    def create(self, validated_data):
        return Challenge.objects.issue(
            Challenge.SIGNUP,
            user_handle=UserHandle.new_handle(),
            username=validated_data[User.USERNAME_FIELD],
        )


class WebauthnCreateUserSerializer(UserCreateMixin, serializers.ModelSerializer):
    """``signup/{ukey}/``: the account's other fields; it gets no password.

    The username comes from the answered challenge, given to ``save()``.
    """

    default_error_messages = _Messages(cannot_create_user="CANNOT_CREATE_USER_ERROR")

    class Meta:
        model = User
        fields = FromSettings(
            lambda: (
                tuple(User.REQUIRED_FIELDS)
                + (User.USERNAME_FIELD, settings.USER_ID_FIELD)
            )
        )
        read_only_fields = FromSettings(
            lambda: (User.USERNAME_FIELD, settings.USER_ID_FIELD)
        )


class WebauthnLoginSerializer(serializers.Serializer):
    """``login_request/``: optionally the LOGIN_FIELD of the account.

    Without it the challenge accepts any registered passkey; with it, only
    the passkeys of that account. The answer is the same for a name that
    has passkeys, one that has none and one that does not exist: a challenge
    for any passkey the browser holds. (A name with no passkeys gets an
    unbound challenge; nothing the caller sees tells them apart.)
    """

    default_error_messages = _Messages(invalid_credentials="INVALID_CREDENTIALS_ERROR")

    def get_fields(self):
        fields = super().get_fields()
        fields[settings.LOGIN_FIELD] = serializers.CharField(
            required=False, max_length=255
        )
        return fields

    def validate(self, attrs):
        login = attrs.get(settings.LOGIN_FIELD)
        if login is None:
            return {**attrs, "user": None}
        # One query whatever the name: an unknown account, one without
        # passkeys and one with them cost and answer the same.
        user = (
            User._default_manager.filter(
                **{settings.LOGIN_FIELD: login}, passkeys__isnull=False
            )
            .distinct()
            .first()
        )
        return {**attrs, "user": user}

    def create(self, validated_data):
        """A login challenge, bound to the account when one was named."""
        return Challenge.objects.issue(Challenge.LOGIN, user=validated_data["user"])


class AttestationResponseSerializer(serializers.Serializer):
    clientDataJSON = Base64URLField()
    attestationObject = Base64URLField()
    transports = serializers.ListField(
        child=serializers.CharField(max_length=32), required=False, max_length=16
    )


class AssertionResponseSerializer(serializers.Serializer):
    clientDataJSON = Base64URLField()
    authenticatorData = Base64URLField()
    signature = Base64URLField()
    userHandle = Base64URLField(
        required=False, allow_null=True, allow_blank=True, max_length=128
    )


class CredentialSerializer(serializers.Serializer):
    """The keys of ``PublicKeyCredential.toJSON()`` that the server reads.

    Validation finds the challenge named in clientDataJSON and consumes it,
    so a response is checked at most once; then subclasses verify it.
    ``context["challenge_fields"]`` says which challenges qualify (its
    ``ceremony``, the account it was issued for, the signup's user handle).
    """

    id = Base64URLField(max_length=CREDENTIAL_ID_MAX_LENGTH)
    rawId = Base64URLField(max_length=CREDENTIAL_ID_MAX_LENGTH)
    # The message does not repeat the value: it may be anything a client sent.
    type = serializers.ChoiceField(
        choices=["public-key"],
        error_messages={"invalid_choice": _('The only valid type is "public-key".')},
    )
    authenticatorAttachment = serializers.CharField(
        required=False, allow_null=True, max_length=32
    )
    clientExtensionResults = serializers.DictField(required=False)

    ceremony = None
    parse = None

    def validate(self, attrs):
        credential, challenge_value = self.parse(self._credential_json(attrs))
        fields = {"ceremony": self.ceremony, **self.context.get("challenge_fields", {})}
        challenge = Challenge.objects.consume(challenge_value, **fields)
        if challenge is None:
            raise serializers.ValidationError(Messages.CHALLENGE_INVALID_ERROR)
        return {**attrs, "credential": credential, "challenge": challenge}

    def _credential_json(self, attrs):
        data = {name: attrs[name] for name in ("id", "rawId", "type", "response")}
        if attrs.get("authenticatorAttachment"):
            data["authenticatorAttachment"] = attrs["authenticatorAttachment"]
        return data


class PasskeyRegistrationSerializer(CredentialSerializer):
    """A new passkey from ``navigator.credentials.create()``; ``name`` optional."""

    response = AttestationResponseSerializer()
    name = serializers.CharField(required=False, max_length=64)

    ceremony = Challenge.SIGNUP
    parse = staticmethod(ceremonies.parse_registration)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        attrs["verified"] = ceremonies.verify_registration(
            attrs["credential"], attrs["challenge"]
        )
        return attrs

    def create(self, validated_data):
        verified = validated_data["verified"]
        try:
            # A savepoint: a duplicate leaves the caller's transaction usable.
            with transaction.atomic():
                return Passkey.objects.create(
                    user=validated_data["user"],
                    name=validated_data.get("name") or "Passkey",
                    credential_id=bytes_to_base64url(verified.credential_id),
                    public_key=verified.credential_public_key,
                    sign_count=verified.sign_count,
                    transports=validated_data["response"].get("transports", []),
                )
        except IntegrityError:
            raise serializers.ValidationError(Messages.PASSKEY_EXISTS_ERROR) from None


class PasskeyAuthenticationSerializer(CredentialSerializer):
    """A login from ``navigator.credentials.get()``: finds and checks the passkey."""

    response = AssertionResponseSerializer()

    ceremony = Challenge.LOGIN
    parse = staticmethod(ceremonies.parse_authentication)

    default_error_messages = _Messages(inactive_account="INACTIVE_ACCOUNT_ERROR")

    def get_fields(self):
        fields = super().get_fields()
        # Checked before the challenge is used up (device tokens' device_name).
        fields.update(utils.login_fields())
        return fields

    def validate(self, attrs):
        attrs = super().validate(attrs)
        credential, challenge = attrs["credential"], attrs["challenge"]
        passkey = (
            Passkey.objects.select_related("user__webauthn_handle")
            .filter(credential_id=bytes_to_base64url(credential.raw_id))
            .first()
        )
        if passkey is None:
            raise serializers.ValidationError(Messages.UNKNOWN_PASSKEY_ERROR)
        user_handle = credential.response.user_handle
        if (challenge.user_id and challenge.user_id != passkey.user_id) or (
            user_handle and bytes_to_base64url(user_handle) != _handle_of(passkey.user)
        ):
            raise serializers.ValidationError(Messages.WRONG_ACCOUNT_ERROR)
        try:
            verified = ceremonies.verify_authentication(credential, challenge, passkey)
        except serializers.ValidationError:
            # A registered passkey whose check failed counts against it too.
            count_failed_check(
                self.context.get("request"), self.context.get("view"), passkey
            )
            raise
        if not passkey.user.is_active:
            self.fail("inactive_account")
        return {**attrs, "passkey": passkey, "verified": verified}

    def create(self, validated_data):
        """Record the use; answer the passkey's user."""
        passkey = validated_data["passkey"]
        # Compare-and-set: of two logins racing with the same counter value,
        # only one may move it forward.
        updated = Passkey.objects.filter(
            pk=passkey.pk, sign_count=passkey.sign_count
        ).update(sign_count=validated_data["verified"].new_sign_count, last_used=now())
        if not updated:
            raise serializers.ValidationError(Messages.SIGN_COUNT_ERROR)
        return passkey.user


def _handle_of(user):
    try:
        return user.webauthn_handle.handle
    except UserHandle.DoesNotExist:
        return None


class PasskeySerializer(serializers.ModelSerializer):
    """A passkey as its owner sees it in ``passkeys/``."""

    class Meta:
        model = Passkey
        fields = ("id", "name", "created", "last_used")
        read_only_fields = fields
