from django.contrib.auth import get_user_model
from rest_framework import serializers

from djoser.conf import settings as djoser_settings
from djoser.serializers import TokenSerializer, UserCreateSerializer, UserSerializer

User = get_user_model()


class HostUserCreateSerializer(UserCreateSerializer):
    class Meta(UserCreateSerializer.Meta):
        fields = (
            djoser_settings.USER_ID_FIELD,
            djoser_settings.LOGIN_FIELD,
            *User.REQUIRED_FIELDS,
            "password",
            "date_joined",
        )
        read_only_fields = ("date_joined",)


class HostUserSerializer(UserSerializer):
    display_name = serializers.SerializerMethodField()

    class Meta(UserSerializer.Meta):
        fields = UserSerializer.Meta.fields + ("display_name",)

    def get_display_name(self, user):
        return f"Member {user.get_username()}"


class HostTokenSerializer(TokenSerializer):
    class Meta(TokenSerializer.Meta):
        fields = ("auth_token", "created")
