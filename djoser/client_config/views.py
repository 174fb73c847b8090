from django.utils.cache import patch_cache_control
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from djoser.client_config.offer import client_config
from djoser.client_config.serializers import ClientConfigSerializer
from djoser.parsers import HardenedParsersMixin

# Seconds a browser or a shared cache may reuse the answer: settings change
# with a deployment, not between requests.
MAX_AGE = 300


class ClientConfigView(HardenedParsersMixin, generics.GenericAPIView):
    """Read the deployment's offer; nobody need be signed in."""

    permission_classes = [AllowAny]
    # Nothing here depends on who asks: no authentication runs, so a bad
    # or expired token in the request does not turn this into a 401.
    authentication_classes = []
    serializer_class = ClientConfigSerializer

    def get(self, request):
        serializer = self.get_serializer(client_config())
        response = Response(serializer.data)
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response
