from django.contrib.auth import user_logged_in
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from social_django.utils import load_backend, load_strategy

from djoser import device_proofs, mfa, sessions
from djoser.conf import FromSettings, settings
from djoser.parsers import HardenedParsersMixin
from djoser.social.serializers import ProviderAuthRequestSerializer
from djoser.throttling import SocialThrottleMixin


class ProviderAuthView(
    HardenedParsersMixin, SocialThrottleMixin, generics.CreateAPIView
):
    """``o/{provider}/``: GET starts a login at the provider, POST finishes it."""

    permission_classes = [AllowAny]
    # Nobody is signed in yet; the state bound to the session is what ties the
    # POST to the GET, so no session login (and its CSRF check) applies.
    authentication_classes = []
    serializer_class = FromSettings(lambda: settings.SERIALIZERS.provider_auth)

    def get(self, request, *args, **kwargs):
        context = {
            **self.get_serializer_context(),
            "load_provider_backend": load_provider_backend,
        }
        serializer = ProviderAuthRequestSerializer(
            data=request.query_params, context=context
        )
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        return device_proofs.issue(request, response, self.signed_in_user)

    def perform_create(self, serializer):
        user = serializer.validated_data["user"]
        mfa.check_second_step(self.request, user, "social")
        serializer.save()
        # The pair the response shows carries the session's id.
        serializer.instance = sessions.record_login(
            self.request, user, "social", serializer.instance
        )
        user_logged_in.send(sender=user.__class__, request=self.request, user=user)
        self.signed_in_user = user


def load_provider_backend(request, provider, redirect_uri):
    """social-auth's backend for a GET, through this module's names.

    djoser 2.x's view called ``load_strategy`` and ``load_backend`` from
    this module; they are looked up on each call so that a test's patch
    applies. (POST loads through ``djoser.social.serializers``' names.)
    """
    strategy = load_strategy(request._request)
    return load_backend(strategy, provider, redirect_uri=redirect_uri)
