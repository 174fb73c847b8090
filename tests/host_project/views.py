from rest_framework.decorators import action
from rest_framework.response import Response

from djoser import utils
from djoser.views import TokenCreateView, UserViewSet
from tests.host_project.permissions import NotSuspended


class HostUserViewSet(UserViewSet):
    permission_classes = UserViewSet.permission_classes + [NotSuspended]

    @action(["get"], detail=False)
    def uid(self, request, *args, **kwargs):
        """The signed-in user's uid, as put in djoser's email links."""
        return Response({"uid": utils.encode_uid(request.user.pk)})


class HostTokenCreateView(TokenCreateView):
    def _action(self, serializer):
        response = super()._action(serializer)
        response["X-Host-Login"] = "yes"
        return response
