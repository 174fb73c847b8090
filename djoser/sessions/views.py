from django.contrib.auth import user_logged_out
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from djoser import revocation
from djoser.conf import FromSettings, settings
from djoser.parsers import HardenedParsersMixin
from djoser.reauthentication.requirement import ReauthenticationMixin
from djoser.serializers import CurrentPasswordSerializer
from djoser.sessions.logins import current_sessions
from djoser.sessions.models import Reasons, Session
from djoser.sessions.serializers import SessionSerializer
from djoser.throttling import ThrottleMixin


class SessionViewSet(
    HardenedParsersMixin,
    ReauthenticationMixin,
    ThrottleMixin,
    mixins.ListModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The signed-in account's sessions: list them, end one, end the others."""

    serializer_class = SessionSerializer
    # logout_others checks current_password itself, as djoser 2.x's
    # endpoints do; with two-factor sign-in on it needs a code (or a fresh
    # reauthenticate/) too (djoser.reauthentication).
    serializer_checks_password = True
    # Like logout: every action ends or shows the caller's own sessions.
    permission_classes = FromSettings(lambda: settings.PERMISSIONS.token_destroy)

    def needs_reauthentication(self, method):
        return self.action == "logout_others"

    def get_queryset(self):
        # Another user's session is outside the queryset: a 404, never a 403.
        owned = Session.objects.live().filter(user=self.request.user)
        if self.action == "list":
            owned = owned.order_by("-created", "-pk")
        return owned

    def get_serializer_class(self):
        if self.action == "logout_others":
            return CurrentPasswordSerializer
        return SessionSerializer

    def get_throttle_action(self):
        # Rates are keyed like permissions; logout_others checks a password,
        # as an account deletion does.
        return "user_delete" if self.action == "logout_others" else "token_destroy"

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "list":
            current = current_sessions(self.request).values_list("pk", flat=True)
            context["current_ids"] = set(current)
        return context

    def perform_destroy(self, instance):
        own = current_sessions(self.request).filter(pk=instance.pk).exists()
        instance.revoke(Reasons.ENDED_BY_USER)
        if own:
            # The request's own credential ended: a logout of this device
            # (the browser client clears its cookies on it).
            user = self.request.user
            user_logged_out.send(sender=type(user), request=self.request, user=user)

    @action(["post"], detail=False)
    def logout_others(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        revocation.end_other_credentials(
            self.__class__, request, request.user, reason=Reasons.LOGOUT_OTHERS
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
