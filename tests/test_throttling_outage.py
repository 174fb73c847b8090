"""What a limited endpoint answers while the cache holding its counters is down.

By default it fails closed: 503 with ``Retry-After`` and an error in the log,
never a 500 and never an unlimited pass. ``THROTTLE_CACHE_OUTAGE["FAIL_OPEN"]``
names the actions that go through unlimited instead (with a warning logged).
The real-server counterpart, which stops Redis mid-run, is in
tests/concurrency/test_outage.py.
"""

import logging

import pytest
from django.core.cache import caches
from django.urls import reverse

from djoser.conf import RECOMMENDED_THROTTLE_RATES
from tests.conftest import PASSWORD

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Port 1 on loopback: nothing listens, so every call is refused.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5},
    }
}
BROKEN_LOCAL = {"default": {"BACKEND": "tests.broken_cache.BrokenCache"}}


@pytest.fixture(params=["redis", "broken"])
def cache_down(request, settings, djoser_settings):
    """Recommended limits on, and a default cache whose every call fails."""
    djoser_settings(THROTTLE_RATES=RECOMMENDED_THROTTLE_RATES)
    settings.CACHES = UNREACHABLE_REDIS if request.param == "redis" else BROKEN_LOCAL
    yield
    caches["default"].close()


def _login(api_client, fields, user, password):
    body = {fields.username: getattr(user, fields.username), "password": password}
    return api_client.post(reverse("login"), body, format="json")


def _reset(api_client, fields, user):
    body = {fields.email: getattr(user, fields.email)}
    return api_client.post(reverse("user-reset-password"), body, format="json")


def _assert_unavailable(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) == 30
    assert response.json() == {
        "detail": "Rate limits cannot be checked right now. Try again shortly."
    }


@pytest.mark.parametrize("password", [PASSWORD, "wrong"], ids=["right", "wrong"])
def test_a_login_fails_closed_with_503_and_retry_after(
    cache_down, api_client, fields, user, password, caplog
):
    with caplog.at_level(logging.ERROR, logger="djoser.throttling"):
        response = _login(api_client, fields, user, password)

    _assert_unavailable(response)
    [record] = [r for r in caplog.records if r.name == "djoser.throttling"]
    assert "token_create" in record.getMessage()
    assert "503" in record.getMessage()


def test_a_mail_sending_action_fails_closed(
    cache_down, api_client, fields, user, mailoutbox
):
    _assert_unavailable(_reset(api_client, fields, user))
    assert mailoutbox == []


def test_fail_open_lets_the_named_actions_through_unlimited(
    cache_down, djoser_settings, api_client, fields, user, caplog
):
    djoser_settings(THROTTLE_CACHE_OUTAGE={"FAIL_OPEN": ["token_create"]})

    with caplog.at_level(logging.WARNING, logger="djoser.throttling"):
        right = _login(api_client, fields, user, PASSWORD)
        wrong = _login(api_client, fields, user, "wrong")

    assert right.status_code == 200
    assert wrong.status_code == 400
    assert any("token_create" in r.getMessage() for r in caplog.records)
    # Actions not named still fail closed.
    _assert_unavailable(_reset(api_client, fields, user))


def test_the_retry_after_of_the_503_is_a_setting(
    cache_down, djoser_settings, api_client, fields, user
):
    djoser_settings(THROTTLE_CACHE_OUTAGE={"RETRY_AFTER": 120})

    response = _login(api_client, fields, user, PASSWORD)

    assert response.status_code == 503
    assert response["Retry-After"] == "120"


def test_an_action_without_a_rate_never_touches_the_cache(
    settings, api_client, fields, user
):
    settings.CACHES = BROKEN_LOCAL

    assert _login(api_client, fields, user, PASSWORD).status_code == 200


def test_a_cache_that_fails_after_counting_still_answers_the_login(
    djoser_settings, api_client, fields, user, monkeypatch
):
    # Giving the count back is best effort: the login's answer stands.
    djoser_settings(THROTTLE_RATES=RECOMMENDED_THROTTLE_RATES)
    from djoser import counters

    def fail(*args, **kwargs):
        raise ConnectionError("gone")

    monkeypatch.setattr(counters, "_take_one", fail)

    assert _login(api_client, fields, user, PASSWORD).status_code == 200


def test_the_second_step_fails_closed_under_its_default_rate(
    settings, api_client, fields, user
):
    from tests.mfa.conftest import enrol, start_login, verify

    enrolled = enrol(user)
    settings.CACHES = BROKEN_LOCAL
    first = start_login(api_client, fields, user)
    assert first.status_code == 401

    _assert_unavailable(verify(api_client, first.data["mfa_token"], enrolled.code()))
