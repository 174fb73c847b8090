"""The shape of ``GET config/``'s answer, which the OpenAPI schema shows."""

from rest_framework import serializers


class UserFieldsSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The field that identifies an account.")
    login = serializers.CharField(help_text="The field a login names (LOGIN_FIELD).")
    username = serializers.CharField(help_text="The user model's USERNAME_FIELD.")
    email = serializers.CharField(help_text="The user model's email field.")
    required = serializers.ListField(
        child=serializers.CharField(), help_text="REQUIRED_FIELDS, asked at signup."
    )


class RetypeSerializer(serializers.Serializer):
    """Which forms send the new value twice (the *_RETYPE settings)."""

    user_create = serializers.BooleanField()
    set_password = serializers.BooleanField()
    password_reset_confirm = serializers.BooleanField()
    set_username = serializers.BooleanField()
    username_reset_confirm = serializers.BooleanField()


class RegistrationSerializer(serializers.Serializer):
    open = serializers.BooleanField(help_text="users/ takes new accounts.")
    activation_email = serializers.BooleanField(
        help_text="A new account waits for its emailed link (SEND_ACTIVATION_EMAIL)."
    )


class SocialProviderSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The {provider} of o/{provider}/.")
    client_id = serializers.CharField(
        allow_null=True,
        help_text="The OAuth2 client id (public), for a native SDK; null "
        "where the provider has none configured.",
    )
    token_login = serializers.ListField(
        child=serializers.ChoiceField(["id_token", "access_token"]),
        help_text="What o/{provider}/token/ takes from a native SDK "
        "(SOCIAL_AUTH_TOKEN_LOGIN); empty where it takes nothing.",
    )


class TwoFactorSerializer(serializers.Serializer):
    methods = serializers.ListField(
        child=serializers.CharField(),
        help_text='Second-step methods ("totp", "recovery_code"); empty '
        "where two-factor sign-in is not installed.",
    )
    required_for_staff = serializers.BooleanField()


class EmailChangeSerializer(serializers.Serializer):
    enabled = serializers.BooleanField(help_text="users/me/email/ is on.")
    undo = serializers.BooleanField(help_text="The old address gets an undo link.")
    requires_verification = serializers.BooleanField(
        help_text="users/me/ refuses to change the address directly."
    )


class PasswordSerializer(serializers.Serializer):
    min_length = serializers.IntegerField(
        allow_null=True,
        help_text="From AUTH_PASSWORD_VALIDATORS' MinimumLengthValidator; "
        "null without one.",
    )
    max_length = serializers.IntegerField(
        allow_null=True, help_text="The longest password accepted; null: no limit."
    )


class SessionsSerializer(serializers.Serializer):
    enabled = serializers.BooleanField(
        help_text="Every login is a session (djoser.sessions)."
    )
    listed = serializers.BooleanField(help_text="sessions/ lists and ends them.")
    refresh_rotation = serializers.BooleanField(
        help_text="jwt/refresh/ answers a new refresh token, which the client "
        "must keep: the old one presented again ends the session."
    )
    reuse_grace_seconds = serializers.IntegerField(
        allow_null=True,
        help_text="How long after a rotation the old refresh token is still "
        "answered (a retry); null without rotation.",
    )


class ClientConfigSerializer(serializers.Serializer):
    user_fields = UserFieldsSerializer()
    login_methods = serializers.ListField(
        child=serializers.CharField(),
        help_text='The login endpoints mounted: "token", "jwt", "passkey", '
        '"social", "code" (an emailed code, djoser.codes).',
    )
    social_providers = SocialProviderSerializer(many=True)
    registration = RegistrationSerializer()
    retype = RetypeSerializer()
    two_factor = TwoFactorSerializer()
    email_change = EmailChangeSerializer()
    password = PasswordSerializer()
    sessions = SessionsSerializer()
