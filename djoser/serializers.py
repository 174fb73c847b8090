import copy
import inspect
from collections.abc import Mapping

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import exceptions as django_exceptions
from django.db import IntegrityError, models, router, transaction
from rest_framework import exceptions, serializers
from rest_framework.fields import get_error_detail
from rest_framework.validators import UniqueValidator

from djoser import utils
from djoser.cached_fields import CachedModelFieldsMixin
from djoser.compat import get_user_email, get_user_email_field_name
from djoser.conf import FromSettings, settings
from djoser.constants import Messages
from djoser.reauthentication.credentials import is_fresh

User = get_user_model()


class _Messages:
    """``default_error_messages`` resolved from the CONSTANTS setting on use.

    A project's messages class written for djoser 2.x may lack the messages
    added since; those fall back to ours.
    """

    def __init__(self, **keys):
        self.keys = keys

    def __get__(self, instance, owner):
        messages = settings.CONSTANTS.messages
        return {
            code: getattr(messages, name, getattr(Messages, name))
            for code, name in self.keys.items()
        }


def _changed_user(serializer):
    """The account a change applies to: the emailed link's, else the caller's.

    UidAndTokenSerializer sets ``serializer.user`` before the other
    validators run; the signed-in actions change ``request.user``.
    """
    return getattr(serializer, "user", None) or serializer.context["request"].user


def _password_errors(password, user):
    """Django's password validator errors for ``user``, codes kept."""
    try:
        validate_password(password, user)
    except django_exceptions.ValidationError as error:
        return get_error_detail(error)
    return None


