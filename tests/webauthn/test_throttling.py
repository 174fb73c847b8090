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


# Passkey logins and password logins are counted apart; a passkey's own
# counter only ever refuses assertions that fail its check.


def _options(ip):
    from rest_framework.test import APIClient

    response = APIClient().post(
        reverse("webauthn_login_request"), {}, format="json", REMOTE_ADDR=ip
    )
    assert response.status_code == 200, response.data
    return response.data


def _passkey_login(answer, ip):
    from rest_framework.test import APIClient

    return APIClient().post(
        reverse("webauthn_login"), answer, format="json", REMOTE_ADDR=ip
    )


def _forged(authenticator, ip):
    """An assertion naming the owner's passkey, signed with another key."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from tests.webauthn.authenticator import Credential

    real = authenticator.credentials[0]
    forger = Credential(
        credential_id=real.credential_id,
        private_key=ec.generate_private_key(ec.SECP256R1()),
        rp_id=real.rp_id,
        user_handle=real.user_handle,
    )
    return authenticator.get(_options(ip), credential=forger)


@pytest.fixture
def login_rates(djoser_settings):
    djoser_settings(
        THROTTLE_RATES={
            "webauthn_login": "3/hour",
            "webauthn_login_request": None,
            "token_create": "3/hour",
        }
    )


def test_forged_assertions_for_a_passkey_never_refuse_its_owner(
    login_rates, authenticator, passkey_user
):
    for number in range(6):
        ip = f"198.51.100.{number % 2}"
        response = _passkey_login(_forged(authenticator, ip), ip)
        assert response.status_code in (400, 429)

    owner = _passkey_login(authenticator.get(_options("203.0.113.5")), "203.0.113.5")

    assert owner.status_code == 201, owner.data


def test_forged_assertions_count_per_passkey_once_its_signature_is_checked(
    login_rates, authenticator, passkey_user
):
    for number in range(3):
        ip = f"198.51.100.{number}"
        assert _passkey_login(_forged(authenticator, ip), ip).status_code == 400

    # A fourth failure from a fresh address is refused by the passkey's count.
    assert_throttled(_passkey_login(_forged(authenticator, "192.0.2.77"), "192.0.2.77"))


def test_unknown_passkeys_count_per_address_only(login_rates, authenticator):
    stranger = authenticator  # holds no registered passkey
    stranger.create(
        {"rp": {"id": "localhost"}, "user": {"id": "dQ"}, "challenge": "Yw"}
    )
    for _ in range(3):
        answer = stranger.get(_options("198.51.100.1"))
        assert _passkey_login(answer, "198.51.100.1").status_code == 400
    assert_throttled(
        _passkey_login(stranger.get(_options("198.51.100.1")), "198.51.100.1")
    )

    # The same unknown id from another address is not refused.
    answer = stranger.get(_options("198.51.100.2"))
    assert _passkey_login(answer, "198.51.100.2").status_code == 400


def test_a_password_lock_out_never_refuses_a_passkey_login(
    login_rates, authenticator, passkey_user, fields
):
    from rest_framework.test import APIClient

    body = {fields.username: getattr(passkey_user, fields.username), "password": "x"}
    for number in range(5):
        APIClient().post(
            reverse("login"), body, format="json", REMOTE_ADDR=f"198.51.100.{number}"
        )
    locked = APIClient().post(
        reverse("login"), body, format="json", REMOTE_ADDR="203.0.113.5"
    )
    assert_throttled(locked)

    owner = _passkey_login(authenticator.get(_options("203.0.113.5")), "203.0.113.5")

    assert owner.status_code == 201, owner.data


def test_forged_assertions_never_refuse_a_password_login(
    login_rates, authenticator, passkey_user, fields
):
    from rest_framework.test import APIClient

    from tests.conftest import PASSWORD

    passkey_user.set_password(PASSWORD)
    passkey_user.save()
    for number in range(6):
        ip = f"198.51.100.{number}"
        _passkey_login(_forged(authenticator, ip), ip)

    body = {
        fields.username: getattr(passkey_user, fields.username),
        "password": PASSWORD,
    }
    response = APIClient().post(
        reverse("login"), body, format="json", REMOTE_ADDR="203.0.113.5"
    )

    assert response.status_code == 200, response.data
