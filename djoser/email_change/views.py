"""``users/me/email/`` asks for a change; ``users/me/email/confirm/`` makes it.

``users/me/email/undo/`` takes the link the old address was sent and puts
that address back.
"""

import contextlib
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.utils.timezone import now
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from djoser import recovery, signals
from djoser.compat import get_user_email, get_user_email_field_name
from djoser.conf import FromSettings, settings
from djoser.delivery import send_email
from djoser.email_change.models import EmailChange
from djoser.email_change.serializers import ADDRESS_TAKEN_ERROR, address_in_use
from djoser.email_change.tokens import (
    email_change_token_generator,
    email_change_undo_token_generator,
    undo_lifetime,
)
from djoser.parsers import HardenedParsersMixin
from djoser.reauthentication.requirement import ReauthenticationMixin
from djoser.throttling import ThrottleMixin
from djoser.utils import user_transaction

User = get_user_model()


class EmailChangeFeatureMixin:
    """Both endpoints exist only once EMAIL_CHANGE_CONFIRM_URL is set."""

    def initial(self, request, *args, **kwargs):
        if settings.EMAIL_CHANGE_CONFIRM_URL is None:
            raise NotFound()
        super().initial(request, *args, **kwargs)


class EmailChangeView(
    HardenedParsersMixin,
    EmailChangeFeatureMixin,
    ThrottleMixin,
    ReauthenticationMixin,
    generics.GenericAPIView,
):
    """Email a link to the new address; the account keeps the old one for now."""

    throttle_action = "email_change"
    reauthenticated_methods = {"POST"}
    # EmailChangeSerializer checks current_password.
    serializer_checks_password = True
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
    HardenedParsersMixin,
    EmailChangeFeatureMixin,
    ThrottleMixin,
    generics.GenericAPIView,
):
    """Switch the account to the address the link's token carries."""

    throttle_action = "email_change_confirm"
    token_generator = email_change_token_generator
    serializer_class = FromSettings(lambda: settings.SERIALIZERS.email_change_confirm)
    permission_classes = FromSettings(lambda: settings.PERMISSIONS.email_change_confirm)

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        with self._locked_link(serializer) as user:
            new_address, requested_at = self.token_generator.read_token(
                user, serializer.validated_data["token"]
            )
            old_address = self._switch_address(user, new_address)
            change = self._record(user, old_address, new_address, requested_at)
        signals.email_changed.send(
            sender=self.__class__,
            user=user,
            request=request,
            old_address=old_address,
            new_address=new_address,
        )
        if old_address:
            context = {
                "old_address": old_address,
                "new_address": new_address,
                "change_id": None if change is None else change.pk,
            }
            send_email(
                "email_changed_notice", request, user, to=old_address, context=context
            )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @contextlib.contextmanager
    def _locked_link(self, serializer):
        """Validate the link in a transaction; yields its account, row locked."""
        try:
            with user_transaction(User):
                # Validated inside the transaction, the link's account is the
                # row locked for update: of two requests with one link, the
                # second waits, then finds the link spent.
                serializer.is_valid(raise_exception=True)
                yield serializer.user
        except IntegrityError:
            # Another account took the address between the check and the save.
            raise ValidationError([ADDRESS_TAKEN_ERROR], code="address_taken") from None

    def _switch_address(self, user, new_address):
        """Give ``user`` ``new_address``; answers the address it had."""
        email_field = get_user_email_field_name(User)
        if address_in_use(new_address, user):
            raise ValidationError([ADDRESS_TAKEN_ERROR], code="address_taken")
        old_address = get_user_email(user)
        # The confirm token is bound to the address it was made from: once
        # the address is the new one, the link is dead.
        setattr(user, email_field, new_address)
        user.save(update_fields=[email_field])
        return old_address

    @staticmethod
    def _record(user, old_address, new_address, requested_at):
        """Keep the change for its undo link (only while the link is on)."""
        if settings.EMAIL_CHANGE_UNDO_URL is None or not old_address:
            return None
        changed_at = now()
        # Changes whose links have expired, any account's, are of no use any
        # more: addresses are kept no longer than their links (indexed).
        EmailChange.objects.filter(changed_at__lt=changed_at - undo_lifetime()).delete()
        return EmailChange.objects.create(
            user=user,
            old_address=old_address,
            new_address=new_address,
            # now() and not a timestamp: the project's USE_TZ decides.
            requested_at=changed_at - timedelta(seconds=time.time() - requested_at),
            changed_at=changed_at,
        )


class EmailChangeUndoView(EmailChangeConfirmView):
    """Put back the address a change replaced, and lock out whoever made it.

    The old address's notice carries the link. Opening it restores that
    address, sets a password nobody knows, ends every token and session
    the account holds, and emails a password reset link to the restored
    address.
    """

    throttle_action = "email_change_undo"
    token_generator = email_change_undo_token_generator
    serializer_class = FromSettings(lambda: settings.SERIALIZERS.email_change_undo)
    permission_classes = FromSettings(lambda: settings.PERMISSIONS.email_change_undo)

    def initial(self, request, *args, **kwargs):
        if settings.EMAIL_CHANGE_UNDO_URL is None:
            raise NotFound()
        super().initial(request, *args, **kwargs)

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        with self._locked_link(serializer) as user:
            change = self.token_generator.check_token(
                user, serializer.validated_data["token"]
            )
            restored_address = change.old_address
            changed_address = self._switch_address(user, restored_address)
            # This change and every later one are spent: the link of a later
            # change went to an address the intruder chose.
            EmailChange.objects.undoable(user).filter(
                changed_at__gte=change.changed_at
            ).update(undone_at=now())
            # "This was not me": what the account gained since the change
            # was asked for goes too (passkeys, two-factor sign-in), with
            # the password and every credential.
            removed = recovery.recover(
                self.__class__,
                request,
                user,
                reason="email_change_undone",
                since=change.requested_at,
            )
        signals.email_changed.send(
            sender=self.__class__,
            user=user,
            request=request,
            old_address=changed_address,
            new_address=restored_address,
        )
        recovery.tell_owner(request, user, "email_change_undone", removed)
        return Response(status=status.HTTP_204_NO_CONTENT)
