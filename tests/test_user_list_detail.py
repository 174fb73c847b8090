"""Listing users (GET users/) and one user's page (users/{id}/)."""

import pytest
from django.urls import reverse
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient
from rest_framework_simplejwt.authentication import JWTStatelessUserAuthentication
from rest_framework_simplejwt.tokens import AccessToken

from djoser import signals
from djoser.email import ActivationEmail
from djoser.views import UserViewSet
from tests.helpers import NAMED_SERIALIZER, new_values, stored

LIST_URL = reverse("user-list")


@pytest.fixture
def superuser(make_user):
    return make_user(is_staff=True, is_superuser=True)


def detail_url(user):
    return reverse("user-detail", args=[user.pk])


class ActiveUserViewSet(UserViewSet):
    """A project's subclass that narrows the users it serves."""

    queryset = UserViewSet.queryset.filter(is_active=True)


# Mounted by the tests marked ``pytest.mark.urls(__name__)``.
active_users = DefaultRouter()
active_users.register("active-users", ActiveUserViewSet, basename="active-user")
urlpatterns = active_users.urls


@pytest.fixture
def updates(signal_calls):
    """The keyword arguments of every ``user_updated`` sent during a test."""
    return signal_calls(signals.user_updated)


class TestList:
    def test_anonymous_gets_401(self, db, api_client):
        assert api_client.get(LIST_URL).status_code == 401

    def test_with_hide_users_a_user_sees_only_itself(
        self, fields, user_client, user, other_user
    ):
        response = user_client.get(LIST_URL)

        assert response.status_code == 200
        assert [item[fields.id] for item in response.data] == [user.pk]

    def test_with_hide_users_staff_sees_everyone(
        self, fields, staff_client, staff_user, user, other_user
    ):
        response = staff_client.get(LIST_URL)

        assert response.status_code == 200
        assert sorted(item[fields.id] for item in response.data) == sorted(
            [staff_user.pk, user.pk, other_user.pk]
        )

    def test_without_hide_users_a_user_sees_everyone(
        self, fields, user_client, user, other_user, djoser_settings
    ):
        djoser_settings(HIDE_USERS=False)

        response = user_client.get(LIST_URL)

        assert response.status_code == 200
        assert sorted(item[fields.id] for item in response.data) == sorted(
            [user.pk, other_user.pk]
        )

    def test_items_use_the_user_serializer_fields(self, fields, user_client, user):
        response = user_client.get(LIST_URL)

        assert set(response.data[0]) == {fields.id, fields.username, *fields.required}

    def test_user_list_permission_setting_applies(
        self, fields, api_client, user, other_user, djoser_settings
    ):
        djoser_settings(
            HIDE_USERS=False,
            PERMISSIONS={"user_list": ["rest_framework.permissions.AllowAny"]},
        )

        response = api_client.get(LIST_URL)

        assert response.status_code == 200
        assert sorted(item[fields.id] for item in response.data) == sorted(
            [user.pk, other_user.pk]
        )

    def test_a_user_refused_by_the_list_permission_gets_403_without_hide_users(
        self, user_client, djoser_settings
    ):
        djoser_settings(
            HIDE_USERS=False,
            PERMISSIONS={"user_list": ["rest_framework.permissions.IsAdminUser"]},
        )

        assert user_client.get(LIST_URL).status_code == 403

    def test_a_user_refused_by_the_list_permission_gets_404_with_hide_users(
        self, user_client, djoser_settings
    ):
        djoser_settings(
            PERMISSIONS={"user_list": ["rest_framework.permissions.IsAdminUser"]}
        )

        assert user_client.get(LIST_URL).status_code == 404


class TestOwnDetail:
    def test_get_answers_200_with_the_user(self, fields, user_client, user):
        response = user_client.get(detail_url(user))

        assert response.status_code == 200
        assert response.data[fields.id] == user.pk
        assert response.data[fields.username] == getattr(user, fields.username)

    @pytest.mark.parametrize("method", ["put", "patch"])
    def test_update_answers_200_and_saves(self, fields, user_client, user, method):
        values = new_values(fields)

        response = getattr(user_client, method)(detail_url(user), values, format="json")

        assert response.status_code == 200
        row = stored(user)
        assert {name: row[name] for name in values} == values

    def test_login_field_cannot_be_changed(self, fields, user_client, user):
        before = stored(user)

        response = user_client.patch(
            detail_url(user), {fields.username: "renamed"}, format="json"
        )

        assert response.status_code == 200
        assert response.data[fields.username] == before[fields.username]
        assert stored(user) == before

    def test_update_sends_user_updated(self, fields, user_client, user, updates):
        user_client.patch(detail_url(user), new_values(fields), format="json")

        assert len(updates) == 1
        call = updates[0]
        assert call["sender"] is UserViewSet
        assert call["user"] == user
        assert call["request"].method == "PATCH"
        assert call["request"].path == detail_url(user)

    def test_rejected_update_sends_no_signal(self, user_client, user, updates):
        response = user_client.patch(
            detail_url(user), b'{"a":', content_type="application/json"
        )

        assert response.status_code == 400
        assert updates == []

    def test_current_user_serializer_is_not_used(
        self, user_client, user, djoser_settings
    ):
        djoser_settings(SERIALIZERS={"current_user": NAMED_SERIALIZER})

        response = user_client.get(detail_url(user))

        assert "serializer" not in response.data

    def test_user_serializer_setting_applies(self, user_client, user, djoser_settings):
        djoser_settings(SERIALIZERS={"user": NAMED_SERIALIZER})

        response = user_client.get(detail_url(user))

        assert response.data["serializer"] == "NamedUserSerializer"


