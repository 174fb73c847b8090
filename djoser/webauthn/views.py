"""The passkey endpoints: thin views over the serializers and ceremonies."""

from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework import generics, status, views
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from djoser import device_proofs, mfa, security_notices, signals, utils
from djoser.conf import FromSettings, settings
from djoser.not_me import links as not_me
from djoser.not_me.models import NewAuthenticator
from djoser.parsers import HardenedParsersMixin
from djoser.reauthentication.requirement import ReauthenticationMixin
from djoser.throttling import ThrottleMixin, WebauthnLoginThrottleMixin
from djoser.views import send_email
from djoser.webauthn import ceremonies
from djoser.webauthn.constants import Messages
from djoser.webauthn.models import Challenge, UserHandle
from djoser.webauthn.serializers import (
    Base64URLField,
    PasskeyAuthenticationSerializer,
    PasskeyRegistrationSerializer,
    PasskeySerializer,
    WebauthnSignupSerializer,
)
from djoser.webauthn.throttling import ChallengeCapMixin

User = get_user_model()


class CeremonyView(HardenedParsersMixin, generics.GenericAPIView):
    """A POST whose body answers a challenge of ``ceremony``."""

    ceremony = None

    def get_challenge_fields(self):
        return {"ceremony": self.ceremony}

    def validated_credential(self, serializer_class):
        context = {
            **self.get_serializer_context(),
            "challenge_fields": self.get_challenge_fields(),
        }
        serializer = serializer_class(data=self.request.data, context=context)
        serializer.is_valid(raise_exception=True)
        return serializer


class SignupRequestView(
    HardenedParsersMixin, ChallengeCapMixin, ThrottleMixin, generics.GenericAPIView
):
    """Registration options for a new account named in the body."""

    throttle_action = "webauthn_signup_request"
    permission_classes = [AllowAny]
    serializer_class = WebauthnSignupSerializer

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        challenge = serializer.save()
        display_name = serializer.validated_data.get("display_name", "")
        options = ceremonies.registration_options(
            challenge, challenge.username, display_name
        )
        return Response(options)


class SignupView(CeremonyView):
    """Create the account and its first passkey from the browser's response."""

    permission_classes = [AllowAny]
    serializer_class = FromSettings(lambda: settings.WEBAUTHN.SIGNUP_SERIALIZER)
    ceremony = Challenge.SIGNUP

    def get_challenge_fields(self):
        # The ukey in the URL is the user handle the signup options carried.
        return {**super().get_challenge_fields(), "user_handle": self.kwargs["ukey"]}

    def post(self, request, ukey):
        # The URL is the client's: a ukey outside the handle's alphabet and
        # length (a NUL, which PostgreSQL text cannot hold) is refused here.
        ukey_field = Base64URLField(max_length=UserHandle.handle.field.max_length)
        try:
            ukey_field.run_validation(ukey)
        except ValidationError as error:
            raise ValidationError({"ukey": error.detail}) from None
        # The account's fields first: a typo there must not use up the challenge.
        user_serializer = self.get_serializer(data=request.data)
        user_serializer.is_valid(raise_exception=True)
        passkey_serializer = self.validated_credential(PasskeyRegistrationSerializer)
        challenge = passkey_serializer.validated_data["challenge"]
        with transaction.atomic():
            user = user_serializer.save(**{User.USERNAME_FIELD: challenge.username})
            UserHandle.objects.create(user=user, handle=challenge.user_handle)
            passkey_serializer.save(user=user)
        signals.user_registered.send(sender=self.__class__, user=user, request=request)
        if settings.SEND_ACTIVATION_EMAIL:
            send_email("activation", request, user)
        elif settings.SEND_CONFIRMATION_EMAIL:
            send_email("confirmation", request, user)
        return Response(user_serializer.data, status=status.HTTP_201_CREATED)


