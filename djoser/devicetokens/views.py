from rest_framework import mixins, status, views, viewsets
from rest_framework.response import Response

from djoser import signals, utils
from djoser.conf import FromSettings, settings
from djoser.devicetokens.models import DeviceToken
from djoser.devicetokens.serializers import DeviceTokenSerializer
from djoser.parsers import HardenedParsersMixin
from djoser.reauthentication.requirement import ReauthenticationMixin

# Every view here ends or shows the caller's own tokens: the logout permission.
OWN_TOKENS_PERMISSIONS = FromSettings(lambda: settings.PERMISSIONS.token_destroy)


class LogoutAllView(HardenedParsersMixin, ReauthenticationMixin, views.APIView):
    """Log out on every device: revoke all of the user's tokens."""

    permission_classes = OWN_TOKENS_PERMISSIONS
    # A stolen token must not sign the owner out of every device.
    reauthenticated_methods = {"POST"}

    def post(self, request):
        signals.user_tokens_revoked.send(
            sender=self.__class__,
            user=request.user,
            request=request,
            reason="logout_all",
        )
        # The signal's receiver has deleted every device token already.
        utils.logout_user(
            request, delete_tokens=settings.TOKEN_MODEL is not DeviceToken
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeviceTokenViewSet(
    HardenedParsersMixin,
    mixins.ListModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """GET tokens/: the user's live tokens; DELETE tokens/{id}/: revoke one."""

    serializer_class = DeviceTokenSerializer
    permission_classes = OWN_TOKENS_PERMISSIONS
    # Up to 18 digits always fits a 64-bit id; anything else is a 404.
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        # Another user's token is outside the queryset: a 404, never a 403.
        owned = DeviceToken.objects.filter(user=self.request.user)
        if self.action == "list":
            owned = owned.live().order_by("-created", "-pk")
        return owned
