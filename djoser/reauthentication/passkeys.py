"""Reauthentication with a passkey (djoser.webauthn): options, and the answer.

Imported only where djoser.webauthn is installed.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import views
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from djoser import utils
from djoser.parsers import HardenedParsersMixin
from djoser.webauthn import ceremonies
from djoser.webauthn.models import Challenge
from djoser.webauthn.serializers import PasskeyAuthenticationSerializer
from djoser.webauthn.throttling import ChallengeCapMixin

NO_PASSKEY_ERROR = _("This account has no passkey.")

# A login challenge bound to the signed-in account. Answering it proves a
# passkey of that account, which is all a login with it proves too: a
# reauthentication challenge needs no ceremony (and no migration) of its own.
CEREMONY = Challenge.LOGIN


def challenge_fields(request):
    """Which stored challenges a reauthentication may answer."""
    return {"ceremony": CEREMONY, "user": request.user}


def is_passkey_proof(data):
    """Whether a reauthenticate/ body is a passkey assertion."""
    return hasattr(data, "get") and data.get("response") is not None


class PasskeyProofSerializer(PasskeyAuthenticationSerializer):
    """An assertion from ``navigator.credentials.get()`` by the signed-in account.

    Valid once the signature checks out and the passkey's use is recorded
    (its signature counter moves on, as at login).
    """

    def get_fields(self):
        fields = super().get_fields()
        # What a login's TOKEN_MODEL reads (device_name): no token is issued.
        for name in utils.login_fields():
            fields.pop(name, None)
        return fields

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.create(attrs)
        return {**attrs, "method": "passkey"}


class PasskeyOptionsView(HardenedParsersMixin, ChallengeCapMixin, views.APIView):
    """Authentication options for the signed-in account's own passkeys."""

    permission_classes = [IsAuthenticated]

    def post(self, request):
        passkeys = list(request.user.passkeys.all())
        if not passkeys:
            raise ValidationError([NO_PASSKEY_ERROR])
        challenge = Challenge.objects.issue(CEREMONY, user=request.user)
        return Response(ceremonies.authentication_options(challenge, passkeys))
