"""Challenges are single-use and expire; user handles are random."""

from datetime import timedelta

import pytest
from django.utils.timezone import now

from djoser.webauthn.models import Challenge, UserHandle
from tests.webauthn.authenticator import unb64url

pytestmark = pytest.mark.django_db


class TestChallenge:
    def test_a_challenge_is_consumed_once(self):
        issued = Challenge.objects.issue(Challenge.LOGIN)

        first = Challenge.objects.consume(issued.challenge, ceremony=Challenge.LOGIN)
        second = Challenge.objects.consume(issued.challenge, ceremony=Challenge.LOGIN)

        assert first == issued
        assert second is None
        assert not Challenge.objects.exists()

    def test_an_expired_challenge_is_not_consumed(self):
        issued = Challenge.objects.issue(Challenge.LOGIN)
        Challenge.objects.update(expires_at=now() - timedelta(microseconds=1))

        assert Challenge.objects.consume(issued.challenge) is None

    def test_a_challenge_of_another_ceremony_is_not_consumed(self):
        issued = Challenge.objects.issue(Challenge.SIGNUP, user_handle="abc")

        consumed = Challenge.objects.consume(issued.challenge, ceremony=Challenge.ADD)

        assert consumed is None
        assert Challenge.objects.filter(pk=issued.pk).exists()

    def test_issuing_clears_expired_challenges(self):
        stale = Challenge.objects.issue(Challenge.LOGIN)
        Challenge.objects.filter(pk=stale.pk).update(expires_at=now())

        fresh = Challenge.objects.issue(Challenge.LOGIN)

        assert list(Challenge.objects.all()) == [fresh]

    def test_the_lifetime_setting_sets_the_expiry(self, djoser_settings):
        djoser_settings(WEBAUTHN={"CHALLENGE_LIFETIME": timedelta(seconds=30)})
        before = now()

        issued = Challenge.objects.issue(Challenge.LOGIN)

        assert before + timedelta(seconds=30) <= issued.expires_at
        assert issued.expires_at <= now() + timedelta(seconds=30)

    def test_a_zero_lifetime_challenge_cannot_be_answered(self, djoser_settings):
        djoser_settings(WEBAUTHN={"CHALLENGE_LIFETIME": timedelta(0)})

        issued = Challenge.objects.issue(Challenge.LOGIN)

        assert Challenge.objects.consume(issued.challenge) is None


class TestUserHandle:
    def test_handles_are_random_bytes_of_ukey_length(self, djoser_settings):
        djoser_settings(WEBAUTHN={"UKEY_LENGTH": 32})

        handles = {UserHandle.new_handle() for _ in range(20)}

        assert len(handles) == 20
        assert {len(unb64url(handle)) for handle in handles} == {32}

    def test_for_user_makes_the_handle_once(self, user):
        first = UserHandle.objects.for_user(user)
        second = UserHandle.objects.for_user(user)

        assert first == second
        assert UserHandle.objects.get().user == user
