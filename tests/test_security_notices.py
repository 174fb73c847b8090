"""SECURITY_NOTICES["login_limit"]: failed logins that lock an account tell it once.

The password notices are PASSWORD_CHANGED_EMAIL_CONFIRMATION's, tested with
the other change actions (test_change_actions.py).
"""

import pytest
from django.urls import reverse

from djoser.compat import get_user_email
from djoser.conf import settings as djoser_conf

WRONG = "not-the-password"


@pytest.fixture
def limit(djoser_settings):
    """Three failed logins per hour, and the notice on."""

    def apply(notice=True):
        djoser_settings(
            THROTTLE_RATES={**djoser_conf.THROTTLE_RATES, "token_create": "3/hour"},
            SECURITY_NOTICES={"login_limit": notice},
        )

    return apply


def fail_login(api_client, fields, user):
    body = {fields.username: getattr(user, fields.username), "password": WRONG}
    return api_client.post(reverse("login"), body, format="json").status_code


def notices(mailoutbox):
    return [m for m in mailoutbox if "too many failed attempts" in m.body]


def test_the_failure_that_locks_the_account_tells_its_address(
    limit, api_client, fields, user, mailoutbox
):
    limit()

    statuses = [fail_login(api_client, fields, user) for _ in range(3)]

    assert statuses == [400, 400, 400]
    assert [message.to for message in notices(mailoutbox)] == [[get_user_email(user)]]


def test_failures_below_the_limit_tell_nothing(
    limit, api_client, fields, user, mailoutbox
):
    limit()

    fail_login(api_client, fields, user)
    fail_login(api_client, fields, user)

    assert notices(mailoutbox) == []


def test_refused_attempts_while_locked_tell_nothing_more(
    limit, api_client, fields, user, mailoutbox
):
    limit()
    for _ in range(3):
        fail_login(api_client, fields, user)

    assert [fail_login(api_client, fields, user) for _ in range(5)] == [429] * 5
    assert len(notices(mailoutbox)) == 1


def test_one_notice_per_window_even_when_the_counter_fills_again(
    limit, api_client, fields, user, mailoutbox, monkeypatch
):
    from djoser import throttling

    now = [1_000_000.0]
    monkeypatch.setattr(
        throttling.DjoserRateThrottle, "timer", staticmethod(lambda: now[0])
    )
    limit()
    for _ in range(3):
        fail_login(api_client, fields, user)
        now[0] += 60
    # The first failure leaves the window; one more fills the counter again.
    now[0] += 3600 - 170

    assert fail_login(api_client, fields, user) == 400
    assert len(notices(mailoutbox)) == 1


def test_an_unknown_login_name_tells_nobody(limit, api_client, fields, mailoutbox, db):
    limit()
    body = {fields.username: "nobody-at-all", "password": WRONG}

    for _ in range(3):
        api_client.post(reverse("login"), body, format="json")

    assert mailoutbox == []


def test_the_notice_is_off_by_default(limit, api_client, fields, user, mailoutbox):
    limit(notice=False)

    for _ in range(3):
        fail_login(api_client, fields, user)

    assert mailoutbox == []
