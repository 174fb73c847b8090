"""Serializers that tests name by dotted path in DJOSER["SERIALIZERS"].

Each one adds a ``serializer`` key to its output, so a response shows which
class produced it.
"""

from django.contrib.auth import get_user_model

from djoser.conf import FromSettings
from djoser.serializers import UserCreateSerializer, UserSerializer


class NamedOutputMixin:
    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["serializer"] = type(self).__name__
        return data


class NamedUserCreateSerializer(NamedOutputMixin, UserCreateSerializer):
    pass


class NamedUserSerializer(NamedOutputMixin, UserSerializer):
    pass


class AddressUserSerializer(UserSerializer):
    """The account's fields with its email address writable, whatever LOGIN_FIELD is.

    With testapp.EmailUser the address is the (read-only) login field, so
    ``users/me/`` could not change it otherwise.
    """

    class Meta(UserSerializer.Meta):
        fields = FromSettings(
            lambda: (
                *UserSerializer.Meta.fields,
                get_user_model().get_email_field_name(),
            )
        )
        read_only_fields = ()


class DescribedUserCreate(UserCreateSerializer):
    """Our own sign-up form."""
