"""Reauthenticating with a passkey, and the passkey changes that need it."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from djoser.webauthn.models import Challenge, Passkey
from tests.conftest import PASSWORD
from tests.webauthn.authenticator import SoftAuthenticator
from tests.webauthn.conftest import reauthenticate_with_passkey
from tests.webauthn.helpers import CHALLENGE_INVALID, errors, post

pytestmark = pytest.mark.django_db

SENSITIVE = reverse("mfa-totp")


def another_credential(user):
    """A client with a JWT of ``user``: not the token a fresh client used.

    (DRF's Token is one per user: every client of an account shares it.)
    """
    client = APIClient()
    access = RefreshToken.for_user(user).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def passkey_options(client):
    return post(client, "reauthenticate-passkey-request")


class TestPasskeyReauthentication:
    def test_a_passkey_only_account_reauthenticates_with_its_passkey(
        self, client_for, passkey_user, authenticator
    ):
        client = client_for(passkey_user)
        assert client.get(SENSITIVE).json() == {
            "reauthentication_required": True,
            "methods": ["passkey"],
        }

        options = passkey_options(client).data
        response = post(client, "reauthenticate", authenticator.get(options))

        assert response.status_code == 200
        assert response.data["method"] == "passkey"
        assert client.get(SENSITIVE).status_code == 200

    def test_the_options_allow_only_the_accounts_passkeys(
        self, client_for, passkey_user
    ):
        options = passkey_options(client_for(passkey_user)).data

        allowed = [item["id"] for item in options["allowCredentials"]]
        assert allowed == [passkey_user.passkeys.get().credential_id]

    def test_an_account_without_passkeys_gets_no_options(self, client_for, user):
        response = passkey_options(client_for(user))

        assert response.status_code == 400
        assert not Challenge.objects.exists()

    def test_the_options_need_a_signed_in_user(self, api_client):
        assert passkey_options(api_client).status_code == 401

    def test_another_accounts_passkey_does_not_reauthenticate(
        self, client_for, passkey_user, user, authenticator
    ):
        # The thief holds the user's token and a passkey of their own account.
        thief = client_for(user)
        own = client_for(passkey_user)
        options = passkey_options(own).data

        response = post(thief, "reauthenticate", authenticator.get(options))

        assert response.status_code == 400
        assert errors(response) == [CHALLENGE_INVALID]
        assert thief.get(SENSITIVE).status_code == 401

    def test_a_login_challenge_of_no_account_does_not_reauthenticate(
        self, client_for, passkey_user, authenticator, login_options
    ):
        client = client_for(passkey_user)

        response = post(client, "reauthenticate", authenticator.get(login_options()))

        assert response.status_code == 400
        assert client.get(SENSITIVE).status_code == 401

    def test_each_options_answer_reauthenticates_once(
        self, client_for, passkey_user, authenticator
    ):
        client = client_for(passkey_user)
        answer = authenticator.get(passkey_options(client).data)
        assert post(client, "reauthenticate", answer).status_code == 200

        assert post(client, "reauthenticate", answer).status_code == 400

    def test_the_passkeys_use_is_recorded(
        self, client_for, passkey_user, authenticator
    ):
        reauthenticate_with_passkey(client_for(passkey_user), authenticator)

        assert passkey_user.passkeys.get().last_used is not None

    def test_a_password_account_may_use_its_passkey_instead(
        self, fresh_client_for, client_for, user
    ):
        authenticator = SoftAuthenticator()
        client = fresh_client_for(user)
        options = post(client, "webauthn_passkey_add_request").data
        post(client, "webauthn_passkey_add", authenticator.create(options))
        other = another_credential(user)

        assert other.get(SENSITIVE).json()["methods"] == ["password", "passkey"]
        reauthenticate_with_passkey(other, authenticator)


class TestAStolenTokenCannotPlantAPasskey:
    """Issue 24, finding 2: a passkey added with a stolen token outlived the
    owner's password reset and email-change undo."""

    def test_add_request_is_401_without_reauthentication(self, client_for, user):
        response = post(client_for(user), "webauthn_passkey_add_request")

        assert response.status_code == 401
        assert response.data == {
            "reauthentication_required": True,
            "methods": ["password"],
        }
        assert not Challenge.objects.exists()

    def test_add_is_401_even_with_a_challenge_issued_to_the_owner(
        self, fresh_client_for, client_for, user
    ):
        options = post(fresh_client_for(user), "webauthn_passkey_add_request").data
        thief = another_credential(user)

        response = post(
            thief, "webauthn_passkey_add", SoftAuthenticator().create(options)
        )

        assert response.status_code == 401
        assert not Passkey.objects.exists()

    def test_the_password_in_the_body_is_the_same_proof(self, client_for, user):
        client = client_for(user)
        proof = {"current_password": PASSWORD}
        options = post(client, "webauthn_passkey_add_request", proof).data

        answer = {**SoftAuthenticator().create(options), **proof}
        response = post(client, "webauthn_passkey_add", answer)

        assert response.status_code == 201
        assert Passkey.objects.filter(user=user).count() == 1

    def test_deleting_a_passkey_needs_it_too(
        self, client_for, passkey_user, authenticator, fresh_client_for
    ):
        client = fresh_client_for(passkey_user)
        options = post(client, "webauthn_passkey_add_request").data
        post(client, "webauthn_passkey_add", SoftAuthenticator().create(options))
        first = passkey_user.passkeys.first()
        url = reverse("webauthn_passkey_detail", kwargs={"pk": first.pk})

        response = another_credential(passkey_user).delete(url)

        assert response.status_code == 401
        assert passkey_user.passkeys.count() == 2


class TestAPasskeyOnlyAccount:
    """Its passkey stands in for the current_password it does not have."""

    def test_deletes_itself_once_reauthenticated(self, fresh_client_for, passkey_user):
        response = fresh_client_for(passkey_user).delete(reverse("user-me"))

        assert response.status_code == 204
        assert not type(passkey_user).objects.filter(pk=passkey_user.pk).exists()

    def test_cannot_delete_itself_with_the_token_alone(self, client_for, passkey_user):
        response = client_for(passkey_user).delete(reverse("user-me"))

        assert response.status_code == 401
        assert type(passkey_user).objects.filter(pk=passkey_user.pk).exists()

    def test_changes_its_username_once_reauthenticated(
        self, fresh_client_for, passkey_user, fields
    ):
        new_name = fields.values()[fields.username]
        body = {f"new_{fields.username}": new_name}

        response = fresh_client_for(passkey_user).post(
            reverse("user-set-username"), body, format="json"
        )

        assert response.status_code == 204
        passkey_user.refresh_from_db()
        assert getattr(passkey_user, fields.username) == new_name
