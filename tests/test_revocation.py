"""Revoking JSON Web Tokens: ``jwt/blacklist/``, rotation, and the account
changes that blacklist every refresh token of the user (``djoser.revocation``).

The test settings install simplejwt's blacklist app; tests that need it gone
remove it with ``settings.INSTALLED_APPS``.
"""

import datetime

import jwt.api_jwt
import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import (
    BlacklistedToken,
    OutstandingToken,
)

from djoser import revocation, signals
from djoser.utils import encode_uid
from tests.conftest import NEW_PASSWORD, PASSWORD


def reset_body(user):
    return {
        "uid": encode_uid(user.pk),
        "token": default_token_generator.make_token(user),
        "new_password": NEW_PASSWORD,
    }


def log_in(fields, user):
    """A fresh access and refresh token pair from jwt/create/."""
    body = {fields.username: getattr(user, fields.username), "password": PASSWORD}
    response = APIClient().post(reverse("jwt-create"), body, format="json")
    assert response.status_code == 200
    return response.data


def refresh(refresh_token):
    return APIClient().post(
        reverse("jwt-refresh"), {"refresh": refresh_token}, format="json"
    )


def me(access_token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"JWT {access_token}")
    return client.get(reverse("user-me"))


def assert_refused(response, code="token_not_valid"):
    assert response.status_code == 401
    assert response.data["code"] == code
    assert "access" not in response.data


@pytest.fixture
def without_blacklist_app(settings):
    settings.INSTALLED_APPS = [
        app for app in settings.INSTALLED_APPS if app != revocation.BLACKLIST_APP
    ]


@pytest.fixture
def jwt_clock(monkeypatch):
    """``jwt_clock(seconds)``: simplejwt and PyJWT see a later time from now on."""

    def travel(seconds):
        offset = datetime.timedelta(seconds=seconds)

        class Later(datetime.datetime):
            @classmethod
            def now(cls, tz=None):
                return datetime.datetime.now(tz) + offset

        monkeypatch.setattr(jwt.api_jwt, "datetime", Later)
        monkeypatch.setattr(
            "rest_framework_simplejwt.tokens.aware_utcnow",
            lambda: datetime.datetime.now(datetime.timezone.utc) + offset,
        )

    return travel


class TestBlacklistEndpoint:
    def test_a_blacklisted_refresh_token_cannot_be_refreshed(self, fields, user):
        tokens = log_in(fields, user)

        response = APIClient().post(
            reverse("jwt-blacklist"), {"refresh": tokens["refresh"]}, format="json"
        )

        assert response.status_code == 200
        assert_refused(refresh(tokens["refresh"]))

    def test_other_refresh_tokens_of_the_user_keep_working(self, fields, user):
        kept, dropped = log_in(fields, user), log_in(fields, user)

        APIClient().post(
            reverse("jwt-blacklist"), {"refresh": dropped["refresh"]}, format="json"
        )

        assert refresh(kept["refresh"]).status_code == 200

    def test_the_access_token_stays_valid_until_it_expires(
        self, fields, user, jwt_clock
    ):
        tokens = log_in(fields, user)
        APIClient().post(
            reverse("jwt-blacklist"), {"refresh": tokens["refresh"]}, format="json"
        )
        lifetime = jwt_settings.ACCESS_TOKEN_LIFETIME.total_seconds()

        assert me(tokens["access"]).status_code == 200
        jwt_clock(lifetime - 5)
        assert me(tokens["access"]).status_code == 200
        jwt_clock(lifetime + 1)
        assert me(tokens["access"]).status_code == 401

    @pytest.mark.parametrize(
        "body",
        [{}, {"refresh": "not-a-token"}, {"refresh": ["x"]}],
        ids=["missing", "garbage", "list"],
    )
    def test_bad_input_answers_4xx_and_blacklists_nothing(self, db, body):
        response = APIClient().post(reverse("jwt-blacklist"), body, format="json")

        assert response.status_code in (400, 401)
        assert not BlacklistedToken.objects.exists()

    def test_an_access_token_is_refused(self, fields, user):
        tokens = log_in(fields, user)

        response = APIClient().post(
            reverse("jwt-blacklist"), {"refresh": tokens["access"]}, format="json"
        )

        assert response.status_code == 401
        assert not BlacklistedToken.objects.exists()

    @pytest.mark.parametrize("path", ["/auth/jwt/blacklist", "/auth/jwt/blacklist/"])
    def test_answers_with_or_without_the_trailing_slash(self, fields, user, path):
        tokens = log_in(fields, user)

        response = APIClient().post(path, {"refresh": tokens["refresh"]}, format="json")

        assert response.status_code == 200


