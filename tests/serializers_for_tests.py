"""Serializers that tests name by dotted path in DJOSER["SERIALIZERS"].

Each one adds a ``serializer`` key to its output, so a response shows which
class produced it.
"""

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
