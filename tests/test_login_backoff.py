"""LOGIN_BACKOFF (``djoser.login_backoff``): an account's failed logins make
the next one wait, twice as long each time."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from djoser import throttling
from tests.conftest import PASSWORD
from tests.test_throttling import Clock, assert_throttled


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(
        throttling.DjoserRateThrottle, "timer", staticmethod(lambda: clock.now)
    )
    return clock


@pytest.fixture
def backoff(djoser_settings):
    djoser_settings(
        THROTTLE_RATES={"token_create": "100/hour"},
        LOGIN_BACKOFF={"AFTER": 2, "BASE": 10, "MAX": 25},
    )


def login(fields, user, password="wrong", ip="192.0.2.1", **headers):
    body = {fields.username: getattr(user, fields.username), "password": password}
    return APIClient().post(
        reverse("login"), body, format="json", REMOTE_ADDR=ip, **headers
    )


def test_off_by_default_failures_make_nobody_wait(djoser_settings, clock, fields, user):
    djoser_settings(THROTTLE_RATES={"token_create": "100/hour"})
    for _ in range(5):
        assert login(fields, user).status_code == 400

    assert login(fields, user, PASSWORD).status_code == 200


def test_the_wait_doubles_with_each_failure_up_to_the_maximum(
    backoff, clock, fields, user
):
    assert login(fields, user, ip="198.51.100.1").status_code == 400
    # The second failure reaches AFTER: BASE seconds, from any address.
    assert login(fields, user, ip="198.51.100.2").status_code == 400
    refused = login(fields, user, PASSWORD, ip="203.0.113.9")
    assert_throttled(refused)
    assert refused["Retry-After"] == "10"

    clock.advance(10)
    assert login(fields, user, ip="198.51.100.3").status_code == 400
    assert login(fields, user, PASSWORD)["Retry-After"] == "20"

    clock.advance(20)
    assert login(fields, user, ip="198.51.100.4").status_code == 400
    assert login(fields, user, PASSWORD)["Retry-After"] == "25"  # MAX

    clock.advance(25)
    assert login(fields, user, PASSWORD).status_code == 200


def test_a_refused_login_does_not_lengthen_the_wait(backoff, clock, fields, user):
    login(fields, user)
    login(fields, user)
    for _ in range(3):
        assert_throttled(login(fields, user))

    clock.advance(10)
    assert login(fields, user, PASSWORD).status_code == 200


def test_a_login_with_a_device_proof_never_waits(backoff, clock, fields, user):
    proof = login(fields, user, PASSWORD)["Device-Proof"]
    login(fields, user)
    login(fields, user)
    assert_throttled(login(fields, user, PASSWORD))

    response = login(fields, user, PASSWORD, HTTP_DEVICE_PROOF=proof)

    assert response.status_code == 200


def test_other_accounts_do_not_wait(backoff, clock, fields, user, other_user):
    login(fields, user)
    login(fields, user)

    assert login(fields, other_user, PASSWORD).status_code == 200


@pytest.mark.parametrize(
    "value",
    [
        {"AFTER": 3, "BASE": 1},
        {"AFTER": 0, "BASE": 1, "MAX": 5},
        {"AFTER": 3, "BASE": 10, "MAX": 5},
        {"AFTER": 3, "BASE": "1", "MAX": 5},
        "fast",
    ],
)
def test_a_backoff_that_makes_no_sense_is_a_check_error(djoser_settings, value):
    from django.core import checks

    djoser_settings(LOGIN_BACKOFF=value)

    assert "djoser.E105" in {message.id for message in checks.run_checks()}


def test_a_sensible_backoff_passes_the_checks(backoff):
    from django.core import checks

    assert "djoser.E105" not in {message.id for message in checks.run_checks()}
