from django.contrib.auth import SESSION_KEY, get_user_model, update_session_auth_hash
from django.contrib.auth.tokens import default_token_generator
from django.http import Http404
from django.utils.timezone import now
from rest_framework import generics, status, views, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from djoser import device_proofs, mfa, revocation, signals, utils
from djoser.conf import FromSettings, settings
from djoser.delivery import send_email
from djoser.email_change.serializers import refuse_direct_change
from djoser.parsers import HardenedParsersMixin
from djoser.reauthentication.requirement import ReauthenticationMixin
from djoser.throttling import ThrottleMixin

User = get_user_model()

# The SERIALIZERS key each view action uses; (action, method) rows win over
# action rows. Actions not listed use ``serializer_class`` or "user".
ACTION_SERIALIZERS = {
    "create": "user_create",
    "destroy": "user_delete",
    ("me", "GET"): "current_user",
    ("me", "PUT"): "current_user",
    ("me", "PATCH"): "current_user",
    ("me", "DELETE"): "user_delete",
    "activation": "activation",
    "resend_activation": "password_reset",
    "reset_password": "password_reset",
    "reset_password_confirm": "password_reset_confirm",
    "set_password": "set_password",
    "set_username": "set_username",
    "reset_username": "username_reset",
    "reset_username_confirm": "username_reset_confirm",
}

# Where a RETYPE setting is on, the action uses another SERIALIZERS key.
RETYPE_SERIALIZERS = {
    "create": ("USER_CREATE_PASSWORD_RETYPE", "user_create_password_retype"),
    "set_password": ("SET_PASSWORD_RETYPE", "set_password_retype"),
    "reset_password_confirm": (
        "PASSWORD_RESET_CONFIRM_RETYPE",
        "password_reset_confirm_retype",
    ),
    "set_username": ("SET_USERNAME_RETYPE", "set_username_retype"),
    "reset_username_confirm": (
        "USERNAME_RESET_CONFIRM_RETYPE",
        "username_reset_confirm_retype",
    ),
}

# The PERMISSIONS key each view action uses; unlisted actions use "user".
ACTION_PERMISSIONS = {
    "create": "user_create",
    "list": "user_list",
    "destroy": "user_delete",
    ("me", "DELETE"): "user_delete",
    "activation": "activation",
    "resend_activation": "password_reset",
    "reset_password": "password_reset",
    "reset_password_confirm": "password_reset_confirm",
    "set_password": "set_password",
    "set_username": "set_username",
    "reset_username": "username_reset",
    "reset_username_confirm": "username_reset_confirm",
}

# The actions that change how the account is reached, or end it: they need a
# fresh reauthentication or its proof in their body (djoser.reauthentication).
REAUTHENTICATED_ACTIONS = {
    "set_password": True,
    "set_username": True,
    "destroy": True,
    ("me", "DELETE"): True,
}

# With HIDE_USERS, a signed-in user refused one of these learns nothing of
# whether the account exists: 404 rather than 403.
HIDDEN_ACTIONS = {"list", "retrieve", "update", "partial_update", "destroy"}


def _lookup(table, action, method):
    if method == "HEAD":
        method = "GET"
    return table.get((action, method), table.get(action))


class TokenCreateView(
    HardenedParsersMixin,
    ThrottleMixin,
    utils.ActionViewMixin,
    generics.GenericAPIView,
):
    """Log in with LOGIN_FIELD and password; answers the user's token."""

    throttle_action = "token_create"
    serializer_class = FromSettings(lambda: settings.SERIALIZERS.token_create)
    permission_classes = FromSettings(lambda: settings.PERMISSIONS.token_create)

    def _action(self, serializer):
        mfa.check_second_step(self.request, serializer.user, "token")
        token = utils.login_user(self.request, serializer.user)
        token_serializer_class = settings.SERIALIZERS.token
        response = Response(
            token_serializer_class(token).data, status=status.HTTP_200_OK
        )
        return device_proofs.issue(self.request, response, serializer.user)