class TestWithoutTheBlacklistApp:
    def test_blacklist_answers_501_naming_the_app(
        self, fields, user, without_blacklist_app
    ):
        tokens = log_in(fields, user)

        response = APIClient().post(
            reverse("jwt-blacklist"), {"refresh": tokens["refresh"]}, format="json"
        )

        assert response.status_code == 501
        assert response.data["detail"].code == "blacklist_not_installed"
        assert revocation.BLACKLIST_APP in response.data["detail"]
        assert refresh(tokens["refresh"]).status_code == 200

    def test_password_change_leaves_refresh_tokens_alone(
        self, fields, user, user_client, djoser_settings, without_blacklist_app
    ):
        djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)
        tokens = log_in(fields, user)

        user_client.post(
            reverse("user-set-password"),
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            format="json",
        )

        assert refresh(tokens["refresh"]).status_code == 200
        assert not BlacklistedToken.objects.exists()

    def test_a_deleted_users_refresh_token_answers_401_not_500(
        self, fields, user, user_client, without_blacklist_app
    ):
        tokens = log_in(fields, user)
        # Without the app nothing records issued tokens; simplejwt's classes,
        # set up when it was installed, still wrote them here.
        OutstandingToken.objects.all().delete()
        user_client.delete(
            reverse("user-me"), {"current_password": PASSWORD}, format="json"
        )

        assert_refused(refresh(tokens["refresh"]), code="no_active_account")


class TestRotation:
    @pytest.fixture(autouse=True)
    def rotate(self, monkeypatch):
        # simplejwt's serializers keep the settings object they imported, so
        # override_settings(SIMPLE_JWT=...) would not reach them.
        for name in ("ROTATE_REFRESH_TOKENS", "BLACKLIST_AFTER_ROTATION"):
            monkeypatch.setattr(jwt_serializers.api_settings, name, True)

    def test_refresh_answers_a_new_refresh_token_that_works(self, fields, user):
        tokens = log_in(fields, user)

        rotated = refresh(tokens["refresh"]).data

        assert rotated["refresh"] != tokens["refresh"]
        assert refresh(rotated["refresh"]).status_code == 200

    def test_the_rotated_refresh_token_is_blacklisted(self, fields, user):
        tokens = log_in(fields, user)
        refresh(tokens["refresh"])

        assert_refused(refresh(tokens["refresh"]))


@pytest.fixture
def two_sessions(fields, user):
    """Two JWT logins of ``user``, as a phone and a laptop would hold them."""
    return [log_in(fields, user), log_in(fields, user)]


