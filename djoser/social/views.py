from django.contrib.auth import user_logged_in
from django.http import Http404
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from social_django.utils import load_backend, load_strategy

from djoser import device_proofs, mfa, security_notices, sessions
from djoser.conf import FromSettings, settings
from djoser.parsers import HardenedParsersMixin
from djoser.reauthentication.requirement import ReauthenticationMixin
from djoser.social import connections
from djoser.social.serializers import (
    ProviderAuthRequestSerializer,
    SocialAccountConnectSerializer,
    SocialAccountSerializer,
)
from djoser.throttling import SocialThrottleMixin


class ProviderLoginView(
    HardenedParsersMixin, SocialThrottleMixin, generics.CreateAPIView
):
    """A provider login: once the serializer has the user, the second step
    (djoser.mfa) or the token pair, ``user_logged_in`` and a device proof."""

    permission_classes = [AllowAny]
    # Nobody is signed in yet; the state bound to the session is what ties the
    # POST to the GET, so no session login (and its CSRF check) applies.
    authentication_classes = []

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


class ProviderAuthView(ProviderLoginView):
    """``o/{provider}/``: GET starts a login at the provider, POST finishes it."""

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


class ProviderTokenView(ProviderLoginView):
    """``o/{provider}/token/``: a native app signs in with its SDK's token."""

    serializer_class = FromSettings(lambda: settings.SERIALIZERS.provider_token)


class SocialAccountListView(
    ReauthenticationMixin, HardenedParsersMixin, generics.ListCreateAPIView
):
    """``social/accounts/``: GET the signed-in user's provider accounts; POST
    links one more (with the same proof a login sends), after a fresh
    reauthentication or with ``current_password`` in the body."""

    permission_classes = [IsAuthenticated]
    reauthenticated_methods = ("POST",)
    # "code" is the provider's authorization code here.
    code_is_proof = False
    pagination_class = None

    def get_queryset(self):
        return connections.links_of(self.request.user)

    def get_serializer_class(self):
        if self.request.method == "POST":
            return SocialAccountConnectSerializer
        return SocialAccountSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        social = serializer.validated_data["social"]
        security_notices.notify(
            "social_connected", request, request.user, provider=social.provider
        )
        return Response(serializer.to_representation(social), status.HTTP_201_CREATED)


class SocialAccountDetailView(HardenedParsersMixin, generics.RetrieveDestroyAPIView):
    """``social/accounts/{id}/``: one linked provider account; DELETE unlinks it,
    unless it is the account's last way to sign in. Others' links answer 404."""

    permission_classes = [IsAuthenticated]
    serializer_class = SocialAccountSerializer

    def get_queryset(self):
        return connections.links_of(self.request.user)

    def get_object(self):
        # An id that is no number, or past the column's range, names no link
        # (and PostgreSQL would refuse the query on Django 4.2).
        if not connections.is_storable_id(self.kwargs["pk"]):
            raise Http404
        return super().get_object()

    def perform_destroy(self, instance):
        if connections.disconnect(self.request.user, instance):
            security_notices.notify(
                "social_disconnected",
                self.request,
                self.request.user,
                provider=instance.provider,
            )


def load_provider_backend(request, provider, redirect_uri):
    """social-auth's backend for a GET, through this module's names.

    djoser 2.x's view called ``load_strategy`` and ``load_backend`` from
    this module; they are looked up on each call so that a test's patch
    applies. (POST loads through ``djoser.social.serializers``' names.)
    """
    strategy = load_strategy(request._request)
    return load_backend(strategy, provider, redirect_uri=redirect_uri)
