"""POST users/set_password/: a signed-in user changes their password.

What it shares with the other change actions (answers, validation, retype,
emails) is tested for all of them in test_change_actions.py; this module has
what only set_password does: keeping or ending the user's tokens and sessions.
"""

import pytest
from django.urls import reverse
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.test import APIClient

from djoser import utils
from djoser.views import UserViewSet
from tests.conftest import NEW_PASSWORD, PASSWORD
from tests.token_models import tokens_of


@pytest.fixture
def url():
    return reverse("user-set-password")


def change(current_password=PASSWORD):
    return {"current_password": current_password, "new_password": NEW_PASSWORD}


def test_set_password_keeps_the_token_by_default(user_client, url):
    user_client.post(url, change(), format="json")

    assert user_client.get(reverse("user-me")).status_code == 200


def test_set_password_with_logout_on_password_change_deletes_the_token(
    user_client, url, user, djoser_settings
):
    djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)

    response = user_client.post(url, change(), format="json")

    assert response.status_code == 204
    assert not tokens_of(user).exists()
    assert user_client.get(reverse("user-me")).status_code == 401


def test_set_password_with_logout_keeps_the_token_when_it_fails(
    user_client, url, user, djoser_settings
):
    djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)

    user_client.post(url, change(current_password="wrong"), format="json")

    assert user_client.get(reverse("user-me")).status_code == 200


@pytest.fixture
def session_client(monkeypatch, user):
    """A client signed in through a Django session, with no token."""
    # DRF copies DEFAULT_AUTHENTICATION_CLASSES onto views at import time.
    monkeypatch.setattr(
        UserViewSet,
        "authentication_classes",
        [TokenAuthentication, SessionAuthentication],
    )
    client = APIClient()
    client.force_login(user)
    return client


def test_set_password_keeps_the_session_signed_in(session_client, url, fields, user):
    response = session_client.post(url, change(), format="json")

    assert response.status_code == 204
    me = session_client.get(reverse("user-me"))
    assert me.status_code == 200
    assert me.json()[fields.id] == user.pk


def test_set_password_keeps_other_sessions_out(session_client, url, user):
    other_browser = APIClient()
    other_browser.force_login(user)

    session_client.post(url, change(), format="json")

    assert other_browser.get(reverse("user-me")).status_code == 401


class TestFirstPassword:
    """An account without a usable password (passkey- or social-only)."""

    @pytest.fixture
    def passwordless_client(self, rf, make_user):
        """Just signed in: with nothing else to prove with, its login is its
        proof (djoser.reauthentication)."""
        user = make_user(password=None)
        token = utils.login_user(rf.post("/"), user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        client.user = user
        return client

    def test_a_token_it_did_not_just_sign_in_with_is_asked_to_sign_in_again(
        self, client_for, make_user, url
    ):
        user = make_user(password=None)

        response = client_for(user).post(
            url, {"new_password": NEW_PASSWORD}, format="json"
        )

        assert response.status_code == 401
        assert response.data["methods"] == ["login"]
        user.refresh_from_db()
        assert not user.has_usable_password()

    def test_sets_its_first_password_without_a_current_one(
        self, passwordless_client, url
    ):
        response = passwordless_client.post(
            url, {"new_password": NEW_PASSWORD}, format="json"
        )

        assert response.status_code == 204
        passwordless_client.user.refresh_from_db()
        assert passwordless_client.user.check_password(NEW_PASSWORD)

    def test_a_current_password_sent_anyway_is_ignored(self, passwordless_client, url):
        response = passwordless_client.post(url, change("anything"), format="json")

        assert response.status_code == 204

    def test_an_account_with_a_password_still_needs_it(self, user_client, url):
        response = user_client.post(url, {"new_password": NEW_PASSWORD}, format="json")

        assert response.status_code == 400
        assert list(response.data) == ["current_password"]