class TokenDestroyView(HardenedParsersMixin, ThrottleMixin, views.APIView):
    """Log out: delete the user's tokens."""

    throttle_action = "token_destroy"
    permission_classes = FromSettings(lambda: settings.PERMISSIONS.token_destroy)

    def post(self, request):
        utils.logout_user(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UserViewSet(
    HardenedParsersMixin, ThrottleMixin, ReauthenticationMixin, viewsets.ModelViewSet
):
    # Requests go through get_queryset(); this is for routers, which derive a
    # basename from it when a project registers the viewset without one.
    queryset = User._default_manager.all()
    lookup_field = settings.USER_ID_FIELD
    token_generator = default_token_generator
    serializer_class = FromSettings(lambda: settings.SERIALIZERS.user)
    permission_classes = FromSettings(lambda: settings.PERMISSIONS.user)
    # Their serializers check current_password, with djoser 2.x's answers.
    serializer_checks_password = True

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if settings.HIDE_USERS and self.action == "list" and not user.is_staff:
            queryset = queryset.filter(pk=user.pk)
        return queryset

    def get_permissions(self):
        key = _lookup(ACTION_PERMISSIONS, self.action, self.request.method)
        if key is not None:
            classes = getattr(settings.PERMISSIONS, key)
        else:
            classes = self.permission_classes
        return [permission() for permission in classes]

    def needs_reauthentication(self, method):
        return bool(_lookup(REAUTHENTICATED_ACTIONS, self.action, method))

    def get_throttle_action(self):
        # Rates are keyed like permissions.
        return _lookup(ACTION_PERMISSIONS, self.action, self.request.method) or "user"

    def get_serializer_class(self):
        retype = RETYPE_SERIALIZERS.get(self.action)
        if retype is not None and getattr(settings, retype[0]):
            return getattr(settings.SERIALIZERS, retype[1])
        key = _lookup(ACTION_SERIALIZERS, self.action, self.request.method)
        if key is not None:
            return getattr(settings.SERIALIZERS, key)
        return self.serializer_class

    def permission_denied(self, request, **kwargs):
        if (
            settings.HIDE_USERS
            and request.user.is_authenticated
            and self.action in HIDDEN_ACTIONS
            and not self._names_the_caller(request)
        ):
            # The same answer, body included, as get_object gives an id
            # that matches no account.
            raise NotFound()
        super().permission_denied(request, **kwargs)

    def _names_the_caller(self, request):
        """Whether the URL's id is the caller's own (who knows it exists)."""
        lookup = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        own = getattr(request.user, self.lookup_field, None)
        return lookup is not None and str(lookup) == str(own)

    def get_instance(self):
        return self.request.user

    def get_object(self):
        # users/me/ has no id in its URL. OPTIONS looks the object up for its
        # PUT metadata without running the me action, so answer it here too.
        if not self.detail and self.action in ("me", "metadata"):
            return self.get_instance()
        try:
            return super().get_object()
        except (Http404, OverflowError):
            # One body for every missing id, the same as HIDE_USERS gives for
            # another's account. (Django 4.2 on SQLite hands an id beyond 64
            # bits to the driver: OverflowError.)
            raise NotFound() from None

    def perform_create(self, serializer, *args, **kwargs):
        user = serializer.save(*args, **kwargs)
        signals.user_registered.send(
            sender=self.__class__, user=user, request=self.request
        )
        if settings.SEND_ACTIVATION_EMAIL:
            send_email("activation", self.request, user)
        elif settings.SEND_CONFIRMATION_EMAIL:
            send_email("confirmation", self.request, user)

    def perform_update(self, serializer, *args, **kwargs):
        refuse_direct_change(serializer.instance, serializer.validated_data)
        was_active = serializer.instance.is_active
        user = serializer.save(*args, **kwargs)
        signals.user_updated.send(
            sender=self.__class__, user=user, request=self.request
        )
        if settings.SEND_ACTIVATION_EMAIL and was_active and not user.is_active:
            send_email("activation", self.request, user)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data)
        serializer.is_valid(raise_exception=True)
        if instance.pk == request.user.pk:
            # Tokens that cascade go with the row: no DELETE of their own.
            utils.logout_user(
                request, delete_tokens=not utils.tokens_cascade_with_user()
            )
        signals.user_tokens_revoked.send(
            sender=self.__class__,
            user=instance,
            request=request,
            account_deleted=True,
            reason="account_deleted",
        )
        self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(["get", "put", "patch", "delete"], detail=False)
    def me(self, request, *args, **kwargs):
        handlers = {
            "GET": self.retrieve,
            "HEAD": self.retrieve,
            "PUT": self.update,
            "PATCH": self.partial_update,
            "DELETE": self.destroy,
        }
        return handlers[request.method](request, *args, **kwargs)

    @action(["post"], detail=False)
    def activation(self, request, *args, **kwargs):
        with self._user_transaction():
            serializer = self._valid_serializer(request)
            user = serializer.user
            user.is_active = True
            user.save(update_fields=["is_active"])
        signals.user_activated.send(
            sender=self.__class__, user=user, request=self.request
        )
        if settings.SEND_CONFIRMATION_EMAIL:
            send_email("confirmation", request, user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(["post"], detail=False)
    def resend_activation(self, request, *args, **kwargs):
        serializer = self._valid_serializer(request)
        if not settings.SEND_ACTIVATION_EMAIL:
            return Response(status=status.HTTP_400_BAD_REQUEST)
        # The same work and answer whether or not the address is known.
        send_email("activation", request, serializer.get_user(is_active=False))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(["post"], detail=False)
    def set_password(self, request, *args, **kwargs):
        serializer = self._valid_serializer(request)
        user = request.user
        if settings.LOGOUT_ON_PASSWORD_CHANGE:
            # The new password and the logouts it brings, all or nothing.
            with self._user_transaction():
                self._set_password(user, serializer)
                signals.user_tokens_revoked.send(
                    sender=self.__class__,
                    user=user,
                    request=request,
                    reason="password_change",
                )
                utils.logout_user(request)
        else:
            self._set_password(user, serializer)
            if SESSION_KEY in getattr(request._request, "session", {}):
                # The password is part of the session hash: keep this session.
                update_session_auth_hash(request, user)
        self._confirm_password_change(user)
        # The new password ended the client's device proof: it gets a new one.
        return device_proofs.issue(
            request, Response(status=status.HTTP_204_NO_CONTENT), user
        )

    @action(["post"], detail=False)
    def reset_password(self, request, *args, **kwargs):
        return self._email_known_address(request, "password_reset")

    @action(["post"], detail=False)
    def reset_password_confirm(self, request, *args, **kwargs):
        # The link is checked, spent, and the old credentials revoked in one
        # transaction: if any of it fails, none of it happened.
        with self._user_transaction():
            serializer = self._valid_serializer(request)
            user = serializer.user
            self._set_password(user, serializer, used_link=True)
            signals.user_tokens_revoked.send(
                sender=self.__class__,
                user=user,
                request=request,
                reason="password_reset",
            )
            if settings.LOGOUT_ON_PASSWORD_CHANGE:
                # As on set_password: tokens got with the old password end too
                # (the signal above has blacklisted the refresh tokens).
                revocation.delete_tokens(user)
        self._confirm_password_change(user)
        # The reset ended every device proof of the account; the client that
        # chose the new password gets one, so strangers filling the account's
        # count do not keep the owner out of the first login after it.
        return device_proofs.issue(
            request, Response(status=status.HTTP_204_NO_CONTENT), user
        )

    @action(["post"], detail=False, url_path=f"set_{User.USERNAME_FIELD}")
    def set_username(self, request, *args, **kwargs):
        serializer = self._valid_serializer(request)
        self._change_login(request.user, serializer)
        self._confirm_login_change(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(["post"], detail=False, url_path=f"reset_{User.USERNAME_FIELD}")
    def reset_username(self, request, *args, **kwargs):
        return self._email_known_address(request, "username_reset")

    @action(["post"], detail=False, url_path=f"reset_{User.USERNAME_FIELD}_confirm")
    def reset_username_confirm(self, request, *args, **kwargs):
        with self._user_transaction():
            serializer = self._valid_serializer(request)
            self._change_login(serializer.user, serializer, used_link=True)
        self._confirm_login_change(serializer.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _email_known_address(self, request, email_name):
        serializer = self._valid_serializer(request)
        # The same work and answer whether or not the address is known.
        send_email(email_name, request, serializer.get_user())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _user_transaction(self):
        """A transaction on the user model's database.

        Inside it, the serializers of emailed links lock the user's row, so
        parallel uses of one link are checked one after another.
        """
        return utils.user_transaction(User)

    def _set_password(self, user, serializer, used_link=False):
        user.set_password(serializer.validated_data["new_password"])
        self._save_change(user, ["password"], used_link)

    def _confirm_password_change(self, user):
        # Mail goes once the change is committed, never for one rolled back.
        if settings.PASSWORD_CHANGED_EMAIL_CONFIRMATION:
            send_email("password_changed_confirmation", self.request, user)

    def _change_login(self, user, serializer, used_link=False):
        login_field = settings.LOGIN_FIELD
        refuse_direct_change(user, serializer.validated_data)
        setattr(user, login_field, serializer.validated_data[login_field])
        self._save_change(user, [login_field], used_link)

    def _confirm_login_change(self, user):
        if settings.USERNAME_CHANGED_EMAIL_CONFIRMATION:
            send_email("username_changed_confirmation", self.request, user)

    def _save_change(self, user, fields, used_link):
        if used_link:
            # Moving last_login changes the token's hash: the link works once.
            user.last_login = now()
            fields = [*fields, "last_login"]
        user.save(update_fields=fields)

    def _valid_serializer(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer
