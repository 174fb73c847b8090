"""Fixtures for djoser.mfa: accounts with two-factor sign-in on, and their codes."""

import os
from dataclasses import dataclass

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from djoser.mfa import totp
from djoser.mfa.models import RecoveryCode, TOTPDevice
from tests.conftest import PASSWORD


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "one_user_model: runs in the auth.User lane only (real servers, slow; "
        "the user model makes no difference to what it proves)",
    )


def pytest_collection_modifyitems(config, items):
    if os.environ.get("DJOSER_TEST_USER_MODEL", "auth.User") == "auth.User":
        return
    left_out = [item for item in items if item.get_closest_marker("one_user_model")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]


@dataclass
class Enrolled:
    """A user with two-factor sign-in on: its secret and recovery codes."""

    user: object
    secret: str
    recovery_codes: list

    def code(self, at=None):
        return totp.code_at(self.secret, at)


def enrol(user):
    secret = totp.new_secret()
    device = TOTPDevice.offer(user, secret)
    device.confirm()
    codes = RecoveryCode.objects.regenerate(user)
    return Enrolled(user, secret, codes)


@pytest.fixture
def enrolled(user):
    return enrol(user)


@pytest.fixture
def travel():
    """``travel(seconds)``: move the clock that many seconds on from now."""
    travellers = []
    start = timezone.now()

    def move(seconds):
        traveller = time_machine.travel(
            start + timezone.timedelta(seconds=seconds), tick=False
        )
        traveller.start()
        travellers.append(traveller)

    yield move
    for traveller in reversed(travellers):
        traveller.stop()


def login_body(fields, user, password=PASSWORD):
    return {fields.username: getattr(user, fields.username), "password": password}


# Login kind -> URL name of the first step that starts it.
FIRST_STEPS = {"token": "login", "jwt": "jwt-create"}


def start_login(api_client, fields, user, kind="token"):
    """The first step's answer for ``user`` through the ``kind`` login."""
    return api_client.post(
        reverse(FIRST_STEPS[kind]), login_body(fields, user), format="json"
    )


def verify(api_client, mfa_token, code):
    return api_client.post(
        reverse("mfa-verify"), {"mfa_token": mfa_token, "code": code}, format="json"
    )
