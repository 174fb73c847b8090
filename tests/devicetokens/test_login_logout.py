"""token/login, token/logout and token/logout_all with DeviceToken as TOKEN_MODEL."""

import pytest
from django.contrib.auth import user_logged_out
from django.urls import reverse

from djoser.devicetokens import keys
from djoser.devicetokens.models import DEVICE_NAME_MAX_LENGTH, DeviceToken
from tests.conftest import PASSWORD
from tests.devicetokens.conftest import me, tokens_of
from tests.helpers import CountingHasher


class TestLogin:
    def test_two_devices_get_different_tokens_that_both_work(self, login, user):
        phone = login(user, user_agent="Phone")
        laptop = login(user, user_agent="Laptop")

        assert phone.key != laptop.key
        assert me(phone).status_code == 200
        assert me(laptop).status_code == 200
        assert tokens_of(user).count() == 2

    def test_login_answers_a_marked_key_and_stores_only_its_digest(self, login, user):
        client = login(user)

        token = tokens_of(user).get()
        assert client.key.startswith(keys.KEY_MARK)
        assert token.digest == keys.digest(client.key)
        assert token.prefix == client.key[: keys.PREFIX_LENGTH]

    def test_the_device_is_named_after_the_user_agent(self, login, user):
        login(user, user_agent="Mozilla/5.0 (X11; Linux) Firefox/130.0")

        assert tokens_of(user).get().device_name == (
            "Mozilla/5.0 (X11; Linux) Firefox/130.0"
        )

    def test_a_device_name_in_the_body_wins_over_the_user_agent(self, login, user):
        login(user, user_agent="okhttp/4.12", device_name="Ada's phone")

        assert tokens_of(user).get().device_name == "Ada's phone"

    def test_a_long_user_agent_is_shortened(self, login, user):
        login(user, user_agent="A" * 1000)

        assert tokens_of(user).get().device_name == "A" * DEVICE_NAME_MAX_LENGTH

    def test_no_user_agent_leaves_the_name_empty(self, login, user):
        login(user, user_agent="")

        assert tokens_of(user).get().device_name == ""

    @pytest.mark.parametrize(
        "device_name",
        ["", "   ", None, ["phone"], {"name": "phone"}, "x" * 201],
        ids=["empty", "blank", "null", "list", "object", "too-long"],
    )
    def test_a_bad_device_name_answers_400_and_issues_nothing(
        self, api_client, device_settings, fields, user, device_name
    ):
        body = {
            fields.username: getattr(user, fields.username),
            "password": PASSWORD,
            "device_name": device_name,
        }

        response = api_client.post(reverse("login"), body, format="json")

        assert response.status_code == 400
        assert set(response.data) == {"device_name"}
        assert not DeviceToken.objects.exists()

    @pytest.mark.parametrize("password", [PASSWORD, "wrong"], ids=["right", "wrong"])
    def test_a_bad_device_name_is_refused_before_the_password_is_checked(
        self, settings, api_client, device_settings, fields, user, password
    ):
        settings.PASSWORD_HASHERS = ["tests.helpers.CountingHasher"]
        CountingHasher.calls = 0
        body = {
            fields.username: getattr(user, fields.username),
            "password": password,
            "device_name": "x" * 201,
        }

        response = api_client.post(reverse("login"), body, format="json")

        # The same answer for a right and a wrong password: it tells nothing.
        assert response.status_code == 400
        assert set(response.data) == {"device_name"}
        assert CountingHasher.calls == 0
        assert not DeviceToken.objects.exists()

    def test_a_unicode_device_name_is_kept(self, login, user):
        login(user, device_name="Téléphone de Zoë 📱")

        assert tokens_of(user).get().device_name == "Téléphone de Zoë 📱"

    def test_a_failed_login_issues_nothing(
        self, api_client, device_settings, fields, user
    ):
        body = {fields.username: getattr(user, fields.username), "password": "no"}

        response = api_client.post(reverse("login"), body, format="json")

        assert response.status_code == 400
        assert not DeviceToken.objects.exists()


class TestLogout:
    def test_logout_on_one_device_leaves_the_other_working(self, login, user):
        phone = login(user)
        laptop = login(user)

        response = phone.post(reverse("logout"))

        assert response.status_code == 204
        assert me(phone).status_code == 401
        assert me(laptop).status_code == 200
        assert tokens_of(user).get().digest == keys.digest(laptop.key)

    def test_logout_sends_user_logged_out(self, login, user, signal_calls):
        phone = login(user)
        logged_out = signal_calls(user_logged_out)

        phone.post(reverse("logout"))

        assert [call["user"] for call in logged_out] == [user]

    def test_a_logged_out_key_is_an_invalid_token(self, login, user):
        phone = login(user)
        phone.post(reverse("logout"))

        response = me(phone)

        assert response.status_code == 401
        assert response.data == {"detail": "Invalid token."}


# logout_all needs a fresh reauthentication, or the password in its body.
PROOF = {"current_password": PASSWORD}


def logout_all(client, path=None):
    return client.post(path or reverse("logout_all"), PROOF, format="json")


class TestLogoutAll:
    def test_logout_all_ends_every_device_of_the_user_only(
        self, login, user, other_user
    ):
        phone = login(user)
        laptop = login(user)
        someone_else = login(other_user)

        response = logout_all(phone)

        assert response.status_code == 204
        assert response.content == b""
        assert me(phone).status_code == 401
        assert me(laptop).status_code == 401
        assert me(someone_else).status_code == 200
        assert not tokens_of(user).exists()

    @pytest.mark.parametrize(
        "path", ["/auth/token/logout_all", "/auth/token/logout_all/"]
    )
    def test_the_trailing_slash_is_optional(self, login, user, path):
        phone = login(user)

        assert logout_all(phone, path).status_code == 204

    def test_logout_all_sends_user_logged_out(self, login, user, signal_calls):
        phone = login(user)
        logged_out = signal_calls(user_logged_out)

        logout_all(phone)

        assert [call["user"] for call in logged_out] == [user]

    def test_a_stolen_token_alone_cannot_log_the_owner_out_everywhere(
        self, login, user
    ):
        phone = login(user)
        laptop = login(user)

        response = phone.post(reverse("logout_all"))

        assert response.status_code == 401
        assert response.data == {
            "reauthentication_required": True,
            "methods": ["password"],
        }
        assert me(laptop).status_code == 200
        assert tokens_of(user).count() == 2

    def test_anonymous_logout_all_answers_401_and_revokes_nothing(
        self, api_client, login, user
    ):
        login(user)

        response = api_client.post(reverse("logout_all"))

        assert response.status_code == 401
        assert tokens_of(user).count() == 1

    def test_logout_all_refuses_get(self, login, user):
        phone = login(user)

        assert phone.get(reverse("logout_all")).status_code == 405
        assert tokens_of(user).count() == 1
