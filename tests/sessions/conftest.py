"""Fixtures for djoser.sessions: the app switched on, logins, a clock."""

from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import UntypedToken

from djoser.sessions.authentication import SessionJWTAuthentication
from djoser.sessions.models import Session
from djoser.sessions.views import SessionViewSet
from djoser.views import UserViewSet
from tests.conftest import PASSWORD

START = datetime(2030, 1, 1, 12, 0, tzinfo=timezone.utc)
AUTHENTICATION = [
    SessionJWTAuthentication,
    *[
        cls
        for cls in UserViewSet.authentication_classes
        if cls.__name__ != "JWTAuthentication"
    ],
]


@pytest.fixture
def sessions_on(db, djoser_settings, settings, monkeypatch):
    """djoser.sessions on, as the testproject has it: rotation, reuse
    detection, and access tokens that end with their session.

    ``sessions_on(**SESSIONS keys)`` changes keys of DJOSER["SESSIONS"].
    """
    settings.SIMPLE_JWT = {**settings.SIMPLE_JWT, "ROTATE_REFRESH_TOKENS": True}
    # Views bind DEFAULT_AUTHENTICATION_CLASSES when they are defined.
    for view in (UserViewSet, SessionViewSet):
        monkeypatch.setattr(view, "authentication_classes", AUTHENTICATION)

    def apply(**changes):
        djoser_settings(SESSIONS={"ENABLED": True, **changes})

    apply()
    return apply


@pytest.fixture
def clock():
    """The time, frozen at START; ``clock.shift(timedelta)`` moves it on."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def jwt_login(sessions_on, fields):
    """``jwt_login(user, **body)``: jwt/create's answer (asserted 200)."""

    def sign_in(user, user_agent="TestBrowser/1.0", **body):
        client = APIClient(HTTP_USER_AGENT=user_agent, REMOTE_ADDR="203.0.113.77")
        credentials = {fields.username: getattr(user, fields.username)}
        response = client.post(
            reverse("jwt-create"),
            {**credentials, "password": PASSWORD, **body},
            format="json",
        )
        assert response.status_code == 200, response.data
        return response.data

    return sign_in


def refresh(token, client=None):
    client = client or APIClient()
    return client.post(reverse("jwt-refresh"), {"refresh": token}, format="json")


def bearer(access):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def me(access):
    return bearer(access).get(reverse("user-me"))


def claims(token):
    return UntypedToken(token).payload


def session_of(token):
    return Session.objects.get(pk=claims(token)["sid"])


def seconds(number):
    return timedelta(seconds=number)
