"""jwt/refresh/ with sessions: rotation, retries within the grace period,
reuse detection, and refresh tokens from before sessions."""

import pytest
from django.urls import reverse
from rest_framework_simplejwt.tokens import RefreshToken

from djoser.sessions import signals
from djoser.sessions.models import Session
from tests.sessions.conftest import claims, me, refresh, seconds, session_of


@pytest.fixture
def pair(jwt_login, user, clock):
    return jwt_login(user)


class TestRotation:
    def test_a_refresh_answers_a_new_refresh_token_of_the_same_session(self, pair):
        response = refresh(pair["refresh"])

        assert response.status_code == 200
        assert set(response.data) == {"access", "refresh"}
        new = claims(response.data["refresh"])
        assert new["sid"] == claims(pair["refresh"])["sid"]
        assert new["jti"] != claims(pair["refresh"])["jti"]
        assert claims(response.data["access"])["sid"] == new["sid"]

    def test_the_session_holds_the_new_token_as_its_only_live_one(self, pair):
        response = refresh(pair["refresh"])

        session = session_of(pair["refresh"])
        assert session.refresh_jti == claims(response.data["refresh"])["jti"]
        assert session.previous_refresh_jti == claims(pair["refresh"])["jti"]

    def test_the_new_refresh_token_refreshes_again(self, pair, clock):
        second = refresh(pair["refresh"]).data["refresh"]
        clock.shift(seconds(60))

        response = refresh(second)

        assert response.status_code == 200
        assert response.data["refresh"] != second

    def test_a_refresh_moves_the_sessions_expiry_and_last_use(self, pair, clock):
        clock.shift(seconds(3600))

        refresh(pair["refresh"])

        session = session_of(pair["refresh"])
        assert session.last_used == session.rotated_at
        assert session.expires == session.rotated_at + RefreshToken.lifetime

    def test_without_rotation_the_same_refresh_token_keeps_working(
        self, pair, settings, clock
    ):
        settings.SIMPLE_JWT = {**settings.SIMPLE_JWT, "ROTATE_REFRESH_TOKENS": False}

        first = refresh(pair["refresh"])
        clock.shift(seconds(600))
        second = refresh(pair["refresh"])

        assert first.status_code == second.status_code == 200
        assert set(second.data) == {"access"}
        assert claims(second.data["access"])["sid"] == claims(pair["refresh"])["sid"]


class TestRetry:
    def test_a_retry_within_the_grace_period_gets_the_same_refresh_token(
        self, pair, clock
    ):
        first = refresh(pair["refresh"])
        clock.shift(seconds(9))

        retry = refresh(pair["refresh"])

        assert retry.status_code == 200
        assert retry.data["refresh"] == first.data["refresh"]
        assert session_of(pair["refresh"]).revoked_at is None

    def test_after_a_retry_the_token_of_the_first_answer_still_works(self, pair, clock):
        first = refresh(pair["refresh"])
        refresh(pair["refresh"])
        clock.shift(seconds(30))

        assert refresh(first.data["refresh"]).status_code == 200

    def test_the_grace_period_is_a_setting(self, pair, sessions_on, clock):
        sessions_on(REUSE_GRACE_PERIOD=seconds(60))
        first = refresh(pair["refresh"])
        clock.shift(seconds(50))

        assert refresh(pair["refresh"]).data["refresh"] == first.data["refresh"]


