"""The signed-in user's own account: users/me/."""

import pytest
from django.contrib.auth.signals import user_logged_out
from django.db import connection
from django.urls import reverse
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate

from djoser import signals
from djoser.views import UserViewSet
from tests.conftest import PASSWORD
from tests.helpers import INVALID_PASSWORD, NAMED_SERIALIZER, new_values, stored
from tests.token_models import is_stored

URL = reverse("user-me")


@pytest.fixture
def logouts(signal_calls):
    return signal_calls(user_logged_out)


@pytest.fixture
def updates(signal_calls):
    return signal_calls(signals.user_updated)


class TestRead:
    def test_get_answers_200_with_the_user_fields(self, fields, user_client, user):
        response = user_client.get(URL)

        assert response.status_code == 200
        assert set(response.data) == {fields.id, fields.username, *fields.required}
        assert response.data[fields.id] == user.pk
        assert response.data[fields.username] == getattr(user, fields.username)

    def test_get_never_shows_the_password(self, user_client):
        response = user_client.get(URL)

        assert "password" not in response.data

    def test_current_user_serializer_setting_applies(
        self, user_client, djoser_settings
    ):
        djoser_settings(SERIALIZERS={"current_user": NAMED_SERIALIZER})

        response = user_client.get(URL)

        assert response.data["serializer"] == "NamedUserSerializer"

    def test_user_serializer_setting_does_not_apply(self, user_client, djoser_settings):
        djoser_settings(SERIALIZERS={"user": NAMED_SERIALIZER})

        response = user_client.get(URL)

        assert "serializer" not in response.data


class TestUpdate:
    @pytest.mark.parametrize("method", ["put", "patch"])
    def test_update_answers_200_and_saves(self, fields, user_client, user, method):
        values = new_values(fields)

        response = getattr(user_client, method)(URL, values, format="json")

        assert response.status_code == 200
        row = stored(user)
        assert {name: row[name] for name in values} == values
        assert {name: response.data[name] for name in values} == values

    def test_patch_of_the_login_field_is_ignored(self, fields, user_client, user):
        before = stored(user)

        response = user_client.patch(URL, {fields.username: "renamed"}, format="json")

        assert response.status_code == 200
        assert stored(user) == before

    def test_update_sends_user_updated(self, fields, user_client, user, updates):
        user_client.put(URL, new_values(fields), format="json")

        assert len(updates) == 1
        call = updates[0]
        assert call["sender"] is UserViewSet
        assert call["user"] == user
        assert call["request"].method == "PUT"

    def test_current_user_serializer_setting_applies_to_updates(
        self, fields, user_client, djoser_settings
    ):
        djoser_settings(SERIALIZERS={"current_user": NAMED_SERIALIZER})

        response = user_client.patch(URL, new_values(fields), format="json")

        assert response.data["serializer"] == "NamedUserSerializer"

    def test_malformed_json_answers_400_and_changes_nothing(
        self, user_client, user, updates
    ):
        before = stored(user)

        response = user_client.patch(URL, b'{"a":', content_type="application/json")

        assert response.status_code == 400
        assert stored(user) == before
        assert updates == []


class TestDelete:
    def test_with_the_right_password_answers_204_and_deletes(self, user_client, user):
        response = user_client.delete(
            URL, {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert stored(user) is None

    def test_deletes_the_token(self, user_client, user):
        user_client.delete(URL, {"current_password": PASSWORD}, format="json")

        assert not is_stored(user_client.token)

    def test_sends_user_logged_out(self, fields, user_client, user, logouts):
        user_client.delete(URL, {"current_password": PASSWORD}, format="json")

        assert len(logouts) == 1
        # The deleted user has lost its pk by now; its login name identifies it.
        logged_out = logouts[0]["user"]
        assert getattr(logged_out, fields.username) == getattr(user, fields.username)
        assert logouts[0]["request"] is not None

    def test_with_a_wrong_password_answers_400_and_keeps_the_user(
        self, user_client, user, logouts
    ):
        response = user_client.delete(
            URL, {"current_password": PASSWORD + "x"}, format="json"
        )

        assert response.status_code == 400
        assert response.json() == {"current_password": [INVALID_PASSWORD]}
        assert stored(user) is not None
        assert is_stored(user_client.token)
        assert logouts == []

    def test_without_a_password_answers_400_and_keeps_the_user(self, user_client, user):
        response = user_client.delete(URL)

        assert response.status_code == 400
        assert response.json() == {"current_password": ["This field is required."]}
        assert stored(user) is not None

    @pytest.mark.parametrize("value", [None, ["x"], {"a": PASSWORD}, "\x00"])
    def test_with_a_bad_password_value_answers_400(self, user_client, user, value):
        response = user_client.delete(URL, {"current_password": value}, format="json")

        assert response.status_code == 400
        assert list(response.json()) == ["current_password"]
        assert stored(user) is not None

    def test_password_is_checked_whatever_the_current_user_serializer(
        self, user_client, user, djoser_settings
    ):
        djoser_settings(SERIALIZERS={"current_user": NAMED_SERIALIZER})

        response = user_client.delete(URL)

        assert response.status_code == 400
        assert stored(user) is not None


class TestAccess:
    @pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
    def test_anonymous_gets_401(self, db, api_client, method):
        response = getattr(api_client, method)(URL)

        assert response.status_code == 401

    @pytest.mark.parametrize("method", ["get", "put", "patch"])
    def test_a_refused_request_is_403_even_with_hide_users(
        self, fields, user_client, user, djoser_settings, method
    ):
        djoser_settings(
            HIDE_USERS=True,
            PERMISSIONS={"user": ["rest_framework.permissions.IsAdminUser"]},
        )
        before = stored(user)

        response = getattr(user_client, method)(URL, new_values(fields), format="json")

        assert response.status_code == 403
        assert stored(user) == before

    def test_delete_follows_the_user_delete_permission(
        self, user_client, user, djoser_settings
    ):
        djoser_settings(
            PERMISSIONS={"user_delete": ["rest_framework.permissions.IsAdminUser"]}
        )

        response = user_client.delete(
            URL, {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 403
        assert stored(user) is not None

    def test_an_inactive_users_token_is_refused(self, client_for, inactive_user):
        response = client_for(inactive_user).get(URL)

        assert response.status_code == 401


class ProjectUserViewSet(UserViewSet):
    @action(["get"], detail=False)
    def newest(self, request, *args, **kwargs):
        return Response({"pk": self.get_object().pk})


def test_get_object_in_another_list_action_is_not_the_current_user(user):
    view = ProjectUserViewSet.as_view({"get": "newest"}, detail=False)
    request = APIRequestFactory().get("/")
    force_authenticate(request, user=user)

    # Only me (and OPTIONS on it) stands for request.user; here DRF's own
    # get_object finds no id in the URL.
    with pytest.raises(AssertionError, match="URL keyword argument"):
        view(request)


def test_patch_me_keeps_a_password_changed_meanwhile(user_client, user, fields):
    model = type(user)
    other = model(password="")
    other.set_password("changed-meanwhile-9")
    changed = []

    def concurrent_password_change(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not changed:
            # Another request sets a new password right after this one has
            # loaded the user (its first query).
            changed.append(sql)
            model._default_manager.filter(pk=user.pk).update(password=other.password)
        return result

    with connection.execute_wrapper(concurrent_password_change):
        response = user_client.patch(reverse("user-me"), new_values(fields))

    assert response.status_code == 200
    assert changed
    user.refresh_from_db()
    assert user.check_password("changed-meanwhile-9")
