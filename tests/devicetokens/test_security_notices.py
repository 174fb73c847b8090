"""SECURITY_NOTICES["new_device"]: a login from a device the account has not used."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from djoser.compat import get_user_email


@pytest.fixture
def notice_on(djoser_settings):
    djoser_settings(SECURITY_NOTICES={"new_device": True})


def test_a_first_login_from_a_device_tells_the_account_address(
    device_settings, notice_on, login, user, mailoutbox
):
    login(user, user_agent="Firefox on a new laptop")

    assert [message.to for message in mailoutbox] == [[get_user_email(user)]]
    assert '"Firefox on a new laptop"' in mailoutbox[0].body


def test_a_second_login_from_the_same_device_tells_nothing(
    device_settings, notice_on, login, user, mailoutbox
):
    login(user, user_agent="Firefox")
    mailoutbox.clear()

    login(user, user_agent="Firefox")

    assert mailoutbox == []


def test_a_login_from_another_device_tells_again(
    device_settings, notice_on, login, user, mailoutbox
):
    login(user, user_agent="Firefox")
    login(user, device_name="Work phone")

    assert len(mailoutbox) == 2
    assert '"Work phone"' in mailoutbox[1].body


def test_the_notice_is_off_by_default(device_settings, login, user, mailoutbox):
    login(user, user_agent="Firefox")

    assert mailoutbox == []


def test_with_the_notice_off_a_login_asks_nothing_more(
    device_settings, login, user, djoser_settings
):
    login(user, user_agent="Warm-up")
    with CaptureQueriesContext(connection) as off:
        login(user, user_agent="Firefox")
    djoser_settings(SECURITY_NOTICES={"new_device": True})
    with CaptureQueriesContext(connection) as on:
        login(user, user_agent="Chrome")

    assert len(on.captured_queries) == len(off.captured_queries) + 1
