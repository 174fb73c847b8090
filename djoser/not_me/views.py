"""``users/not_me/``: the link of a new authenticator's notice, used."""

from django.contrib.auth import get_user_model
from django.utils.timezone import now
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from djoser import recovery
from djoser.conf import FromSettings, settings
from djoser.not_me.tokens import not_me_token_generator
from djoser.parsers import HardenedParsersMixin
from djoser.throttling import ThrottleMixin
from djoser.utils import user_transaction

User = get_user_model()


class NotMeView(HardenedParsersMixin, ThrottleMixin, generics.GenericAPIView):
    """Remove the authenticator the link names and lock everyone out.

    The notice of two-factor sign-in turned on, or of a passkey added,
    carries the link. Opening it removes that authenticator (if it is still
    there: not one added later), sets a password nobody knows, ends every
    token and session of the account, and emails the owner what it removed
    and a password reset link. 404 while NOT_ME_URL is unset.
    """

    throttle_action = "not_me"
    token_generator = not_me_token_generator
    serializer_class = FromSettings(lambda: settings.SERIALIZERS.not_me)
    permission_classes = FromSettings(lambda: settings.PERMISSIONS.not_me)

    def initial(self, request, *args, **kwargs):
        if settings.NOT_ME_URL is None:
            raise NotFound()
        super().initial(request, *args, **kwargs)

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        with user_transaction(User):
            # Validated inside the transaction, the link's account is the row
            # locked for update: of two requests with one link, the second
            # waits, then finds the link spent.
            serializer.is_valid(raise_exception=True)
            user = serializer.user
            new_authenticator = self.token_generator.check_token(
                user, serializer.validated_data["token"]
            )
            new_authenticator.used_at = now()
            new_authenticator.save(update_fields=["used_at"])
            removed = recovery.recover(
                self.__class__,
                request,
                user,
                reason="not_me",
                authenticator=new_authenticator,
            )
        recovery.tell_owner(request, user, "authenticator_removed", removed)
        return Response(status=status.HTTP_204_NO_CONTENT)
