"""sessions/, sessions/{id}/ and sessions/logout_others/."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import RefreshToken

from djoser.sessions.models import Session
from tests.conftest import PASSWORD
from tests.sessions.conftest import (
    bearer,
    claims,
    me,
    refresh,
    seconds,
    session_of,
)
from tests.sessions.test_logins import token_login


def blacklisted(refresh_token):
    jti = claims(refresh_token)["jti"]
    return BlacklistedToken.objects.filter(token__jti=jti).exists()


def refresh_token_outside_sessions(user):
    """A refresh token issued as simplejwt does, recorded on the blacklist app."""
    return str(RefreshToken.for_user(user))


def detail(session):
    return reverse("session-detail", args=[session.pk])


class TestList:
    def test_lists_the_users_live_sessions_newest_first_with_the_current_marked(
        self, jwt_login, user, other_user
    ):
        old, current = jwt_login(user, device_name="Old"), jwt_login(user)
        jwt_login(other_user)
        session_of(jwt_login(user)["refresh"]).revoke("logout")

        response = bearer(current["access"]).get(reverse("session-list"))

        assert response.status_code == 200
        assert [item["id"] for item in response.data] == [
            session_of(current["refresh"]).pk,
            session_of(old["refresh"]).pk,
        ]
        assert [item["current"] for item in response.data] == [True, False]
        assert response.data[1]["device_name"] == "Old"
        assert set(response.data[0]) == {
            "id",
            "kind",
            "device_name",
            "user_agent",
            "client_address",
            "created",
            "last_used",
            "expires",
            "current",
        }

    @pytest.mark.drf_token
    def test_token_sessions_of_the_request_token_are_current(
        self, sessions_on, fields, user
    ):
        key = token_login(fields, user).data["auth_token"]
        token_login(fields, user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

        response = client.get(reverse("session-list"))

        # DRF's Token is one per user: both logins share it.
        assert [item["current"] for item in response.data] == [True, True]

    def test_an_anonymous_request_answers_401(self, sessions_on, api_client):
        assert api_client.get(reverse("session-list")).status_code == 401


class TestDelete:
    def test_deleting_a_session_ends_it_and_its_tokens(self, jwt_login, user):
        mine, other_device = jwt_login(user), jwt_login(user)

        response = bearer(mine["access"]).delete(
            detail(session_of(other_device["refresh"]))
        )

        assert response.status_code == 204
        assert session_of(other_device["refresh"]).revoked_reason == "ended_by_user"
        assert me(other_device["access"]).status_code == 401
        assert refresh(other_device["refresh"]).status_code == 401
        assert me(mine["access"]).status_code == 200

    def test_another_users_session_answers_404_and_stays(
        self, jwt_login, user, other_user
    ):
        mine, theirs = jwt_login(user), jwt_login(other_user)

        response = bearer(mine["access"]).delete(detail(session_of(theirs["refresh"])))

        assert response.status_code == 404
        assert me(theirs["access"]).status_code == 200

    def test_an_ended_session_answers_404(self, jwt_login, user):
        mine, other = jwt_login(user), jwt_login(user)
        session_of(other["refresh"]).revoke("logout")

        response = bearer(mine["access"]).delete(detail(session_of(other["refresh"])))

        assert response.status_code == 404

    @pytest.mark.parametrize("session_id", ["9" * 30, "abc", "-1"])
    def test_an_id_that_is_no_session_answers_404(self, jwt_login, user, session_id):
        mine = jwt_login(user)

        response = bearer(mine["access"]).delete(f"/auth/sessions/{session_id}/")

        assert response.status_code == 404

    def test_deleting_the_current_session_logs_out(self, jwt_login, user):
        mine = jwt_login(user)

        bearer(mine["access"]).delete(detail(session_of(mine["refresh"])))

        assert me(mine["access"]).status_code == 401


class TestLogoutOthers:
    def url(self):
        return reverse("session-logout-others")

    def test_ends_every_session_but_the_current_one(self, jwt_login, user):
        mine, others = jwt_login(user), [jwt_login(user), jwt_login(user)]

        response = bearer(mine["access"]).post(
            self.url(), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert me(mine["access"]).status_code == 200
        assert refresh(mine["refresh"]).status_code == 200
        for pair in others:
            assert me(pair["access"]).status_code == 401
            assert session_of(pair["refresh"]).revoked_reason == "logout_others"

    def test_keeps_the_callers_refresh_token_off_the_blacklist(self, jwt_login, user):
        mine, other = jwt_login(user), jwt_login(user)

        response = bearer(mine["access"]).post(
            self.url(), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert not blacklisted(mine["refresh"])
        assert blacklisted(other["refresh"])

    def test_the_callers_refresh_token_works_even_after_sessions_are_paused(
        self, jwt_login, sessions_on, user
    ):
        # Paused, refresh tokens get simplejwt's checks, blacklist included.
        mine, other = jwt_login(user), jwt_login(user)
        bearer(mine["access"]).post(
            self.url(), {"current_password": PASSWORD}, format="json"
        )

        sessions_on(ENABLED=False)

        assert refresh(mine["refresh"]).status_code == 200
        assert refresh(other["refresh"]).status_code == 401

    def test_keeps_the_refresh_token_just_rotated_away_within_the_grace_period(
        self, jwt_login, user, clock
    ):
        # A retry of the refresh whose answer was lost must still be answered.
        first = jwt_login(user)
        rotated = refresh(first["refresh"]).data
        clock.shift(seconds(1))

        response = bearer(rotated["access"]).post(
            self.url(), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert not blacklisted(first["refresh"])

    def test_past_the_grace_period_the_retired_refresh_token_is_blacklisted(
        self, jwt_login, user, clock
    ):
        first = jwt_login(user)
        rotated = refresh(first["refresh"]).data
        clock.shift(seconds(60))

        bearer(rotated["access"]).post(
            self.url(), {"current_password": PASSWORD}, format="json"
        )

        assert blacklisted(first["refresh"])
        assert refresh(rotated["refresh"]).status_code == 200

    def test_a_token_caller_keeps_no_refresh_token(self, sessions_on, fields, user):
        # Only a JSON Web Token's session names refresh tokens to keep.
        key = token_login(fields, user).data["auth_token"]
        pair = refresh_token_outside_sessions(user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

        response = client.post(
            self.url(), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert blacklisted(pair)

    @pytest.mark.parametrize(
        "body", [{}, {"current_password": "wrong"}, {"current_password": ["x"]}]
    )
    def test_without_the_right_password_answers_400_and_ends_nothing(
        self, jwt_login, user, body
    ):
        mine, other = jwt_login(user), jwt_login(user)

        response = bearer(mine["access"]).post(self.url(), body, format="json")

        assert response.status_code == 400
        assert me(other["access"]).status_code == 200

    def test_keeps_the_device_token_it_was_made_with(
        self, sessions_on, djoser_settings, settings, fields, user
    ):
        djoser_settings(
            TOKEN_MODEL="djoser.devicetokens.models.DeviceToken",
            SESSIONS=settings.DJOSER["SESSIONS"],
        )
        keys = [token_login(fields, user).data["auth_token"] for _ in range(2)]
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {keys[0]}")

        response = client.post(
            self.url(), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert client.get(reverse("user-me")).status_code == 200
        other = APIClient()
        other.credentials(HTTP_AUTHORIZATION=f"Token {keys[1]}")
        assert other.get(reverse("user-me")).status_code == 401
        assert Session.objects.live().count() == 1


def test_logout_others_asks_an_account_with_two_factor_for_a_fresh_proof(
    jwt_login, user
):
    mine, other = jwt_login(user), jwt_login(user)
    from tests.mfa.conftest import enrol

    enrol(user)

    response = bearer(mine["access"]).post(
        reverse("session-logout-others"), {"current_password": PASSWORD}, format="json"
    )

    assert response.status_code == 401
    assert response.data["reauthentication_required"] is True
    assert me(other["access"]).status_code == 200