class TestOwnDetailWithoutADrfToken:
    """A session or a stateless JWT, where request.user is no model instance."""

    @pytest.fixture(params=["session", "stateless-jwt"])
    def own_client(self, request, monkeypatch, user):
        client = APIClient()
        if request.param == "session":
            # A real session, read back by SessionAuthentication as a lazy user.
            client.force_login(user)
        else:
            monkeypatch.setattr(
                UserViewSet, "authentication_classes", [JWTStatelessUserAuthentication]
            )
            token = AccessToken.for_user(user)
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    def test_get_answers_200_with_the_user(self, fields, own_client, user):
        response = own_client.get(detail_url(user))

        assert response.status_code == 200
        assert response.data[fields.id] == user.pk

    def test_patch_answers_200_and_saves(self, fields, own_client, user):
        values = new_values(fields)

        response = own_client.patch(detail_url(user), values, format="json")

        assert response.status_code == 200
        row = stored(user)
        assert {name: row[name] for name in values} == values


class TestEmailChangeWithActivation:
    """With SEND_ACTIVATION_EMAIL, a new address must be proven again."""

    @pytest.fixture(autouse=True)
    def activation_on(self, djoser_settings):
        djoser_settings(SEND_ACTIVATION_EMAIL=True)

    def test_new_address_deactivates_and_mails_the_new_address(
        self, fields, user_client, user, mailoutbox
    ):
        new_address = "moved@example.com"

        response = user_client.patch(
            detail_url(user), {fields.email: new_address}, format="json"
        )

        assert response.status_code == 200
        user.refresh_from_db()
        if fields.email == fields.username:
            # The address is LOGIN_FIELD, read-only here: nothing changes.
            assert user.is_active
            assert mailoutbox == []
        else:
            assert not user.is_active
            [message] = mailoutbox
            assert isinstance(message, ActivationEmail)
            assert message.to == [new_address]

    def test_same_address_keeps_the_user_active_and_sends_nothing(
        self, fields, user_client, user, mailoutbox
    ):
        values = {**new_values(fields), fields.email: getattr(user, fields.email)}

        response = user_client.patch(detail_url(user), values, format="json")

        assert response.status_code == 200
        user.refresh_from_db()
        assert user.is_active
        assert mailoutbox == []


