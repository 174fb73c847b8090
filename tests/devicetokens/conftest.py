"""Fixtures for djoser.devicetokens: the model switched on, logins, a clock."""

from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from djoser.devicetokens.models import DeviceToken
from tests.conftest import PASSWORD

DEVICE_TOKEN = "djoser.devicetokens.models.DeviceToken"
START = datetime(2030, 1, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def device_settings(db, djoser_settings, settings):
    """``device_settings(LIFETIME=...)``: DeviceToken as TOKEN_MODEL, and these
    DEVICE_TOKENS keys (the others keep their defaults)."""

    def apply(**changes):
        current = getattr(settings, "DJOSER", {}).get("DEVICE_TOKENS", {})
        djoser_settings(TOKEN_MODEL=DEVICE_TOKEN, DEVICE_TOKENS={**current, **changes})

    apply()
    return apply


@pytest.fixture
def clock():
    """The time, frozen at START; ``clock.shift(timedelta)`` moves it on."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def login(device_settings, fields):
    """``login(user, user_agent=..., **body)``: a device's client, signed in.

    The client carries its key as ``client.key`` and sends it as a header.
    """

    def sign_in(user, user_agent="TestBrowser/1.0", **body):
        client = APIClient(HTTP_USER_AGENT=user_agent)
        credentials = {
            fields.username: getattr(user, fields.username),
            "password": PASSWORD,
        }
        response = client.post(reverse("login"), {**credentials, **body}, format="json")
        assert response.status_code == 200, response.data
        client.key = response.data["auth_token"]
        client.credentials(HTTP_AUTHORIZATION=f"Token {client.key}")
        return client

    return sign_in


def me(client):
    return client.get(reverse("user-me"))


def tokens_of(user):
    return DeviceToken.objects.filter(user=user)


def hours(number):
    return timedelta(hours=number)
