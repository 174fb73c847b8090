from rest_framework import serializers

from djoser.devicetokens.models import DEVICE_NAME_MAX_LENGTH, DeviceToken


class DeviceNameSerializer(serializers.Serializer):
    """The optional ``device_name`` a client may send with its login."""

    device_name = serializers.CharField(
        max_length=DEVICE_NAME_MAX_LENGTH, required=False
    )


def device_name_for(request):
    """The name the client gave its device, else its User-Agent (shortened).

    A ``device_name`` that is not a short, non-empty string is a 400.
    """
    # login_user() may be handed a plain Django request, which has no .data.
    serializer = DeviceNameSerializer(data=getattr(request, "data", {}))
    serializer.is_valid(raise_exception=True)
    name = serializer.validated_data.get("device_name")
    if name is None:
        name = request.META.get("HTTP_USER_AGENT", "")
    return name[:DEVICE_NAME_MAX_LENGTH]


class DeviceTokenSerializer(serializers.ModelSerializer):
    """A token as its owner sees it in a list: never the key, nor its digest."""

    current = serializers.SerializerMethodField()

    class Meta:
        model = DeviceToken
        fields = (
            "id",
            "prefix",
            "device_name",
            "created",
            "last_used",
            "expires",
            "current",
        )
        read_only_fields = fields

    def get_current(self, token) -> bool:
        auth = self.context["request"].auth
        return isinstance(auth, DeviceToken) and auth.pk == token.pk