class TestAccountChangesRevoke:
    def test_password_change_with_logout_revokes_every_refresh_token(
        self, user_client, two_sessions, djoser_settings
    ):
        djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)

        response = user_client.post(
            reverse("user-set-password"),
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            format="json",
        )

        assert response.status_code == 204
        for tokens in two_sessions:
            assert_refused(refresh(tokens["refresh"]))

    def test_password_change_ending_the_session_too_revokes_refresh_tokens(
        self, user_client, two_sessions, djoser_settings
    ):
        djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True, CREATE_SESSION_ON_LOGIN=True)

        response = user_client.post(
            reverse("user-set-password"),
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            format="json",
        )

        assert response.status_code == 204
        for tokens in two_sessions:
            assert_refused(refresh(tokens["refresh"]))

    def test_password_change_without_logout_keeps_refresh_tokens(
        self, user_client, two_sessions
    ):
        user_client.post(
            reverse("user-set-password"),
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            format="json",
        )

        for tokens in two_sessions:
            assert refresh(tokens["refresh"]).status_code == 200

    def test_a_failed_password_change_revokes_nothing(
        self, user_client, two_sessions, djoser_settings
    ):
        djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)

        user_client.post(
            reverse("user-set-password"),
            {"current_password": "wrong", "new_password": NEW_PASSWORD},
            format="json",
        )

        assert not BlacklistedToken.objects.exists()

    @pytest.mark.drf_token
    def test_password_reset_revokes_refresh_tokens_and_keeps_drf_tokens(
        self, api_client, user, user_client, two_sessions
    ):
        response = api_client.post(
            reverse("user-reset-password-confirm"), reset_body(user), format="json"
        )

        assert response.status_code == 204
        for tokens in two_sessions:
            assert_refused(refresh(tokens["refresh"]))
        # As djoser 2.x: LOGOUT_ON_PASSWORD_CHANGE decides for DRF tokens.
        assert user_client.get(reverse("user-me")).status_code == 200

    def test_password_reset_with_logout_on_password_change_revokes_drf_tokens(
        self, api_client, user, user_client, two_sessions, djoser_settings
    ):
        djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)

        response = api_client.post(
            reverse("user-reset-password-confirm"), reset_body(user), format="json"
        )

        assert response.status_code == 204
        for tokens in two_sessions:
            assert_refused(refresh(tokens["refresh"]))
        assert not Token.objects.filter(user=user).exists()
        assert user_client.get(reverse("user-me")).status_code == 401

    def test_a_failed_password_reset_revokes_nothing(
        self, api_client, user, two_sessions
    ):
        body = {
            "uid": encode_uid(user.pk),
            "token": "not-the-token",
            "new_password": NEW_PASSWORD,
        }

        api_client.post(reverse("user-reset-password-confirm"), body, format="json")

        for tokens in two_sessions:
            assert refresh(tokens["refresh"]).status_code == 200

    def test_deleting_ones_account_revokes_every_refresh_token(
        self, user_client, two_sessions
    ):
        response = user_client.delete(
            reverse("user-me"), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert BlacklistedToken.objects.count() == 2
        for tokens in two_sessions:
            assert_refused(refresh(tokens["refresh"]))

    def test_an_admin_deleting_an_account_revokes_its_refresh_tokens(
        self, staff_client, fields, user, two_sessions
    ):
        url = reverse("user-detail", args=[getattr(user, fields.id)])

        response = staff_client.delete(url, {"current_password": PASSWORD})

        assert response.status_code == 204
        for tokens in two_sessions:
            assert_refused(refresh(tokens["refresh"]))


def test_user_tokens_revoked_signal_revokes_refresh_tokens(fields, user):
    tokens = log_in(fields, user)

    signals.user_tokens_revoked.send(sender=None, user=user, request=None)

    assert_refused(refresh(tokens["refresh"]))


def test_revoke_tokens_deletes_token_model_tokens_and_refresh_tokens(
    fields, user, user_client
):
    tokens = log_in(fields, user)

    revocation.revoke_tokens(user)

    assert_refused(refresh(tokens["refresh"]))
    assert user_client.get(reverse("user-me")).status_code == 401


class TestRevokeRefreshTokens:
    def test_leaves_other_users_tokens_alone(self, fields, user, other_user):
        other = log_in(fields, other_user)
        log_in(fields, user)

        revocation.revoke_refresh_tokens(user)

        assert refresh(other["refresh"]).status_code == 200

    def test_runs_again_without_error(self, fields, user):
        log_in(fields, user)
        revocation.revoke_refresh_tokens(user)

        revocation.revoke_refresh_tokens(user)

        assert BlacklistedToken.objects.count() == 1

    def test_takes_two_queries_however_many_tokens(
        self, fields, user, django_assert_num_queries
    ):
        for _ in range(5):
            log_in(fields, user)

        with django_assert_num_queries(2):
            revocation.revoke_refresh_tokens(user)

        assert BlacklistedToken.objects.count() == OutstandingToken.objects.count()
