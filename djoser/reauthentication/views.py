"""``reauthenticate/``: prove again who you are, for REAUTHENTICATION_TIMEOUT."""

from django.apps import apps
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from djoser.conf import settings
from djoser.parsers import HardenedParsersMixin
from djoser.reauthentication.credentials import credential_key, mark
from djoser.reauthentication.methods import methods_for
from djoser.reauthentication.serializers import (
    NO_METHOD_ERROR,
    NOT_MARKABLE_ERROR,
    ProofSerializer,
)
from djoser.reauthentication.throttling import counted_proof


class ReauthenticateView(HardenedParsersMixin, generics.GenericAPIView):
    """Check a password, a code or a passkey; mark this request's credential.

    Until the mark expires, the sensitive requests made with the same
    credential need no proof in their body.
    """

    permission_classes = [IsAuthenticated]
    serializer_class = ProofSerializer

    def get_serializer_class(self):
        if apps.is_installed("djoser.webauthn"):
            from djoser.reauthentication import passkeys

            if passkeys.is_passkey_proof(self.request.data):
                return passkeys.PasskeyProofSerializer
        return self.serializer_class

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if apps.is_installed("djoser.webauthn"):
            from djoser.reauthentication.passkeys import challenge_fields

            context["challenge_fields"] = challenge_fields(self.request)
        return context

    def post(self, request):
        if credential_key(request) is None:
            raise ValidationError([NOT_MARKABLE_ERROR])
        if not methods_for(request.user):
            raise ValidationError([NO_METHOD_ERROR])
        serializer = self.get_serializer(data=request.data)
        with counted_proof(request, self):
            serializer.is_valid(raise_exception=True)
        mark(request)
        data = {
            "method": serializer.validated_data["method"],
            "expires_in": settings.REAUTHENTICATION_TIMEOUT,
        }
        return Response(data)
