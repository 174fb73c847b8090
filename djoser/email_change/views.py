"""``users/me/email/`` asks for a change; ``users/me/email/confirm/`` makes it."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.timezone import now
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from djoser import signals
from djoser.compat import get_user_email, get_user_email_field_name
from djoser.conf import FromSettings, settings
from djoser.delivery import send_email
from djoser.email_change.serializers import ADDRESS_TAKEN_ERROR, address_in_use
from djoser.email_change.tokens import email_change_token_generator
from djoser.throttling import ThrottleMixin

User = get_user_model()


class EmailChangeFeatureMixin:
    """Both endpoints exist only once EMAIL_CHANGE_CONFIRM_URL is set."""

    def initial(self, request, *args, **kwargs):
        if settings.EMAIL_CHANGE_CONFIRM_URL is None:
            raise NotFound()
        super().initial(request, *args, **kwargs)


class EmailChangeView(EmailChangeFeatureMixin, ThrottleMixin, generics.GenericAPIView):
    """Email a link to the new address; the account keeps the old one for now."""

    throttle_action = "email_change"
    serializer_class = FromSettings(lambda: settings.SERIALIZERS.email_change)
    permission_classes = FromSettings(lambda: settings.PERMISSIONS.email_change)

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request.user
        new_address = serializer.validated_data["new_address"]
        # The same answer and one email either way: the caller learns nothing
        # of whether another account holds the address; its owner is told.
        if address_in_use(new_address, user):
            send_email(
                "email_change_address_in_use",
                request,
                user,
                to=new_address,
                context={"new_address": new_address},
            )
        else:
            context = {"old_address": get_user_email(user), "new_address": new_address}
            send_email("email_change", request, user, to=new_address, context=context)
            signals.email_change_requested.send(
                sender=self.__class__,
                user=user,
                request=request,
                new_address=new_address,
            )
        return Response(status=status.HTTP_202_ACCEPTED)


class EmailChangeConfirmView(
    EmailChangeFeatureMixin, ThrottleMixin, generics.GenericAPIView
):
    """Switch the account to the address the link's token carries."""

    throttle_action = "email_change_confirm"
    token_generator = email_change_token_generator
    serializer_class = FromSettings(lambda: settings.SERIALIZERS.email_change_confirm)
    permission_classes = FromSettings(lambda: settings.PERMISSIONS.email_change_confirm)

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user, old_address, new_address = self._switch_address(serializer)
        signals.email_changed.send(
            sender=self.__class__,
            user=user,
            request=request,
            old_address=old_address,
            new_address=new_address,
        )
        if old_address:
            context = {"old_address": old_address, "new_address": new_address}
            send_email(
                "email_changed_notice", request, user, to=old_address, context=context
            )
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _switch_address(self, serializer):
        email_field = get_user_email_field_name(User)
        try:
            with transaction.atomic():
                # The token is checked again against the row locked here: of
                # two requests with one link, the second waits, then finds the
                # address (and last_login) changed, and its token dead.
                user = User._default_manager.select_for_update().get(
                    pk=serializer.user.pk
                )
                new_address = self.token_generator.check_token(
                    user, serializer.validated_data["token"]
                )
                if new_address is None:
                    raise ValidationError(
                        {"token": [serializer.error_messages["invalid_token"]]},
                        code="invalid_token",
                    )
                if address_in_use(new_address, user):
                    raise ValidationError([ADDRESS_TAKEN_ERROR], code="address_taken")
                old_address = get_user_email(user)
                setattr(user, email_field, new_address)
                # As the other links: moving last_login ends this token, even
                # if the address is later changed back.
                user.last_login = now()
                user.save(update_fields=[email_field, "last_login"])
        except IntegrityError:
            # Another account took the address between the check and the save.
            raise ValidationError([ADDRESS_TAKEN_ERROR], code="address_taken") from None
        return user, old_address, new_address
