"""``LoginFieldBackend``: authenticate by the LOGIN_FIELD setting."""

import pytest
from django.contrib.auth import authenticate

from djoser.auth_backends import LoginFieldBackend
from tests.conftest import PASSWORD


@pytest.fixture
def login_by_email(djoser_settings, fields):
    djoser_settings(LOGIN_FIELD=fields.email)


def email_of(fields, user):
    return getattr(user, fields.email)


@pytest.mark.usefixtures("login_by_email")
class TestLoginByEmail:
    def test_right_email_and_password_give_the_user(self, fields, user):
        backend = LoginFieldBackend()

        assert backend.authenticate(None, email_of(fields, user), PASSWORD) == user

    def test_login_may_come_under_the_username_field_name(self, fields, user):
        credentials = {fields.username: email_of(fields, user), "password": PASSWORD}

        assert LoginFieldBackend().authenticate(None, **credentials) == user

    def test_wrong_password_gives_none(self, fields, user):
        backend = LoginFieldBackend()

        assert backend.authenticate(None, email_of(fields, user), "wrong") is None

    def test_inactive_user_gives_none(self, fields, inactive_user):
        email = email_of(fields, inactive_user)

        assert LoginFieldBackend().authenticate(None, email, PASSWORD) is None

    def test_unknown_login_gives_none(self, user):
        backend = LoginFieldBackend()

        assert backend.authenticate(None, "nobody@example.com", PASSWORD) is None

    @pytest.mark.parametrize(
        "missing", ["login", "password", "both"], ids=lambda value: f"no-{value}"
    )
    def test_missing_values_give_none(self, fields, user, missing):
        login = None if missing in ("login", "both") else email_of(fields, user)
        password = None if missing in ("password", "both") else PASSWORD

        assert LoginFieldBackend().authenticate(None, login, password) is None

    def test_django_authenticate_uses_the_backend(self, settings, fields, user):
        settings.AUTHENTICATION_BACKENDS = ["djoser.auth_backends.LoginFieldBackend"]

        found = authenticate(
            None, **{fields.username: email_of(fields, user), "password": PASSWORD}
        )

        assert found == user


def test_with_the_default_login_field_the_username_logs_in(fields, user):
    username = getattr(user, fields.username)

    assert LoginFieldBackend().authenticate(None, username, PASSWORD) == user
