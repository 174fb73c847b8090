from django.contrib.auth import user_logged_in
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from djoser import mfa
from djoser.conf import FromSettings, settings
from djoser.social.serializers import ProviderAuthRequestSerializer
from djoser.throttling import SocialThrottleMixin


class ProviderAuthView(SocialThrottleMixin, generics.CreateAPIView):
    """``o/{provider}/``: GET starts a login at the provider, POST finishes it."""

    permission_classes = [AllowAny]
    # Nobody is signed in yet; the state bound to the session is what ties the
    # POST to the GET, so no session login (and its CSRF check) applies.
    authentication_classes = []
    serializer_class = FromSettings(lambda: settings.SERIALIZERS.provider_auth)

    def get(self, request, *args, **kwargs):
        serializer = ProviderAuthRequestSerializer(
            data=request.query_params, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)

    def perform_create(self, serializer):
        user = serializer.validated_data["user"]
        mfa.check_second_step(self.request, user, "social")
        serializer.save()
        user_logged_in.send(sender=user.__class__, request=self.request, user=user)
