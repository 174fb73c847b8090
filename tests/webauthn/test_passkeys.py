"""Managing passkeys when signed in: add, list, show and delete."""

import pytest
from django.urls import reverse

from djoser.webauthn.models import Challenge, Passkey, UserHandle
from tests.webauthn.authenticator import SoftAuthenticator
from tests.webauthn.helpers import (
    CHALLENGE_INVALID,
    ONLY_PASSKEY,
    PASSKEY_EXISTS,
    errors,
    post,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_options(fresh_client_for):
    """``add_options(user)``: the user's client and options for a new passkey."""

    def request(user):
        client = fresh_client_for(user)
        response = post(client, "webauthn_passkey_add_request")
        assert response.status_code == 200, response.data
        return client, response.data

    return request


class TestAddRequest:
    def test_needs_a_signed_in_user(self, api_client):
        assert post(api_client, "webauthn_passkey_add_request").status_code == 401

    def test_options_describes_the_endpoint(self, client_for, user):
        # It has no serializer to describe: that was a 500 (found by fuzzing).
        response = client_for(user).options(reverse("webauthn_passkey_add_request"))
        assert response.status_code == 200
        assert response.data["name"] == "Passkey Add Request"

    def test_a_password_account_gets_a_random_user_handle(
        self, add_options, fields, user
    ):
        _, options = add_options(user)

        handle = UserHandle.objects.get(user=user)
        assert options["user"]["id"] == handle.handle
        assert options["user"]["name"] == getattr(user, fields.username)
        assert options["excludeCredentials"] == []
        assert Challenge.objects.get().user == user

    def test_the_handle_stays_the_same_on_later_requests(self, add_options, user):
        _, first = add_options(user)
        _, second = add_options(user)

        assert first["user"]["id"] == second["user"]["id"]
        assert first["challenge"] != second["challenge"]

    def test_the_accounts_passkeys_are_excluded(self, add_options, passkey_user):
        _, options = add_options(passkey_user)

        passkey = passkey_user.passkeys.get()
        assert options["user"]["id"] == passkey_user.webauthn_handle.handle
        assert [item["id"] for item in options["excludeCredentials"]] == [
            passkey.credential_id
        ]


class TestAdd:
    def test_a_password_account_adds_a_passkey_and_logs_in_with_it(
        self, add_options, api_client, user, login
    ):
        client, options = add_options(user)
        authenticator = SoftAuthenticator()
        answer = authenticator.create(options)

        response = post(client, "webauthn_passkey_add", {**answer, "name": "Phone"})

        assert response.status_code == 201, response.data
        passkey = Passkey.objects.get(user=user)
        assert response.data == {
            "id": passkey.pk,
            "name": "Phone",
            "created": response.data["created"],
            "last_used": None,
        }
        assert passkey.credential_id == answer["id"]
        login_options = post(api_client, "webauthn_login_request", {}).data
        logged_in = post(api_client, "webauthn_login", authenticator.get(login_options))
        assert logged_in.status_code == 201

    def test_a_second_passkey_joins_the_first(
        self, add_options, authenticator, passkey_user
    ):
        client, options = add_options(passkey_user)
        second = SoftAuthenticator()

        response = post(client, "webauthn_passkey_add", second.create(options))

        assert response.status_code == 201
        assert passkey_user.passkeys.count() == 2
        assert response.data["name"] == "Passkey"

    def test_both_passkeys_log_in(
        self, add_options, api_client, authenticator, passkey_user, login
    ):
        client, options = add_options(passkey_user)
        second = SoftAuthenticator()
        post(client, "webauthn_passkey_add", second.create(options))

        for device in (authenticator, second):
            options = post(api_client, "webauthn_login_request", {}).data
            response = post(api_client, "webauthn_login", device.get(options))
            assert response.status_code == 201

    def test_needs_a_signed_in_user(self, api_client):
        assert post(api_client, "webauthn_passkey_add", {}).status_code == 401

    def test_a_challenge_issued_to_another_account_answers_400(
        self, add_options, fresh_client_for, user, other_user
    ):
        _, options = add_options(other_user)
        answer = SoftAuthenticator().create(options)

        response = post(fresh_client_for(user), "webauthn_passkey_add", answer)

        assert response.status_code == 400
        assert errors(response) == [CHALLENGE_INVALID]
        assert not Passkey.objects.exists()

    def test_a_signup_challenge_cannot_add_a_passkey(
        self, fresh_client_for, user, signup_options
    ):
        answer = SoftAuthenticator().create(signup_options())

        response = post(fresh_client_for(user), "webauthn_passkey_add", answer)

        assert response.status_code == 400
        assert errors(response) == [CHALLENGE_INVALID]
        assert not Passkey.objects.exists()

    def test_the_same_credential_twice_answers_400(
        self, add_options, authenticator, passkey_user
    ):
        client, options = add_options(passkey_user)
        existing = authenticator.credentials[0]
        answer = authenticator.create(options, credential=existing)

        response = post(client, "webauthn_passkey_add", answer)

        assert response.status_code == 400
        assert errors(response) == [PASSKEY_EXISTS]
        assert passkey_user.passkeys.count() == 1


class TestList:
    def test_lists_the_accounts_passkeys_with_name_and_dates(
        self, client_for, passkey_user, login
    ):
        login()
        passkey = passkey_user.passkeys.get()

        response = client_for(passkey_user).get(reverse("webauthn_passkey_list"))

        assert response.status_code == 200
        assert response.json() == [
            {
                "id": passkey.pk,
                "name": "Passkey",
                "created": response.json()[0]["created"],
                "last_used": response.json()[0]["last_used"],
            }
        ]
        assert response.json()[0]["created"].startswith(str(passkey.created.date()))
        assert response.json()[0]["last_used"] is not None

    def test_another_accounts_passkeys_are_not_listed(
        self, client_for, passkey_user, user
    ):
        response = client_for(user).get(reverse("webauthn_passkey_list"))

        assert response.status_code == 200
        assert response.json() == []

    def test_needs_a_signed_in_user(self, api_client):
        assert api_client.get(reverse("webauthn_passkey_list")).status_code == 401


def detail_url(passkey):
    return reverse("webauthn_passkey_detail", kwargs={"pk": passkey.pk})


class TestDetailAndDelete:
    def test_shows_one_passkey(self, client_for, passkey_user):
        passkey = passkey_user.passkeys.get()

        response = client_for(passkey_user).get(detail_url(passkey))

        assert response.status_code == 200
        assert response.data["name"] == "Passkey"

    def test_deletes_one_of_two_passkeys(self, client_for, add_options, passkey_user):
        client, options = add_options(passkey_user)
        post(client, "webauthn_passkey_add", SoftAuthenticator().create(options))
        first = passkey_user.passkeys.first()

        response = client.delete(detail_url(first))

        assert response.status_code == 204
        assert list(passkey_user.passkeys.all()) == [passkey_user.passkeys.get()]
        assert not Passkey.objects.filter(pk=first.pk).exists()

    def test_a_deleted_passkey_no_longer_logs_in(
        self, client_for, add_options, api_client, authenticator, passkey_user
    ):
        client, options = add_options(passkey_user)
        post(client, "webauthn_passkey_add", SoftAuthenticator().create(options))
        client.delete(detail_url(passkey_user.passkeys.first()))

        login_options = post(api_client, "webauthn_login_request", {}).data
        response = post(api_client, "webauthn_login", authenticator.get(login_options))

        assert response.status_code == 400

    def test_the_only_passkey_of_an_account_without_password_stays(
        self, fresh_client_for, passkey_user
    ):
        passkey = passkey_user.passkeys.get()

        response = fresh_client_for(passkey_user).delete(detail_url(passkey))

        assert response.status_code == 400
        assert errors(response) == [ONLY_PASSKEY]
        assert Passkey.objects.filter(pk=passkey.pk).exists()

    def test_the_only_passkey_goes_when_the_account_has_a_password(
        self, client_for, add_options, user
    ):
        client, options = add_options(user)
        post(client, "webauthn_passkey_add", SoftAuthenticator().create(options))

        response = client.delete(detail_url(user.passkeys.get()))

        assert response.status_code == 204
        assert not user.passkeys.exists()

    def test_another_accounts_passkey_answers_404(
        self, client_for, fresh_client_for, passkey_user, user
    ):
        passkey = passkey_user.passkeys.get()
        client = fresh_client_for(user)

        assert client.get(detail_url(passkey)).status_code == 404
        assert client.delete(detail_url(passkey)).status_code == 404
        assert Passkey.objects.filter(pk=passkey.pk).exists()

    def test_needs_a_signed_in_user(self, api_client, passkey_user):
        passkey = passkey_user.passkeys.get()

        assert api_client.delete(detail_url(passkey)).status_code == 401


class TestPasskeyOnlyAccount:
    """The ways out of an account made by a passkey signup, with no password."""

    NEW_PASSWORD = "a-first-password-for-it-9"

    def first_password(self, client):
        return client.post(
            reverse("user-set-password"),
            {"new_password": self.NEW_PASSWORD},
            format="json",
        )

    def test_it_needs_its_passkey_to_set_a_first_password(
        self, client_for, passkey_user
    ):
        response = self.first_password(client_for(passkey_user))

        assert response.status_code == 401
        assert response.data == {
            "reauthentication_required": True,
            "methods": ["passkey"],
        }
        assert (
            not type(passkey_user).objects.get(pk=passkey_user.pk).has_usable_password()
        )

    def test_it_sets_a_first_password_then_logs_in_with_it(
        self, fresh_client_for, passkey_user, fields, api_client
    ):
        assert self.first_password(fresh_client_for(passkey_user)).status_code == 204

        response = api_client.post(
            reverse("login"),
            {
                fields.username: getattr(passkey_user, fields.username),
                "password": self.NEW_PASSWORD,
            },
            format="json",
        )

        assert response.status_code == 200

    def test_with_its_first_password_it_deletes_itself(
        self, fresh_client_for, passkey_user
    ):
        client = fresh_client_for(passkey_user)
        self.first_password(client)

        response = client.delete(
            reverse("user-me"), {"current_password": self.NEW_PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert not type(passkey_user).objects.filter(pk=passkey_user.pk).exists()
