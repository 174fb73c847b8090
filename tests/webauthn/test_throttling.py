"""Limits on the passkey options endpoints: THROTTLE_RATES rows and a cap on
the challenges one client address may have stored."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils.timezone import now

from djoser.conf import settings as djoser_settings_object
from djoser.webauthn.models import Challenge
from tests.webauthn.helpers import post

pytestmark = pytest.mark.django_db

OPTIONS_ROUTES = ["webauthn_signup_request", "webauthn_login_request"]


@pytest.fixture
def options_request(api_client, fields):
    """``options_request(route, ip=...)``: ask ``route`` for fresh options."""

    def send(route, ip="198.51.100.7"):
        body = {}
        if route == "webauthn_signup_request":
            body = {fields.username: fields.values()[fields.username]}
        return api_client.post(reverse(route), body, format="json", REMOTE_ADDR=ip)

    return send


def assert_throttled(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1


def test_the_options_endpoints_have_unlimited_rows_of_their_own_by_default():
    rates = djoser_settings_object.THROTTLE_RATES

    assert rates["webauthn_signup_request"] is None
    assert rates["webauthn_login_request"] is None
    assert djoser_settings_object.WEBAUTHN["MAX_CHALLENGES_PER_CLIENT"] is None


@pytest.mark.parametrize("route", OPTIONS_ROUTES)
def test_a_rate_limits_the_endpoint_per_client_address(
    djoser_settings, options_request, route
):
    djoser_settings(THROTTLE_RATES={route: "2/hour"})
    assert [options_request(route).status_code for _ in range(2)] == [200, 200]

    assert_throttled(options_request(route))
    assert Challenge.objects.count() == 2
    assert options_request(route, ip="203.0.113.9").status_code == 200


def test_signup_requests_count_per_requested_username_too(
    djoser_settings, api_client, fields
):
    djoser_settings(THROTTLE_RATES={"webauthn_signup_request": "1/hour"})
    url = reverse("webauthn_signup_request")
    body = {fields.username: fields.values()[fields.username]}
    first = api_client.post(url, body, format="json", REMOTE_ADDR="10.0.0.1")

    again = api_client.post(url, body, format="json", REMOTE_ADDR="10.0.0.2")

    assert first.status_code == 200
    assert_throttled(again)


def test_the_rows_do_not_share_a_count(djoser_settings, options_request):
    djoser_settings(
        THROTTLE_RATES={"webauthn_signup_request": "1/hour", "user_create": "1/hour"}
    )
    options_request("webauthn_signup_request")

    assert options_request("webauthn_login_request").status_code == 200


class TestChallengeCap:
    @pytest.fixture(autouse=True)
    def cap(self, djoser_settings):
        djoser_settings(WEBAUTHN={"MAX_CHALLENGES_PER_CLIENT": 3})

    @pytest.mark.parametrize("route", OPTIONS_ROUTES)
    def test_past_the_cap_a_client_gets_429_and_nothing_is_stored(
        self, options_request, route
    ):
        for _ in range(3):
            assert options_request(route).status_code == 200

        assert_throttled(options_request(route))
        assert Challenge.objects.filter(expires_at__gt=now()).count() == 3

    def test_signup_and_login_options_share_the_cap(self, options_request):
        options_request("webauthn_signup_request")
        options_request("webauthn_login_request")
        options_request("webauthn_signup_request")

        assert_throttled(options_request("webauthn_login_request"))

    def test_another_client_address_has_its_own_cap(self, options_request):
        for _ in range(3):
            options_request("webauthn_login_request")

        response = options_request("webauthn_login_request", ip="203.0.113.9")

        assert response.status_code == 200

    def test_refused_requests_do_not_count(self, options_request, api_client):
        for _ in range(5):
            # 400: no username, so no challenge.
            api_client.post(reverse("webauthn_signup_request"), {}, format="json")

        assert options_request("webauthn_signup_request").status_code == 200

    def test_once_the_challenges_expire_the_client_may_ask_again(self, options_request):
        lifetime = djoser_settings_object.WEBAUTHN["CHALLENGE_LIFETIME"]
        with time_machine.travel(now(), tick=False) as clock:
            for _ in range(3):
                options_request("webauthn_login_request")
            clock.shift(lifetime + timedelta(seconds=1))

            response = options_request("webauthn_login_request")

        assert response.status_code == 200
        # The next issue deleted the expired ones: one live row remains.
        assert Challenge.objects.count() == 1

    def test_adding_a_passkey_is_capped_too(self, fresh_client_for, user):
        client = fresh_client_for(user)
        statuses = [
            post(client, "webauthn_passkey_add_request").status_code for _ in range(4)
        ]

        assert statuses == [200, 200, 200, 429]
