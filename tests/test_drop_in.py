"""A project written against djoser 2.x keeps working with this package.

``tests/host_project`` imports djoser's public names, subclasses a serializer,
an email and the views, adds a permission, and mounts its own UserViewSet
subclass. These tests run against the host's URLs with the host's DJOSER
overrides, and show registration, activation and login work unchanged.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils.dateparse import parse_datetime

import djoser.serializers
import djoser.views
from djoser import utils
from djoser.conf import settings as djoser_settings
from djoser.constants import Messages
from djoser.permissions import CurrentUserOrAdmin
from tests.conftest import PASSWORD
from tests.host_project.email import HOST_SITE_NAME, HostActivationEmail
from tests.host_project.permissions import INVITE_CODE, InvitedOnly, NotSuspended
from tests.host_project.serializers import HostUserCreateSerializer, HostUserSerializer
from tests.host_project.views import HostUserViewSet
from tests.token_models import holder_of, tokens_of

pytestmark = [pytest.mark.urls("tests.host_project.urls"), pytest.mark.django_db]

HOST = "tests.host_project"
INVITED = {"HTTP_X_INVITE_CODE": INVITE_CODE}


@pytest.fixture(autouse=True)
def host_settings(djoser_settings):
    djoser_settings(
        SEND_ACTIVATION_EMAIL=True,
        SERIALIZERS={
            "user_create": f"{HOST}.serializers.HostUserCreateSerializer",
            "user": f"{HOST}.serializers.HostUserSerializer",
            "current_user": f"{HOST}.serializers.HostUserSerializer",
        },
        EMAIL={"activation": f"{HOST}.email.HostActivationEmail"},
        PERMISSIONS={"user_create": [f"{HOST}.permissions.InvitedOnly"]},
    )


def register(client, fields, data=None, **headers):
    body = {**(data or fields.values()), "password": PASSWORD}
    return client.post("/auth/users/", body, format="json", **headers)


def link_parts(message):
    """The uid and token of the activation link in a sent message."""
    match = re.search(r"#/activate/([^/\s]+)/([^/\s]+)", message.body)
    return {"uid": match.group(1), "token": match.group(2)}


class TestRegistration:
    def test_registration_answers_the_host_serializer_fields(self, api_client, fields):
        response = register(api_client, fields, **INVITED)

        assert response.status_code == 201
        assert set(response.data) == {
            fields.id,
            fields.username,
            *fields.required,
            "date_joined",
        }

    def test_registration_creates_an_inactive_user(self, api_client, fields):
        response = register(api_client, fields, **INVITED)

        created = fields.model._default_manager.get(pk=response.data[fields.id])
        assert created.is_active is False
        assert created.check_password(PASSWORD)

    def test_host_permission_refuses_registration_and_creates_nobody(
        self, api_client, fields, mailoutbox
    ):
        response = register(api_client, fields)

        # DRF answers a refused anonymous request 401, not the permission's 403.
        assert response.status_code == 401
        assert not fields.model._default_manager.exists()
        assert mailoutbox == []

    def test_registration_sends_the_host_activation_email(
        self, api_client, fields, mailoutbox
    ):
        data = fields.values()

        register(api_client, fields, data, **INVITED)

        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [data[fields.email]]
        assert HOST_SITE_NAME in mailoutbox[0].subject

    def test_host_activation_link_activates_the_account(
        self, api_client, fields, mailoutbox
    ):
        user_id = register(api_client, fields, **INVITED).data[fields.id]

        response = api_client.post(
            "/auth/users/activation/", link_parts(mailoutbox[0]), format="json"
        )

        assert response.status_code == 204
        assert fields.model._default_manager.get(pk=user_id).is_active is True

    def test_activated_account_logs_in(self, api_client, fields, mailoutbox):
        data = fields.values()
        register(api_client, fields, data, **INVITED)
        api_client.post(
            "/auth/users/activation/", link_parts(mailoutbox[0]), format="json"
        )

        response = api_client.post(
            "/auth/token/login/",
            {fields.username: data[fields.username], "password": PASSWORD},
            format="json",
        )

        assert response.status_code == 200
        assert set(response.data) == {"auth_token"}


class TestHostViews:
    def test_host_token_view_answers_the_token_with_its_header(
        self, api_client, fields, user
    ):
        body = {fields.username: getattr(user, fields.username), "password": PASSWORD}

        response = api_client.post("/auth/token/login", body, format="json")

        assert response.status_code == 200
        assert list(response.data) == ["auth_token"]
        assert holder_of(response.data["auth_token"]) == user
        assert response["X-Host-Login"] == "yes"

    def test_host_token_serializer_adds_its_field_to_the_login_answer(
        self, api_client, fields, user, djoser_settings
    ):
        serializer = f"{HOST}.serializers.HostTokenSerializer"
        djoser_settings(SERIALIZERS={"token": serializer})
        body = {fields.username: getattr(user, fields.username), "password": PASSWORD}

        response = api_client.post("/auth/token/login/", body, format="json")

        assert response.status_code == 200
        assert set(response.data) == {"auth_token", "created"}
        assert holder_of(response.data["auth_token"]) == user
        created = tokens_of(user).get().created
        assert parse_datetime(response.data["created"]) == created

    def test_me_answers_with_the_host_user_serializer(self, user_client, user):
        response = user_client.get("/auth/users/me/")

        assert response.status_code == 200
        assert response.data["display_name"] == f"Member {user.get_username()}"

    def test_detail_answers_with_the_host_user_serializer(self, user_client, user):
        response = user_client.get(f"/auth/users/{user.pk}/")

        assert response.status_code == 200
        assert response.data["display_name"] == f"Member {user.get_username()}"

    def test_host_action_on_the_viewset_subclass_works(self, user_client, user):
        response = user_client.get("/auth/users/uid/")

        assert response.status_code == 200
        assert response.data == {"uid": utils.encode_uid(user.pk)}

    def test_inherited_actions_keep_their_djoser_permissions(self, api_client):
        response = api_client.get("/auth/users/uid/")

        assert response.status_code == 401

    def test_host_permission_added_to_djosers_refuses_a_suspended_member(
        self, user_client
    ):
        response = user_client.get("/auth/users/me/", HTTP_X_SUSPENDED="1")

        assert response.status_code == 403
        assert response.data["detail"] == NotSuspended.message

    def test_djoser_logout_works_beside_the_host_login(self, user_client, user):
        response = user_client.post("/auth/token/logout/")

        assert response.status_code == 204
        assert not tokens_of(user).exists()


class TestPublicNames:
    def test_djoser_settings_resolve_the_host_classes(self):
        assert djoser_settings.SERIALIZERS.user_create is HostUserCreateSerializer
        assert djoser_settings.SERIALIZERS.current_user is HostUserSerializer
        assert djoser_settings.EMAIL.activation is HostActivationEmail
        assert djoser_settings.PERMISSIONS.user_create == [InvitedOnly]

    def test_host_viewset_extends_djosers_user_permissions(self):
        assert HostUserViewSet.permission_classes == [CurrentUserOrAdmin, NotSuspended]

    def test_views_module_names_the_user_model(self):
        assert djoser.views.User is get_user_model()

    def test_serializers_module_names_the_user_model(self):
        assert djoser.serializers.User is get_user_model()


class TestHostMessages:
    """A djoser 2.x messages class set through CONSTANTS."""

    @pytest.fixture(autouse=True)
    def host_messages(self, djoser_settings):
        djoser_settings(CONSTANTS={"messages": f"{HOST}.constants.HostMessages"})

    def test_a_failed_login_answers_the_hosts_text(self, api_client, fields, user):
        body = {fields.username: getattr(user, fields.username), "password": "no"}

        response = api_client.post("/auth/token/login/", body, format="json")

        assert response.status_code == 400
        assert response.json() == {
            "non_field_errors": ["Host: wrong name or password."]
        }

    def test_a_message_the_host_class_lacks_falls_back_to_ours(self):
        messages = djoser.serializers.UsernameSerializer().error_messages

        assert messages["username_unchanged"] == Messages.USERNAME_UNCHANGED_ERROR