class TestOtherUsersDetail:
    @pytest.mark.parametrize("method", ["get", "put", "patch"])
    def test_is_404_with_hide_users(self, fields, user_client, other_user, method):
        before = stored(other_user)

        response = getattr(user_client, method)(
            detail_url(other_user), new_values(fields), format="json"
        )

        assert response.status_code == 404
        assert stored(other_user) == before

    @pytest.mark.parametrize("method", ["get", "put", "patch"])
    def test_is_403_without_hide_users(
        self, fields, user_client, other_user, djoser_settings, method
    ):
        djoser_settings(HIDE_USERS=False)
        before = stored(other_user)

        response = getattr(user_client, method)(
            detail_url(other_user), new_values(fields), format="json"
        )

        assert response.status_code == 403
        assert stored(other_user) == before

    def test_anonymous_gets_401(self, api_client, user):
        assert api_client.get(detail_url(user)).status_code == 401

    def test_staff_can_read(self, fields, staff_client, user):
        response = staff_client.get(detail_url(user))

        assert response.status_code == 200
        assert response.data[fields.id] == user.pk

    def test_staff_can_update(self, fields, staff_client, user):
        values = new_values(fields)

        response = staff_client.patch(detail_url(user), values, format="json")

        assert response.status_code == 200
        row = stored(user)
        assert {name: row[name] for name in values} == values

    @pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
    def test_with_hide_users_it_answers_as_a_missing_id_does(
        self, fields, user_client, other_user, method
    ):
        send = getattr(user_client, method)
        body = {**new_values(fields), "current_password": "x"}
        missing = send(reverse("user-detail", args=[987654]), body, format="json")

        response = send(detail_url(other_user), body, format="json")

        assert (response.status_code, response.json()) == (
            missing.status_code,
            missing.json(),
        )

    @pytest.mark.parametrize("hide_users, status", [(True, 404), (False, 403)])
    @pytest.mark.parametrize("method", ["put", "patch"])
    def test_staff_who_are_not_superusers_may_not_change_a_superuser(
        self,
        fields,
        staff_client,
        superuser,
        djoser_settings,
        hide_users,
        status,
        method,
    ):
        djoser_settings(HIDE_USERS=hide_users)
        before = stored(superuser)

        response = getattr(staff_client, method)(
            detail_url(superuser), new_values(fields), format="json"
        )

        assert response.status_code == status
        assert stored(superuser) == before

    def test_staff_may_read_a_superuser(self, fields, staff_client, superuser):
        response = staff_client.get(detail_url(superuser))

        assert response.status_code == 200
        assert response.data[fields.id] == superuser.pk

    def test_a_superuser_may_change_another(
        self, fields, client_for, make_user, superuser
    ):
        client = client_for(make_user(is_staff=True, is_superuser=True))
        values = new_values(fields)

        response = client.patch(detail_url(superuser), values, format="json")

        assert response.status_code == 200
        row = stored(superuser)
        assert {name: row[name] for name in values} == values

    def test_read_only_permission_lets_others_read(
        self, fields, user_client, other_user, djoser_settings
    ):
        djoser_settings(
            PERMISSIONS={"user": ["djoser.permissions.CurrentUserOrAdminOrReadOnly"]}
        )

        response = user_client.get(detail_url(other_user))

        assert response.status_code == 200
        assert response.data[fields.id] == other_user.pk

    @pytest.mark.parametrize("method", ["put", "patch"])
    def test_read_only_permission_refuses_writes(
        self, fields, user_client, other_user, djoser_settings, method
    ):
        djoser_settings(
            HIDE_USERS=False,
            PERMISSIONS={"user": ["djoser.permissions.CurrentUserOrAdminOrReadOnly"]},
        )
        before = stored(other_user)

        response = getattr(user_client, method)(
            detail_url(other_user), new_values(fields), format="json"
        )

        assert response.status_code == 403
        assert stored(other_user) == before


class TestUnknownIds:
    @pytest.mark.parametrize(
        "pk", ["987654", "abc", "1e3", "-1", "99999999999999999999"]
    )
    def test_answers_404_to_a_user(self, user_client, pk):
        url = reverse("user-detail", args=[pk])

        assert user_client.get(url).status_code == 404

    @pytest.mark.parametrize("pk", ["987654", "abc", "99999999999999999999"])
    def test_answers_404_to_staff(self, staff_client, pk):
        url = reverse("user-detail", args=[pk])

        assert staff_client.get(url).status_code == 404


class TestBadUpdates:
    def test_malformed_json_answers_400_and_changes_nothing(self, user_client, user):
        before = stored(user)

        response = user_client.patch(
            detail_url(user), b'{"a":', content_type="application/json"
        )

        assert response.status_code == 400
        assert stored(user) == before

    @pytest.mark.parametrize(
        "value",
        [
            ["x@example.com"],
            {"a": 1},
            True,
            None,
            "a" * 10_000 + "@example.com",
            "x\x00@example.com",
            "\N{GRINNING FACE}@example.com",
        ],
    )
    def test_a_bad_address_changes_nothing(self, fields, user_client, user, value):
        before = stored(user)

        response = user_client.patch(
            detail_url(user), {fields.email: value}, format="json"
        )

        assert stored(user) == before
        if fields.email == fields.username:
            # LOGIN_FIELD is read-only: the value is ignored, whatever it is.
            assert response.status_code == 200
        else:
            assert response.status_code == 400
            assert list(response.json()) == [fields.email]


@pytest.mark.urls(__name__)
class TestSubclassQueryset:
    def test_list_leaves_out_users_outside_the_queryset(
        self, fields, staff_client, staff_user, user, inactive_user
    ):
        response = staff_client.get(reverse("active-user-list"))

        assert response.status_code == 200
        assert sorted(item[fields.id] for item in response.data) == sorted(
            [staff_user.pk, user.pk]
        )

    def test_detail_of_a_user_outside_the_queryset_is_404(
        self, staff_client, user, inactive_user
    ):
        def url(user):
            return reverse("active-user-detail", args=[user.pk])

        assert staff_client.get(url(inactive_user)).status_code == 404
        assert staff_client.get(url(user)).status_code == 200