class TestReuse:
    def test_a_reuse_after_the_grace_period_answers_401_and_revokes_the_session(
        self, pair, clock
    ):
        refresh(pair["refresh"])
        clock.shift(seconds(11))

        response = refresh(pair["refresh"])

        assert response.status_code == 401
        session = session_of(pair["refresh"])
        assert session.revoked_at is not None
        assert session.revoked_reason == "refresh_reuse"

    def test_a_replayed_copy_ends_the_owners_current_tokens_too(
        self,
        pair,
        clock,
        user,
        fields,
        djoser_settings,
        settings,
        mailoutbox,
        signal_calls,
    ):
        """An attacker copies the refresh token; the client rotates; the
        attacker replays the copy: copy, current token and access all die."""
        djoser_settings(
            SECURITY_NOTICES={"refresh_reuse": True},
            SESSIONS=settings.DJOSER["SESSIONS"],
        )
        reused = signal_calls(signals.refresh_token_reused)
        stolen = pair["refresh"]
        current = refresh(pair["refresh"]).data
        clock.shift(seconds(60))

        replay = refresh(stolen)

        assert replay.status_code == 401
        assert refresh(current["refresh"]).status_code == 401
        assert me(current["access"]).status_code == 401
        assert me(pair["access"]).status_code == 401
        assert [call["user"] for call in reused] == [user]
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [getattr(user, fields.email)]
        assert "TestBrowser/1.0" in mailoutbox[0].body

    def test_a_token_two_rotations_old_is_a_reuse_even_within_the_grace_period(
        self, pair, clock
    ):
        second = refresh(pair["refresh"]).data["refresh"]
        refresh(second)

        assert refresh(pair["refresh"]).status_code == 401
        assert session_of(pair["refresh"]).revoked_reason == "refresh_reuse"

    def test_a_reuse_sends_no_notice_while_the_notice_is_off(
        self, pair, clock, mailoutbox, djoser_settings, settings
    ):
        djoser_settings(
            SECURITY_NOTICES={"refresh_reuse": False},
            SESSIONS=settings.DJOSER["SESSIONS"],
        )
        refresh(pair["refresh"])
        clock.shift(seconds(11))

        refresh(pair["refresh"])

        assert mailoutbox == []

    def test_the_revocation_holds_under_atomic_requests(
        self, transactional_db, pair, clock, settings
    ):
        # Outside a test's transaction, as a server runs: DRF rolls back the
        # request's transaction on an error answer.
        settings.DATABASES["default"]["ATOMIC_REQUESTS"] = True
        try:
            refresh(pair["refresh"])
            clock.shift(seconds(11))
            assert refresh(pair["refresh"]).status_code == 401
        finally:
            settings.DATABASES["default"]["ATOMIC_REQUESTS"] = False

        assert session_of(pair["refresh"]).revoked_at is not None


class TestEndedSessions:
    def test_a_revoked_sessions_refresh_token_answers_401(self, pair):
        session_of(pair["refresh"]).revoke("logout")

        assert refresh(pair["refresh"]).status_code == 401

    def test_a_deleted_sessions_refresh_token_answers_401(self, pair):
        Session.objects.all().delete()

        assert refresh(pair["refresh"]).status_code == 401

    def test_an_inactive_users_refresh_answers_401_and_rotates_nothing(
        self, pair, user
    ):
        user.is_active = False
        user.save()

        response = refresh(pair["refresh"])

        assert response.status_code == 401
        assert session_of(pair["refresh"]).refresh_jti == claims(pair["refresh"])["jti"]

    @pytest.mark.parametrize("body", [{"refresh": "x.y.z"}, {"refresh": ["a"]}, {}])
    def test_a_malformed_refresh_answers_4xx(self, sessions_on, api_client, body):
        response = api_client.post(reverse("jwt-refresh"), body, format="json")

        assert 400 <= response.status_code < 500


class TestTokensFromBeforeSessions:
    @pytest.fixture
    def old_refresh(self, user, sessions_on, clock):
        return str(RefreshToken.for_user(user))

    def test_an_old_refresh_token_becomes_a_session_on_its_first_refresh(
        self, old_refresh, user
    ):
        response = refresh(old_refresh)

        assert response.status_code == 200
        session = session_of(response.data["refresh"])
        assert session.user == user
        assert session.adopted_jti == claims(old_refresh)["jti"]

    def test_the_old_token_retried_within_the_grace_period_gets_the_same_answer(
        self, old_refresh, clock
    ):
        first = refresh(old_refresh)
        clock.shift(seconds(5))

        retry = refresh(old_refresh)

        assert retry.data["refresh"] == first.data["refresh"]
        assert Session.objects.count() == 1

    def test_the_old_token_reused_later_revokes_its_new_session(
        self, old_refresh, clock
    ):
        first = refresh(old_refresh)
        clock.shift(seconds(11))

        assert refresh(old_refresh).status_code == 401
        assert refresh(first.data["refresh"]).status_code == 401

    def test_a_blacklisted_old_token_stays_refused(self, old_refresh):
        RefreshToken(old_refresh).blacklist()

        assert refresh(old_refresh).status_code == 401
        assert not Session.objects.exists()
