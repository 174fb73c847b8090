"""JWT endpoints from ``djoser.urls.jwt``: create, refresh and verify."""

import pytest
from django.urls import resolve, reverse
from rest_framework_simplejwt.tokens import AccessToken

from tests.conftest import PASSWORD


def obtain(client, fields, user, password=PASSWORD):
    body = {fields.username: getattr(user, fields.username), "password": password}
    return client.post(reverse("jwt-create"), body, format="json")


@pytest.fixture
def tokens(api_client, fields, user):
    return obtain(api_client, fields, user).data


class TestCreate:
    def test_create_answers_an_access_and_a_refresh_token(
        self, api_client, fields, user
    ):
        response = obtain(api_client, fields, user)

        assert response.status_code == 200
        assert set(response.data) == {"access", "refresh"}

    # The test project accepts both header types (SIMPLE_JWT AUTH_HEADER_TYPES).
    @pytest.mark.parametrize("header_type", ["JWT", "Bearer"])
    def test_access_token_authenticates_users_me(
        self, api_client, fields, user, tokens, header_type
    ):
        api_client.credentials(HTTP_AUTHORIZATION=f"{header_type} {tokens['access']}")

        response = api_client.get(reverse("user-me"))

        assert response.status_code == 200
        assert response.data[fields.id] == user.pk

    def test_create_with_a_wrong_password_answers_401(self, api_client, fields, user):
        response = obtain(api_client, fields, user, password="not-the-password")

        assert response.status_code == 401
        assert "access" not in response.data

    def test_create_for_an_inactive_user_answers_401(
        self, api_client, fields, inactive_user
    ):
        response = obtain(api_client, fields, inactive_user)

        assert response.status_code == 401
        assert "access" not in response.data

    def test_create_takes_the_login_field_value_under_the_username_field(
        self, settings, djoser_settings, api_client, fields, user
    ):
        # As djoser 2.x: simplejwt's body, the value matched by LoginFieldBackend.
        settings.AUTHENTICATION_BACKENDS = ["djoser.auth_backends.LoginFieldBackend"]
        djoser_settings(LOGIN_FIELD=fields.email)
        body = {fields.username: getattr(user, fields.email), "password": PASSWORD}

        response = api_client.post(reverse("jwt-create"), body, format="json")

        assert response.status_code == 200
        assert set(response.data) == {"access", "refresh"}


class TestCreateByLoginField:
    """LOGIN_FIELD other than USERNAME_FIELD: jwt/create takes either name."""

    @pytest.fixture(autouse=True)
    def _login_by_email(self, settings, djoser_settings, fields):
        settings.AUTHENTICATION_BACKENDS = ["djoser.auth_backends.LoginFieldBackend"]
        djoser_settings(LOGIN_FIELD=fields.email)

    @pytest.mark.parametrize("format", ["json", "multipart"])
    def test_the_login_field_name_logs_in(self, api_client, fields, user, format):
        body = {fields.email: getattr(user, fields.email), "password": PASSWORD}

        response = api_client.post(reverse("jwt-create"), body, format=format)

        assert response.status_code == 200, response.content
        assert set(response.data) == {"access", "refresh"}

    def test_a_wrong_password_by_the_login_field_answers_401(
        self, api_client, fields, user
    ):
        body = {fields.email: getattr(user, fields.email), "password": "wrong-one"}

        response = api_client.post(reverse("jwt-create"), body, format="json")

        assert response.status_code == 401
        assert "access" not in response.data

    @pytest.mark.username_not_email
    def test_the_username_field_name_wins_when_both_are_sent(
        self, api_client, fields, user, other_user
    ):
        body = {
            fields.username: getattr(user, fields.email),
            fields.email: getattr(other_user, fields.email),
            "password": PASSWORD,
        }

        response = api_client.post(reverse("jwt-create"), body, format="json")

        assert response.status_code == 200
        assert AccessToken(response.data["access"])["user_id"] == str(user.pk)

    @pytest.mark.parametrize("value", [["a list"], "nul\x00", ""])
    def test_a_bad_login_value_is_refused_under_the_name_it_was_sent(
        self, api_client, fields, value
    ):
        body = {fields.email: value, "password": PASSWORD}

        response = api_client.post(reverse("jwt-create"), body, format="json")

        assert response.status_code == 400
        assert set(response.data) == {fields.email}

    def test_an_empty_body_still_names_the_missing_field(self, api_client, fields):
        response = api_client.post(reverse("jwt-create"), {}, format="json")

        assert response.status_code == 400
        assert fields.username in response.data


class TestRefresh:
    def test_refresh_answers_a_new_access_token(self, api_client, tokens):
        response = api_client.post(
            reverse("jwt-refresh"), {"refresh": tokens["refresh"]}, format="json"
        )

        assert response.status_code == 200
        assert response.data["access"]

    def test_refreshed_access_token_authenticates(
        self, api_client, fields, user, tokens
    ):
        access = api_client.post(
            reverse("jwt-refresh"), {"refresh": tokens["refresh"]}, format="json"
        ).data["access"]
        api_client.credentials(HTTP_AUTHORIZATION=f"JWT {access}")

        response = api_client.get(reverse("user-me"))

        assert response.status_code == 200
        assert response.data[fields.id] == user.pk

    def test_refresh_with_an_access_token_answers_401(self, api_client, tokens):
        response = api_client.post(
            reverse("jwt-refresh"), {"refresh": tokens["access"]}, format="json"
        )

        assert response.status_code == 401
        assert "access" not in response.data


class TestVerify:
    def test_verify_a_valid_token_answers_200(self, api_client, tokens):
        response = api_client.post(
            reverse("jwt-verify"), {"token": tokens["access"]}, format="json"
        )

        assert response.status_code == 200

    def test_verify_an_invalid_token_answers_401(self, api_client, tokens):
        response = api_client.post(
            reverse("jwt-verify"), {"token": tokens["access"] + "x"}, format="json"
        )

        assert response.status_code == 401
        assert response.data["code"] == "token_not_valid"


class TestPaths:
    @pytest.mark.parametrize("path", ["/auth/jwt/create", "/auth/jwt/create/"])
    def test_create_answers_with_or_without_the_trailing_slash(
        self, api_client, fields, user, path
    ):
        body = {fields.username: getattr(user, fields.username), "password": PASSWORD}

        response = api_client.post(path, body, format="json")

        assert response.status_code == 200
        assert set(response.data) == {"access", "refresh"}

    @pytest.mark.parametrize("name", ["jwt-create", "jwt-refresh", "jwt-verify"])
    @pytest.mark.parametrize("suffix", ["", "/", "/extra"])
    def test_patterns_are_anchored_at_the_start_only(self, name, suffix):
        path = reverse(name).rstrip("/") + suffix

        assert resolve(path).url_name == name
