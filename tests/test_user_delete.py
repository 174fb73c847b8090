"""Deleting an account through its own URL: DELETE users/{id}/."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.helpers import INVALID_PASSWORD
from tests.token_models import is_stored

STAFF_PASSWORD = "staff-only-secret-73"


def detail_url(user):
    return reverse("user-detail", args=[user.pk])


def exists(user):
    return type(user)._default_manager.filter(pk=user.pk).exists()


@pytest.fixture
def own_password_staff_client(client_for, make_user):
    """A staff member's client; the staff password is not the user's."""
    return client_for(make_user(password=STAFF_PASSWORD, is_staff=True))


class TestOwnAccount:
    def test_with_the_right_password_answers_204_and_deletes(self, user_client, user):
        response = user_client.delete(
            detail_url(user), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert response.content == b""
        assert not exists(user)

    def test_deletes_the_users_token(self, user_client, user):
        user_client.delete(
            detail_url(user), {"current_password": PASSWORD}, format="json"
        )

        assert not is_stored(user_client.token)

    def test_with_a_wrong_password_answers_400_and_keeps_the_user(
        self, user_client, user
    ):
        response = user_client.delete(
            detail_url(user), {"current_password": "not-it"}, format="json"
        )

        assert response.status_code == 400
        assert response.json() == {"current_password": [INVALID_PASSWORD]}
        assert exists(user)
        assert is_stored(user_client.token)

    def test_without_a_password_answers_400_and_keeps_the_user(self, user_client, user):
        response = user_client.delete(detail_url(user))

        assert response.status_code == 400
        assert response.json() == {"current_password": ["This field is required."]}
        assert exists(user)

    def test_malformed_json_answers_400_and_keeps_the_user(self, user_client, user):
        response = user_client.delete(
            detail_url(user), b'{"a":', content_type="application/json"
        )

        assert response.status_code == 400
        assert exists(user)


class TestOtherAccounts:
    def test_with_hide_users_another_account_answers_404_as_a_missing_one(
        self, user_client, other_user, djoser_settings
    ):
        djoser_settings(HIDE_USERS=True)
        missing = user_client.delete(
            reverse("user-detail", args=[987654]),
            {"current_password": PASSWORD},
            format="json",
        )

        response = user_client.delete(
            detail_url(other_user), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == missing.status_code == 404
        assert response.json() == missing.json()
        assert exists(other_user)

    def test_without_hide_users_a_regular_user_gets_403(
        self, user_client, other_user, djoser_settings
    ):
        djoser_settings(HIDE_USERS=False)

        response = user_client.delete(
            detail_url(other_user), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 403
        assert exists(other_user)

    def test_anonymous_gets_401(self, api_client, user):
        response = api_client.delete(
            detail_url(user), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 401
        assert exists(user)

    def test_staff_deletes_with_their_own_password(
        self, own_password_staff_client, user
    ):
        response = own_password_staff_client.delete(
            detail_url(user), {"current_password": STAFF_PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert not exists(user)

    def test_staff_cannot_delete_with_the_targets_password(
        self, own_password_staff_client, user
    ):
        response = own_password_staff_client.delete(
            detail_url(user), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 400
        assert response.json() == {"current_password": [INVALID_PASSWORD]}
        assert exists(user)

    def test_staff_keeps_their_token_after_deleting_someone_else(
        self, own_password_staff_client, user
    ):
        own_password_staff_client.delete(
            detail_url(user), {"current_password": STAFF_PASSWORD}, format="json"
        )

        staff_token = own_password_staff_client.token
        assert is_stored(staff_token)
        assert own_password_staff_client.get(reverse("user-me")).status_code == 200

    def test_unknown_user_answers_404_to_staff(self, staff_client):
        response = staff_client.delete(
            reverse("user-detail", args=[987654]),
            {"current_password": PASSWORD},
            format="json",
        )

        assert response.status_code == 404

    def test_user_delete_permission_setting_applies(
        self, user_client, user, djoser_settings
    ):
        djoser_settings(
            PERMISSIONS={"user_delete": ["rest_framework.permissions.IsAdminUser"]}
        )

        response = user_client.delete(
            detail_url(user), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 403
        assert exists(user)


@pytest.fixture
def superuser(make_user):
    return make_user(is_staff=True, is_superuser=True)


class TestSuperuserAccounts:
    @pytest.mark.parametrize("hide_users, status", [(True, 404), (False, 403)])
    def test_staff_who_are_not_superusers_may_not_delete_one(
        self, own_password_staff_client, superuser, djoser_settings, hide_users, status
    ):
        djoser_settings(HIDE_USERS=hide_users)

        response = own_password_staff_client.delete(
            detail_url(superuser), {"current_password": STAFF_PASSWORD}, format="json"
        )

        assert response.status_code == status
        assert exists(superuser)

    def test_a_superuser_may_delete_another(self, client_for, make_user, superuser):
        client = client_for(make_user(is_staff=True, is_superuser=True))

        response = client.delete(
            detail_url(superuser), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert not exists(superuser)
