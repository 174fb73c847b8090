"""Token login and logout: ``token/login`` (name ``login``), ``token/logout``."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import (
    SESSION_KEY,
    get_user_model,
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.urls import reverse
from rest_framework.authtoken.models import TokenProxy

from djoser.serializers import TokenSerializer
from tests.conftest import PASSWORD
from tests.helpers import INVALID_CREDENTIALS, CountingHasher
from tests.token_models import holder_of, is_stored, token_model, tokens_of

User = get_user_model()


def credentials(fields, user, password=PASSWORD):
    return {fields.username: getattr(user, fields.username), "password": password}


def login(client, data):
    return client.post(reverse("login"), data, format="json")


class TestLogin:
    def test_login_answers_200_with_the_users_token(self, api_client, fields, user):
        response = login(api_client, credentials(fields, user))

        assert response.status_code == 200
        assert list(response.data) == ["auth_token"]
        assert holder_of(response.data["auth_token"]) == user

    @pytest.mark.drf_token
    def test_second_login_answers_the_same_token(self, api_client, fields, user):
        first = login(api_client, credentials(fields, user))
        second = login(api_client, credentials(fields, user))

        assert second.data["auth_token"] == first.data["auth_token"]
        assert tokens_of(user).count() == 1

    def test_login_sends_user_logged_in(self, api_client, fields, user, signal_calls):
        logged_in = signal_calls(user_logged_in)

        login(api_client, credentials(fields, user))

        assert [call["user"] for call in logged_in] == [user]

    def test_login_moves_last_login(self, api_client, fields, user):
        before = user.last_login

        login(api_client, credentials(fields, user))

        user.refresh_from_db()
        assert user.last_login is not None
        assert user.last_login != before

    def test_token_from_login_authenticates_requests(self, api_client, fields, user):
        token = login(api_client, credentials(fields, user)).data["auth_token"]
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

        response = api_client.get(reverse("user-me"))

        assert response.status_code == 200
        assert response.data[fields.id] == user.pk


def wrong_password(fields, user, inactive_user):
    return credentials(fields, user, password="not-the-password")


def unknown_user(fields, user, inactive_user):
    return {fields.username: "nobody@example.com", "password": PASSWORD}


def inactive_account(fields, user, inactive_user):
    return credentials(fields, inactive_user)


def empty_body(fields, user, inactive_user):
    return {}


def missing_password(fields, user, inactive_user):
    return {fields.username: getattr(user, fields.username)}


def missing_login(fields, user, inactive_user):
    return {"password": PASSWORD}


@pytest.mark.parametrize(
    "make_body",
    [
        wrong_password,
        unknown_user,
        inactive_account,
        empty_body,
        missing_password,
        missing_login,
    ],
)
class TestFailedLogin:
    def test_answers_400_with_invalid_credentials(
        self, api_client, fields, user, inactive_user, make_body
    ):
        response = login(api_client, make_body(fields, user, inactive_user))

        assert response.status_code == 400
        assert response.data == {"non_field_errors": [INVALID_CREDENTIALS]}
        assert not token_model().objects.exists()

    def test_sends_user_login_failed(
        self, api_client, fields, user, inactive_user, make_body, signal_calls
    ):
        login_failed = signal_calls(user_login_failed)
        logged_in = signal_calls(user_logged_in)

        login(api_client, make_body(fields, user, inactive_user))

        assert len(login_failed) == 1
        assert logged_in == []

    def test_leaves_last_login_alone(
        self, api_client, fields, user, inactive_user, make_body
    ):
        login(api_client, make_body(fields, user, inactive_user))

        assert not User._default_manager.filter(last_login__isnull=False).exists()


@pytest.mark.parametrize(
    "login_value, password",
    [
        (["a list"], PASSWORD),
        ({"an": "object"}, PASSWORD),
        (None, PASSWORD),
        (True, PASSWORD),
        ("x" * 10_000, "y" * 10_000),
        ("üñíçødé-用户", "пароль-密码"),
        ("nul\x00byte", PASSWORD),
        ("someone", ["a list"]),
    ],
    ids=[
        "list",
        "object",
        "null",
        "boolean",
        "very-long",
        "non-ascii",
        "nul-byte",
        "list-password",
    ],
)
def test_login_with_odd_values_answers_400(
    api_client, fields, user, login_value, password
):
    response = login(api_client, {fields.username: login_value, "password": password})

    assert response.status_code == 400
    assert not token_model().objects.exists()


class TestSessionLogin:
    def test_with_create_session_on_login_the_login_starts_a_session(
        self, api_client, djoser_settings, fields, user
    ):
        djoser_settings(CREATE_SESSION_ON_LOGIN=True)

        response = login(api_client, credentials(fields, user))

        assert response.status_code == 200
        assert django_settings.SESSION_COOKIE_NAME in response.cookies
        assert api_client.session[SESSION_KEY] == str(user.pk)

    def test_with_create_session_on_login_user_logged_in_fires_once(
        self, api_client, djoser_settings, fields, user, signal_calls
    ):
        djoser_settings(CREATE_SESSION_ON_LOGIN=True)
        logged_in = signal_calls(user_logged_in)

        login(api_client, credentials(fields, user))

        assert [call["user"] for call in logged_in] == [user]

    def test_session_from_login_authenticates_the_django_client(
        self, client, djoser_settings, fields, user
    ):
        djoser_settings(CREATE_SESSION_ON_LOGIN=True)

        client.post(reverse("login"), credentials(fields, user))

        assert client.session[SESSION_KEY] == str(user.pk)

    def test_without_create_session_on_login_no_session_is_created(
        self, api_client, fields, user
    ):
        response = login(api_client, credentials(fields, user))

        assert response.status_code == 200
        assert django_settings.SESSION_COOKIE_NAME not in response.cookies
        assert SESSION_KEY not in api_client.session


MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
LOGIN_FIELD_BACKEND = "djoser.auth_backends.LoginFieldBackend"


@pytest.mark.parametrize(
    "backends",
    [[LOGIN_FIELD_BACKEND], [MODEL_BACKEND, LOGIN_FIELD_BACKEND]],
    ids=["login-field-backend", "model-and-login-field-backends"],
)
class TestLoginFieldSetToEmail:
    @pytest.fixture(autouse=True)
    def login_with_email(self, settings, djoser_settings, fields, backends):
        settings.AUTHENTICATION_BACKENDS = backends
        djoser_settings(LOGIN_FIELD=fields.email)

    def test_login_with_the_email_answers_the_token(self, api_client, fields, user):
        body = {fields.email: getattr(user, fields.email), "password": PASSWORD}

        response = login(api_client, body)

        assert response.status_code == 200
        assert list(response.data) == ["auth_token"]
        assert holder_of(response.data["auth_token"]) == user

    def test_login_with_the_email_and_a_wrong_password_answers_400(
        self, api_client, fields, user
    ):
        body = {fields.email: getattr(user, fields.email), "password": "wrong"}

        response = login(api_client, body)

        assert response.status_code == 400
        assert response.data == {"non_field_errors": [INVALID_CREDENTIALS]}
        assert not token_model().objects.exists()

    def test_login_with_the_email_of_an_inactive_user_answers_400(
        self, api_client, fields, inactive_user
    ):
        body = {
            fields.email: getattr(inactive_user, fields.email),
            "password": PASSWORD,
        }

        response = login(api_client, body)

        assert response.status_code == 400
        assert response.data == {"non_field_errors": [INVALID_CREDENTIALS]}
        assert not token_model().objects.exists()

    def test_login_with_the_username_field_counts_only_if_it_is_the_email(
        self, api_client, fields, user
    ):
        response = login(api_client, credentials(fields, user))

        if fields.username == fields.email:
            # EmailUser: the username field is the login field.
            assert response.status_code == 200
        else:
            assert response.status_code == 400
            assert response.data == {"non_field_errors": [INVALID_CREDENTIALS]}
            assert not token_model().objects.exists()


class TestLoginOnlyThroughTheBackends:
    """As djoser 2.3: ``authenticate()`` with USERNAME_FIELD set to the login."""

    def test_with_model_backend_alone_only_a_username_email_logs_in(
        self, settings, djoser_settings, api_client, fields, user
    ):
        settings.AUTHENTICATION_BACKENDS = [MODEL_BACKEND]
        djoser_settings(LOGIN_FIELD=fields.email)
        body = {fields.email: getattr(user, fields.email), "password": PASSWORD}

        response = login(api_client, body)

        expected = 200 if fields.username == fields.email else 400
        assert response.status_code == expected

    @pytest.mark.parametrize("login_field", ["username", "email"])
    def test_a_backend_that_refuses_the_account_is_obeyed(
        self, settings, djoser_settings, api_client, fields, user, login_field
    ):
        settings.AUTHENTICATION_BACKENDS = ["tests.helpers.RefusingBackend"]
        field = getattr(fields, login_field)
        djoser_settings(LOGIN_FIELD=field)
        body = {field: getattr(user, field), "password": PASSWORD}

        response = login(api_client, body)

        assert response.status_code == 400
        assert response.data == {"non_field_errors": [INVALID_CREDENTIALS]}
        assert not token_model().objects.exists()


def _unknown(make_user, fields):
    return fields.values()


def _known(make_user, fields):
    return _values_of(make_user(), fields)


def _inactive(make_user, fields):
    return _values_of(make_user(is_active=False), fields)


def _without_usable_password(make_user, fields):
    return _values_of(make_user(password=None), fields)


def _values_of(user, fields):
    return {name: getattr(user, name) for name in (fields.username, fields.email)}


# How each kind of account's login values are made; all get a wrong password
# (or, for the inactive account, the right one).
ACCOUNTS = {
    "known": _known,
    "inactive": _inactive,
    "without-usable-password": _without_usable_password,
}


@pytest.mark.parametrize("account", ACCOUNTS.values(), ids=ACCOUNTS)
@pytest.mark.parametrize("login_by", ["username", "email"])
@pytest.mark.parametrize(
    "backends",
    [[MODEL_BACKEND], [LOGIN_FIELD_BACKEND], [MODEL_BACKEND, LOGIN_FIELD_BACKEND]],
    ids=["model-backend", "login-field-backend", "both-backends"],
)
@pytest.mark.parametrize("route", ["login", "jwt-create"])
def test_a_failed_login_hashes_as_often_for_a_known_account_as_for_an_unknown_one(
    settings,
    djoser_settings,
    api_client,
    make_user,
    fields,
    route,
    backends,
    login_by,
    account,
):
    settings.PASSWORD_HASHERS = ["tests.helpers.CountingHasher"]
    settings.AUTHENTICATION_BACKENDS = backends
    login_field = getattr(fields, login_by)
    djoser_settings(LOGIN_FIELD=login_field)
    # token/login reads LOGIN_FIELD; jwt/create, as simplejwt, USERNAME_FIELD.
    body_field = login_field if route == "login" else fields.username
    password = PASSWORD if account is _inactive else "wrong password"

    def hashes_for(values):
        CountingHasher.calls = 0
        body = {body_field: values[login_field], "password": password}
        response = api_client.post(reverse(route), body, format="json")
        assert response.status_code in (400, 401)
        return CountingHasher.calls

    unknown = hashes_for(_unknown(make_user, fields))
    known = hashes_for(account(make_user, fields))

    assert known == unknown > 0


class TestLogout:
    def test_logout_answers_204_with_an_empty_body(self, user_client):
        response = user_client.post(reverse("logout"))

        assert response.status_code == 204
        assert response.content == b""

    def test_logout_deletes_the_token(self, user_client, user):
        user_client.post(reverse("logout"))

        assert not tokens_of(user).exists()

    def test_logout_leaves_other_users_tokens(
        self, user_client, client_for, other_user
    ):
        other_token = client_for(other_user).token

        user_client.post(reverse("logout"))

        assert is_stored(other_token)

    def test_logout_sends_user_logged_out(self, user_client, user, signal_calls):
        logged_out = signal_calls(user_logged_out)

        user_client.post(reverse("logout"))

        assert [call["user"] for call in logged_out] == [user]

    def test_token_is_refused_after_logout(self, user_client):
        user_client.post(reverse("logout"))

        response = user_client.get(reverse("user-me"))

        assert response.status_code == 401
        assert response.data == {"detail": "Invalid token."}

    def test_anonymous_logout_answers_401_and_deletes_nothing(
        self, api_client, client_for, user
    ):
        token = client_for(user).token

        response = api_client.post(reverse("logout"))

        assert response.status_code == 401
        assert is_stored(token)

    def test_logout_with_token_model_none_answers_204_and_deletes_nothing(
        self, user_client, djoser_settings, signal_calls
    ):
        djoser_settings(TOKEN_MODEL=None)
        logged_out = signal_calls(user_logged_out)

        response = user_client.post(reverse("logout"))

        assert response.status_code == 204
        assert is_stored(user_client.token)
        assert logged_out == []

    def test_logout_after_a_session_login_ends_the_session(
        self, api_client, djoser_settings, fields, user, signal_calls
    ):
        djoser_settings(CREATE_SESSION_ON_LOGIN=True)
        token = login(api_client, credentials(fields, user)).data["auth_token"]
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        logged_out = signal_calls(user_logged_out)

        response = api_client.post(reverse("logout"))

        assert response.status_code == 204
        assert SESSION_KEY not in api_client.session
        assert not tokens_of(user).exists()
        assert [call["user"] for call in logged_out] == [user]


class TestTrailingSlash:
    @pytest.mark.parametrize("path", ["/auth/token/login", "/auth/token/login/"])
    def test_login_answers_with_or_without_the_trailing_slash(
        self, api_client, fields, user, path
    ):
        response = api_client.post(path, credentials(fields, user), format="json")

        assert response.status_code == 200
        assert list(response.data) == ["auth_token"]
        assert holder_of(response.data["auth_token"]) == user

    @pytest.mark.parametrize("path", ["/auth/token/logout", "/auth/token/logout/"])
    def test_logout_answers_with_or_without_the_trailing_slash(
        self, user_client, user, path
    ):
        response = user_client.post(path)

        assert response.status_code == 204
        assert not tokens_of(user).exists()

    def test_login_with_a_double_slash_is_not_found(self, api_client, fields, user):
        response = api_client.post(
            "/auth/token/login//", credentials(fields, user), format="json"
        )

        assert response.status_code == 404
        assert not token_model().objects.exists()


class TestTokenSerializer:
    """Its model is read from TOKEN_MODEL on use, never at import."""

    def test_model_is_the_token_model_setting(self):
        assert TokenSerializer.Meta.model is token_model()

    def test_model_follows_a_changed_token_model(self, djoser_settings):
        djoser_settings(TOKEN_MODEL="rest_framework.authtoken.models.TokenProxy")

        assert TokenSerializer.Meta.model is TokenProxy

    def test_model_is_none_without_a_token_model(self, djoser_settings):
        djoser_settings(TOKEN_MODEL=None)

        assert TokenSerializer.Meta.model is None
