"""Access tokens end with their session, and everything that revokes
credentials (djoser.signals.user_tokens_revoked, logouts) revokes sessions."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.tokens import AccessToken

from djoser.devicetokens.models import DeviceToken
from djoser.sessions.models import Session
from djoser.utils import encode_uid
from djoser.views import UserViewSet
from tests.conftest import NEW_PASSWORD, PASSWORD
from tests.mfa.test_enable_ends_other_credentials import turn_mfa_on
from tests.sessions.conftest import bearer, me, refresh, seconds, session_of
from tests.sessions.test_endpoints import blacklisted
from tests.sessions.test_logins import DEVICE_TOKEN, token_login
from tests.token_models import tokens_of


@pytest.fixture
def pair(jwt_login, user, clock):
    return jwt_login(user)


class TestAccessTokens:
    def test_an_access_token_works_while_its_session_is_live(self, pair):
        assert me(pair["access"]).status_code == 200

    def test_an_access_token_of_a_revoked_session_answers_401_at_once(self, pair):
        session_of(pair["refresh"]).revoke("logout")

        response = me(pair["access"])

        assert response.status_code == 401
        assert response.data["code"] == "session_ended"

    def test_an_access_token_of_a_deleted_session_answers_401(self, pair):
        Session.objects.all().delete()

        assert me(pair["access"]).status_code == 401

    def test_an_access_token_of_an_expired_session_answers_401(self, pair):
        Session.objects.update(expires=Session.objects.get().created)

        assert me(pair["access"]).status_code == 401

    def test_an_access_token_from_before_sessions_works_as_in_simplejwt(
        self, sessions_on, user
    ):
        access = str(AccessToken.for_user(user))

        assert me(access).status_code == 200

    def test_an_inactive_users_access_token_answers_401(self, pair, user):
        user.is_active = False
        user.save()

        assert me(pair["access"]).status_code == 401

    def test_the_check_is_one_query_by_the_sessions_primary_key(
        self, pair, monkeypatch
    ):
        me(pair["access"])  # writes the first use
        with CaptureQueriesContext(connection) as checked:
            me(pair["access"])
        monkeypatch.setattr(UserViewSet, "authentication_classes", [JWTAuthentication])
        with CaptureQueriesContext(connection) as unchecked:
            me(pair["access"])

        assert len(checked) == len(unchecked) + 1
        session_query = checked[0]["sql"]
        assert Session._meta.db_table in session_query
        assert session_query.count("WHERE") == 1

    def test_a_use_is_written_at_most_once_a_minute(self, pair, clock):
        me(pair["access"])
        first = session_of(pair["refresh"]).last_used
        clock.shift(seconds(30))
        me(pair["access"])
        assert session_of(pair["refresh"]).last_used == first
        clock.shift(seconds(31))

        me(pair["access"])

        assert session_of(pair["refresh"]).last_used > first


class TestLogouts:
    def test_token_logout_with_an_access_token_ends_its_session(self, pair):
        response = bearer(pair["access"]).post(reverse("logout"))

        assert response.status_code == 204
        assert session_of(pair["refresh"]).revoked_reason == "logout"
        assert me(pair["access"]).status_code == 401
        assert refresh(pair["refresh"]).status_code == 401

    def test_jwt_blacklist_ends_the_session_of_the_refresh_token(self, pair):
        response = APIClient().post(
            reverse("jwt-blacklist"), {"refresh": pair["refresh"]}, format="json"
        )

        assert response.status_code == 200
        assert me(pair["access"]).status_code == 401
        assert refresh(pair["refresh"]).status_code == 401

    def test_logout_ends_only_the_session_it_was_made_with(self, jwt_login, user):
        first, second = jwt_login(user), jwt_login(user)

        bearer(first["access"]).post(reverse("logout"))

        assert me(second["access"]).status_code == 200

    @pytest.mark.drf_token
    def test_token_logout_ends_the_token_sessions(self, sessions_on, fields, user):
        key = token_login(fields, user).data["auth_token"]
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

        client.post(reverse("logout"))

        assert Session.objects.get().revoked_reason == "logout"

    def test_deleting_a_device_token_ends_its_session(
        self, sessions_on, djoser_settings, settings, fields, user
    ):
        djoser_settings(TOKEN_MODEL=DEVICE_TOKEN, SESSIONS=settings.DJOSER["SESSIONS"])
        token_login(fields, user)

        DeviceToken.objects.get().delete()

        assert Session.objects.get().revoked_reason == "credential_deleted"


class TestRevocations:
    def test_a_password_reset_revokes_every_session(self, jwt_login, user):
        pairs = [jwt_login(user), jwt_login(user)]
        body = {
            "uid": encode_uid(user.pk),
            "token": default_token_generator.make_token(user),
            "new_password": NEW_PASSWORD,
        }

        response = APIClient().post(
            reverse("user-reset-password-confirm"), body, format="json"
        )

        assert response.status_code == 204
        assert not Session.objects.live().exists()
        assert {s.revoked_reason for s in Session.objects.all()} == {"password_reset"}
        assert all(me(pair["access"]).status_code == 401 for pair in pairs)

    @pytest.mark.drf_token
    def test_a_password_reset_deletes_the_drf_token_of_a_token_session(
        self, sessions_on, fields, user
    ):
        token_login(fields, user)
        user.refresh_from_db()  # the login moved last_login, part of the link
        body = {
            "uid": encode_uid(user.pk),
            "token": default_token_generator.make_token(user),
            "new_password": NEW_PASSWORD,
        }

        APIClient().post(reverse("user-reset-password-confirm"), body, format="json")

        assert not tokens_of(user).exists()

    def test_a_password_change_with_logout_revokes_every_session(
        self, jwt_login, djoser_settings, settings, user
    ):
        djoser_settings(
            LOGOUT_ON_PASSWORD_CHANGE=True, SESSIONS=settings.DJOSER["SESSIONS"]
        )
        pair, other = jwt_login(user), jwt_login(user)

        response = bearer(pair["access"]).post(
            reverse("user-set-password"),
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            format="json",
        )

        assert response.status_code == 204
        assert me(other["access"]).status_code == 401
        assert me(pair["access"]).status_code == 401

    def test_account_deletion_deletes_the_sessions(self, pair, user):
        response = bearer(pair["access"]).delete(
            reverse("user-me"), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert not Session.objects.exists()
        assert me(pair["access"]).status_code == 401

    def test_logout_all_revokes_every_session(self, jwt_login, user):
        pair, other = jwt_login(user), jwt_login(user)

        # logout_all asks for a fresh proof (djoser.reauthentication).
        response = bearer(pair["access"]).post(
            reverse("logout_all"), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204

        assert session_of(other["refresh"]).revoked_reason == "logout_all"
        assert me(other["access"]).status_code == 401
        assert refresh(other["refresh"]).status_code == 401

    def test_turning_two_factor_on_keeps_the_callers_session_and_refresh_token(
        self, jwt_login, user
    ):
        mine, other = jwt_login(user), jwt_login(user)

        turn_mfa_on(bearer(mine["access"]))

        assert refresh(mine["refresh"]).status_code == 200
        assert not blacklisted(mine["refresh"])
        assert blacklisted(other["refresh"])
        assert refresh(other["refresh"]).status_code == 401


class TestVerify:
    @pytest.mark.parametrize("kind", ["access", "refresh"])
    def test_a_token_of_a_live_session_verifies(self, pair, kind):
        response = APIClient().post(
            reverse("jwt-verify"), {"token": pair[kind]}, format="json"
        )

        assert response.status_code == 200

    @pytest.mark.parametrize("kind", ["access", "refresh"])
    def test_a_token_of_an_ended_session_does_not(self, pair, kind):
        session_of(pair["refresh"]).revoke("logout")

        response = APIClient().post(
            reverse("jwt-verify"), {"token": pair[kind]}, format="json"
        )

        assert response.status_code == 401