class UserSerializer(CachedModelFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = User
        fields = FromSettings(
            lambda: (
                tuple(User.REQUIRED_FIELDS)
                + (settings.USER_ID_FIELD, settings.LOGIN_FIELD)
            )
        )
        read_only_fields = FromSettings(lambda: (settings.LOGIN_FIELD,))

    def update(self, instance, validated_data):
        email_field = get_user_email_field_name(User)
        columns = _column_names(instance, validated_data)
        if (
            settings.SEND_ACTIVATION_EMAIL
            and email_field in validated_data
            and validated_data[email_field] != get_user_email(instance)
        ):
            # A new address must be proven before the account works again.
            instance.is_active = False
            if columns is not None:
                columns.append("is_active")
        if columns is None:
            return super().update(instance, validated_data)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        # Only the columns the request sets: a change made meanwhile to
        # another one (a new password, say) is not overwritten.
        instance.save(update_fields=columns)
        return instance


def _column_names(instance, validated_data):
    """The names in ``validated_data`` if all are plain model columns, else None.

    Many-to-many fields, properties and nested data are left to DRF's update.
    """
    columns = {
        field.name for field in instance._meta.concrete_fields if not field.primary_key
    }
    names = list(validated_data)
    return names if columns.issuperset(names) else None


class CurrentUserSerializer(UserSerializer):
    """The name djoser 2.x's docs give the ``current_user`` serializer.

    Kept so imports keep working; the setting defaults to UserSerializer.
    """


class UserFunctionsMixin:
    def get_user(self, is_active=True):
        """The active (or inactive) user with the posted address, or None.

        Users without a usable password are treated as unknown. With the
        relevant ``*_SHOW_EMAIL_NOT_FOUND`` setting on, unknown answers 400.
        """
        email_field = get_user_email_field_name(User)
        address = self.validated_data.get(email_field, "")
        # Case-insensitive, as Django's own PasswordResetForm matches.
        users = User._default_manager.filter(
            is_active=is_active, **{f"{email_field}__iexact": address}
        ).order_by("pk")
        reaches_passwordless = self._action() in PASSWORDLESS_ACTIONS
        for user in users:
            if user.has_usable_password() or (
                reaches_passwordless and _has_passkey(user)
            ):
                return user
        if self._show_email_not_found():
            self.fail("email_not_found")
        return None

    def _show_email_not_found(self):
        setting = SHOW_EMAIL_NOT_FOUND_SETTINGS.get(self._action())
        return bool(setting and getattr(settings, setting))

    def _action(self):
        return getattr(self.context.get("view"), "action", None)


def _has_passkey(user):
    # The reverse relation exists only with djoser.webauthn installed.
    passkeys = getattr(user, "passkeys", None)
    return passkeys is not None and passkeys.exists()


# The actions that also reach an account whose only way in is a passkey: a
# passkey signup whose activation mail was lost must be able to ask again.
PASSWORDLESS_ACTIONS = {"resend_activation"}


# Which setting lets each view action reveal that an address is unknown.
SHOW_EMAIL_NOT_FOUND_SETTINGS = {
    "reset_password": "PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND",
    "reset_username": "USERNAME_RESET_SHOW_EMAIL_NOT_FOUND",
}


class UserCreateMixin:
    def create(self, validated_data):
        try:
            return self.perform_create(validated_data)
        except IntegrityError:
            self.fail("cannot_create_user")

    def perform_create(self, validated_data):
        manager = User._default_manager
        deactivate = settings.SEND_ACTIVATION_EMAIL
        if deactivate and _accepts_extra_fields(manager.create_user):
            # One INSERT of an inactive user rather than INSERT then UPDATE.
            validated_data = {**validated_data, "is_active": False}
        with transaction.atomic():
            user = manager.create_user(**validated_data)
            if deactivate and user.is_active:
                # The manager ignored or overrode is_active: the account must
                # still wait for activation.
                user.is_active = False
                user.save(update_fields=["is_active"])
        return user


def _accepts_extra_fields(function):
    """Whether ``function`` takes arbitrary keyword arguments (``**extra``)."""
    parameters = inspect.signature(function).parameters.values()
    return any(parameter.kind is parameter.VAR_KEYWORD for parameter in parameters)


class UserCreateSerializer(
    UserCreateMixin, CachedModelFieldsMixin, serializers.ModelSerializer
):
    password = serializers.CharField(style={"input_type": "password"}, write_only=True)

    default_error_messages = _Messages(cannot_create_user="CANNOT_CREATE_USER_ERROR")

    class Meta:
        model = User
        # USERNAME_FIELD too, when LOGIN_FIELD is another field: create_user()
        # needs it, so a request without it gets a field error, not a 500.
        fields = FromSettings(
            lambda: tuple(
                dict.fromkeys(
                    (
                        *User.REQUIRED_FIELDS,
                        settings.LOGIN_FIELD,
                        User.USERNAME_FIELD,
                        settings.USER_ID_FIELD,
                        "password",
                    )
                )
            )
        )

    def get_extra_kwargs(self):
        # One signs in by LOGIN_FIELD: an account registered without it (an
        # email the model lets be blank, say) could never log in.
        extra_kwargs = super().get_extra_kwargs()
        login_field = settings.LOGIN_FIELD
        required = {"required": True, "allow_null": False}
        if isinstance(User._meta.get_field(login_field), models.CharField):
            required["allow_blank"] = False
        extra_kwargs[login_field] = {**extra_kwargs.get(login_field, {}), **required}
        return extra_kwargs

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_name in _login_name_fields():
            # validate() looks for the name ignoring case and NFKC form, which
            # covers the exact match DRF's UniqueValidator would query for.
            kwargs["validators"] = [
                validator
                for validator in kwargs.get("validators", [])
                if not isinstance(validator, UniqueValidator)
            ]
        return field_class, kwargs

    def validate(self, attrs):
        refuse_taken_login_names(attrs)
        # Validators such as UserAttributeSimilarityValidator need the user;
        # only model fields go into it (a subclass may declare others).
        model_fields = {field.name for field in User._meta.concrete_fields}
        user = User(
            **{key: value for key, value in attrs.items() if key in model_fields}
        )
        errors = _password_errors(attrs.get("password"), user)
        if errors:
            raise serializers.ValidationError({"password": errors})
        return attrs


def _login_name_fields():
    return tuple(dict.fromkeys((settings.LOGIN_FIELD, User.USERNAME_FIELD)))


def refuse_taken_login_names(attrs):
    """Refuse a login name another account has, ignoring case and NFKC form.

    As set_username does: "EVE" beside "eve" (or its fullwidth spelling)
    would be a second account that logs in, and is counted, as the first.
    """
    for name in _login_name_fields():
        value = attrs.get(name)
        if not isinstance(value, str):
            continue
        if _name_taken(name, User.normalize_username(value), user=None):
            field = User._meta.get_field(name)
            raise serializers.ValidationError(
                {name: [_unique_error(field)]}, code="unique"
            )


class UserCreatePasswordRetypeSerializer(UserCreateSerializer):
    default_error_messages = _Messages(password_mismatch="PASSWORD_MISMATCH_ERROR")

    def get_fields(self):
        fields = super().get_fields()
        fields["re_password"] = serializers.CharField(
            style={"input_type": "password"}, write_only=True
        )
        return fields

    def validate(self, attrs):
        re_password = attrs.pop("re_password")
        attrs = super().validate(attrs)
        if attrs["password"] != re_password:
            self.fail("password_mismatch")
        return attrs


class TokenCreateSerializer(serializers.Serializer):
    password = serializers.CharField(required=False, style={"input_type": "password"})

    default_error_messages = _Messages(
        invalid_credentials="INVALID_CREDENTIALS_ERROR",
        inactive_account="INACTIVE_ACCOUNT_ERROR",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = None

    def get_fields(self):
        fields = super().get_fields()
        fields[settings.LOGIN_FIELD] = serializers.CharField(required=False)
        # Validated with the credentials: a bad device name must not tell,
        # by answering after the password check, that the password was right.
        fields.update(utils.login_fields())
        return fields

    def validate(self, attrs):
        # Only through authenticate(), as djoser 2.3: every backend applies its
        # rules (a lock-out, an LDAP policy), each one hashes the password
        # whether or not it finds the account, so a known and an unknown
        # login cost the same, and Django's user_login_failed fires on
        # failure. A LOGIN_FIELD other than USERNAME_FIELD needs a backend
        # that looks it up, such as LoginFieldBackend.
        self.user = authenticate(
            request=self.context.get("request"),
            **{
                User.USERNAME_FIELD: attrs.get(settings.LOGIN_FIELD),
                "password": attrs.get("password"),
            },
        )
        if self.user is None or not self.user.is_active:
            self.fail("invalid_credentials")
        return attrs


class UidAndTokenSerializer(serializers.Serializer):
    """``uid`` and ``token`` from an emailed link; sets ``self.user``.

    The token generator is the view's ``token_generator``, so a view can
    swap in its own.
    """

    uid = serializers.CharField()
    token = serializers.CharField()

    default_error_messages = _Messages(
        invalid_token="INVALID_TOKEN_ERROR", invalid_uid="INVALID_UID_ERROR"
    )

    def get_fields(self):
        fields = super().get_fields()
        # Combined with a ModelSerializer, only its Meta.fields would remain
        # (UsernameSerializer's names LOGIN_FIELD alone); the link's parts stay.
        for name in ("uid", "token"):
            if name not in fields:
                fields[name] = copy.deepcopy(self._declared_fields[name])
        return fields

    def validate(self, attrs):
        self.user = _user_from_uid(attrs["uid"])
        if self.user is None:
            raise serializers.ValidationError(
                {"uid": [self.error_messages["invalid_uid"]]}, code="invalid_uid"
            )
        token_generator = self.context["view"].token_generator
        if not token_generator.check_token(self.user, attrs["token"]):
            raise serializers.ValidationError(
                {"token": [self.error_messages["invalid_token"]]}, code="invalid_token"
            )
        return super().validate(attrs)


def _user_from_uid(uid):
    """The user whose encoded pk is ``uid``, or None for anything invalid.

    Malformed base64, bytes that are not UTF-8, a pk of the wrong type or out
    of the column's range all mean "no such user", never a database error.
    Inside a transaction (the views that consume a link open one) the row is
    locked, so parallel uses of one link are checked one after another, each
    against the row as the one before left it: the link works once.
    """
    try:
        pk = utils.uid_to_pk(uid, User)
        using = router.db_for_write(User)
        if transaction.get_connection(using).in_atomic_block:
            return utils.lock_user(User, pk, using)
        return User._default_manager.get(pk=pk)
    except (
        ValueError,
        TypeError,
        OverflowError,
        django_exceptions.ValidationError,
        User.DoesNotExist,
    ):
        return None


class ActivationSerializer(UidAndTokenSerializer):
    default_error_messages = _Messages(stale_token="STALE_TOKEN_ERROR")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.user.is_active:
            raise exceptions.PermissionDenied(self.error_messages["stale_token"])
        return attrs


class PasswordSerializer(serializers.Serializer):
    new_password = serializers.CharField(style={"input_type": "password"})

    def validate(self, attrs):
        user = _changed_user(self)
        errors = _password_errors(attrs["new_password"], user)
        if errors:
            raise serializers.ValidationError({"new_password": errors})
        return super().validate(attrs)


class PasswordRetypeSerializer(PasswordSerializer):
    re_new_password = serializers.CharField(style={"input_type": "password"})

    default_error_messages = _Messages(password_mismatch="PASSWORD_MISMATCH_ERROR")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs["new_password"] != attrs["re_new_password"]:
            self.fail("password_mismatch")
        return attrs


class CurrentPasswordSerializer(serializers.Serializer):
    current_password = serializers.CharField(style={"input_type": "password"})

    default_error_messages = _Messages(invalid_password="INVALID_PASSWORD_ERROR")

    def validate_current_password(self, value):
        if self.context["request"].user.check_password(value):
            return value
        self.fail("invalid_password")


class UsernameSerializer(serializers.ModelSerializer):
    """``new_<LOGIN_FIELD>``, validated by the model field's own rules.

    The action changes LOGIN_FIELD, the name the user logs in with, whatever
    USERNAME_FIELD is; ``new_<LOGIN_FIELD>`` is required even where the model
    field may be blank. The name goes through the user model's
    ``normalize_username`` (NFKC on Django's ``AbstractBaseUser``), as at
    registration, and is refused when another account's differs from it only
    by case.
    """

    default_error_messages = _Messages(username_unchanged="USERNAME_UNCHANGED_ERROR")

    class Meta:
        model = User
        fields = FromSettings(lambda: (settings.LOGIN_FIELD,))

    def get_fields(self):
        fields = super().get_fields()
        login_field = settings.LOGIN_FIELD
        new_field = fields.pop(login_field)
        new_field.source = login_field
        new_field.required = True
        new_field.allow_blank = False
        # validate() looks for the name ignoring case, which covers the exact
        # match DRF's UniqueValidator would look for in a query of its own.
        new_field.validators = [
            validator
            for validator in new_field.validators
            if not isinstance(validator, UniqueValidator)
        ]
        fields[f"new_{login_field}"] = new_field
        return fields

    def to_internal_value(self, data):
        # Before the field's validators, so they (and the unique check) see
        # the name as it will be stored: "ａｄｍｉｎ" is checked as "admin".
        if isinstance(data, Mapping):
            data = {
                name: User.normalize_username(value)
                if name in self._login_names()
                else value
                for name, value in data.items()
            }
        return super().to_internal_value(data)

    def _login_names(self):
        login_field = settings.LOGIN_FIELD
        return (f"new_{login_field}", f"re_new_{login_field}")

    def validate(self, attrs):
        # A unique field already refuses its current value; a non-unique one
        # (say, email as LOGIN_FIELD on Django's user) must refuse it too.
        login_field = settings.LOGIN_FIELD
        user = _changed_user(self)
        if attrs.get(login_field) == getattr(user, login_field, None):
            message = self.error_messages["username_unchanged"].format(login_field)
            raise serializers.ValidationError({f"new_{login_field}": [message]})
        if _name_taken(login_field, attrs[login_field], user):
            field = User._meta.get_field(login_field)
            raise serializers.ValidationError(
                {f"new_{login_field}": [_unique_error(field)]}, code="unique"
            )
        return super().validate(attrs)


def _name_taken(login_field, value, user):
    """Whether an account other than ``user`` has ``value``, ignoring case."""
    others = User._default_manager.all()
    if user is not None:
        others = others.exclude(pk=user.pk)
    return others.filter(**{f"{login_field}__iexact": value}).exists()


def _unique_error(field):
    """The model field's "already exists" message, worded as DRF words it."""
    return field.error_messages["unique"] % {
        "model_name": field.model._meta.verbose_name,
        "field_label": field.verbose_name,
    }


class UsernameRetypeSerializer(UsernameSerializer):
    default_error_messages = _Messages(username_mismatch="USERNAME_MISMATCH_ERROR")

    def get_fields(self):
        fields = super().get_fields()
        fields[f"re_new_{settings.LOGIN_FIELD}"] = serializers.CharField()
        return fields

    def validate(self, attrs):
        login_field = settings.LOGIN_FIELD
        retyped = attrs.pop(f"re_new_{login_field}")
        attrs = super().validate(attrs)
        if attrs[login_field] != retyped:
            message = self.error_messages["username_mismatch"].format(login_field)
            raise serializers.ValidationError(message, code="username_mismatch")
        return attrs


class TokenSerializer(CachedModelFieldsMixin, serializers.ModelSerializer):
    auth_token = serializers.CharField(source="key", read_only=True)

    class Meta:
        # Read on use: importing this module must not import the token model
        # (TOKEN_MODEL may be None, or its app not installed).
        model = FromSettings(lambda: settings.TOKEN_MODEL)
        fields = ("auth_token",)


class SendEmailResetSerializer(UserFunctionsMixin, serializers.Serializer):
    """One field, named after the user model's EMAIL_FIELD."""

    default_error_messages = _Messages(email_not_found="EMAIL_NOT_FOUND")

    def get_fields(self):
        fields = super().get_fields()
        fields[get_user_email_field_name(User)] = serializers.EmailField()
        return fields


class PasskeyInsteadMixin:
    """An account without a usable password (a passkey signup) cannot send
    ``current_password``: a fresh reauthentication with its passkey takes
    its place. Without one the field stays, as in djoser 2.x."""

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.has_usable_password()
            and is_fresh(request)
        ):
            fields.pop("current_password", None)
        return fields


class UserDeleteSerializer(PasskeyInsteadMixin, CurrentPasswordSerializer):
    pass


class FirstPasswordMixin:
    """An account without a usable password sets its first one without
    ``current_password``: a passkey- or social-only account has none to give,
    and would otherwise have no way to get one (resets skip it)."""

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        has_usable_password = getattr(user, "has_usable_password", None)
        if has_usable_password is not None and not has_usable_password():
            fields.pop("current_password", None)
        return fields


class SetPasswordSerializer(
    FirstPasswordMixin, PasswordSerializer, CurrentPasswordSerializer
):
    pass


class SetPasswordRetypeSerializer(
    FirstPasswordMixin, PasswordRetypeSerializer, CurrentPasswordSerializer
):
    pass


class PasswordResetConfirmSerializer(UidAndTokenSerializer, PasswordSerializer):
    pass


class PasswordResetConfirmRetypeSerializer(
    UidAndTokenSerializer, PasswordRetypeSerializer
):
    pass


# Where djoser 2.x declares no Meta, neither do these: a project that changes
# a parent's Meta (model, fields) changes its subclasses too.


class UsernameResetConfirmSerializer(UidAndTokenSerializer, UsernameSerializer):
    pass


class UsernameResetConfirmRetypeSerializer(
    UidAndTokenSerializer, UsernameRetypeSerializer
):
    pass


class SetUsernameSerializer(
    PasskeyInsteadMixin, UsernameSerializer, CurrentPasswordSerializer
):
    class Meta:
        model = User
        fields = FromSettings(lambda: (settings.LOGIN_FIELD, "current_password"))


class SetUsernameRetypeSerializer(SetUsernameSerializer, UsernameRetypeSerializer):
    pass