class LoginRequestView(
    HardenedParsersMixin, ChallengeCapMixin, ThrottleMixin, generics.GenericAPIView
):
    """Authentication options for a discoverable passkey.

    They list no credential ids, even for a named account: to a caller who
    has not signed in, ids would tell which accounts exist and have a
    passkey. The browser offers the passkeys it holds for the RP ID.
    """

    throttle_action = "webauthn_login_request"
    permission_classes = [AllowAny]
    serializer_class = FromSettings(lambda: settings.WEBAUTHN.LOGIN_SERIALIZER)

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        challenge = serializer.save()
        return Response(ceremonies.authentication_options(challenge))


class LoginView(WebauthnLoginThrottleMixin, CeremonyView):
    """Log in with a passkey; answers the token serializer's data."""

    permission_classes = [AllowAny]
    serializer_class = PasskeyAuthenticationSerializer
    ceremony = Challenge.LOGIN

    def post(self, request):
        user = self.validated_credential(self.get_serializer_class()).save()
        mfa.check_second_step(request, user, "passkey")
        token = utils.login_user(request, user, kind="passkey")
        data = settings.SERIALIZERS.token(token).data
        response = Response(data, status=status.HTTP_201_CREATED)
        return device_proofs.issue(request, response, user)


class PasskeyAddRequestView(
    HardenedParsersMixin, ChallengeCapMixin, ReauthenticationMixin, views.APIView
):
    """Registration options for one more passkey on the signed-in account.

    Its body carries at most the proof of reauthentication: an APIView, so
    OPTIONS describes no serializer.
    """

    permission_classes = [IsAuthenticated]
    # A stolen token must not plant a way in that outlives a password reset.
    reauthenticated_methods = {"POST"}

    def post(self, request):
        user = request.user
        challenge = Challenge.objects.issue(
            Challenge.ADD, user=user, user_handle=UserHandle.objects.for_user(user)
        )
        options = ceremonies.registration_options(
            challenge,
            user.get_username(),
            exclude=user.passkeys.all(),
        )
        return Response(options)


class PasskeyAddView(ReauthenticationMixin, CeremonyView):
    """Register the passkey the browser made from add_request's options."""

    permission_classes = [IsAuthenticated]
    reauthenticated_methods = {"POST"}
    serializer_class = PasskeyRegistrationSerializer
    ceremony = Challenge.ADD

    def get_challenge_fields(self):
        return {**super().get_challenge_fields(), "user": self.request.user}

    def post(self, request):
        serializer = self.validated_credential(self.get_serializer_class())
        passkey = serializer.save(user=request.user)
        if security_notices.is_on("passkey_added"):
            link = not_me.offer(
                request.user, NewAuthenticator.PASSKEY, passkey.pk, passkey.created
            )
            security_notices.notify(
                "passkey_added",
                request,
                request.user,
                passkey_name=passkey.name,
                **link,
            )
        return Response(PasskeySerializer(passkey).data, status=status.HTTP_201_CREATED)


class PasskeyListView(HardenedParsersMixin, generics.ListAPIView):
    """The signed-in account's passkeys."""

    permission_classes = [IsAuthenticated]
    serializer_class = PasskeySerializer

    def get_queryset(self):
        return self.request.user.passkeys.all()


class PasskeyDetailView(
    HardenedParsersMixin, ReauthenticationMixin, generics.RetrieveDestroyAPIView
):
    """One of the signed-in account's passkeys; others' answer 404."""

    permission_classes = [IsAuthenticated]
    reauthenticated_methods = {"DELETE"}
    serializer_class = PasskeySerializer

    def get_queryset(self):
        return self.request.user.passkeys.all()

    @transaction.atomic
    def perform_destroy(self, instance):
        user = self.request.user
        # Locking the account's passkeys serialises concurrent deletes, so
        # two requests cannot each remove "one of two" and lock the user out.
        remaining = len(user.passkeys.select_for_update()) - 1
        if remaining == 0 and not user.has_usable_password():
            raise ValidationError(Messages.ONLY_PASSKEY_ERROR)
        instance.delete()
        security_notices.notify(
            "passkey_removed", self.request, user, passkey_name=instance.name
        )
