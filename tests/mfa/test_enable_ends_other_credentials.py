"""Turning two-factor sign-in on ends every other credential of the account:
what a thief signed in with before keeps no way in (issue 24, finding 6)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from djoser.devicetokens.models import DeviceToken
from djoser.mfa import totp
from tests.conftest import PASSWORD, reauthenticate
from tests.token_models import issue_token

pytestmark = pytest.mark.django_db


def client_with(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    return client


def jwt_pair(fields, user):
    body = {fields.username: getattr(user, fields.username), "password": PASSWORD}
    response = APIClient().post(reverse("jwt-create"), body, format="json")
    assert response.status_code == 200
    return response.data


def turn_mfa_on(client):
    reauthenticate(client)
    secret = client.get(reverse("mfa-totp")).data["secret"]
    response = client.post(
        reverse("mfa-totp"), {"code": totp.code_at(secret)}, format="json"
    )
    assert response.status_code == 201, response.data
    return response


def can_act(client):
    return client.get(reverse("user-me")).status_code == 200


def test_turning_mfa_on_ends_old_drf_device_and_refresh_tokens(fields, user):
    # TOKEN_MODEL's: DRF's Token, or a device token in the devicetokens lane.
    old_drf_token = issue_token(user)
    old_device_token = DeviceToken.issue(user, "thief's laptop")
    old_pair = jwt_pair(fields, user)
    owner = client_with(f"JWT {jwt_pair(fields, user)['access']}")

    turn_mfa_on(owner)

    assert not can_act(client_with(f"Token {old_drf_token.key}"))
    assert not can_act(client_with(f"Token {old_device_token.key}"))
    refreshed = APIClient().post(
        reverse("jwt-refresh"), {"refresh": old_pair["refresh"]}, format="json"
    )
    assert refreshed.status_code == 401
    # The access token in use stays until it expires, as access tokens do.
    assert can_act(owner)


def test_without_sessions_the_callers_refresh_token_ends_too(fields, user):
    # A plain access token does not say which refresh token it came from
    # (documented in security.rst); djoser.sessions keeps the caller's.
    pair = jwt_pair(fields, user)
    owner = client_with(f"JWT {pair['access']}")

    turn_mfa_on(owner)

    refreshed = APIClient().post(
        reverse("jwt-refresh"), {"refresh": pair["refresh"]}, format="json"
    )
    assert refreshed.status_code == 401
    assert can_act(owner)


def test_turning_mfa_on_keeps_the_device_token_in_use(user):
    in_use = DeviceToken.issue(user, "owner's phone")
    other = DeviceToken.issue(user, "thief's laptop")
    owner = client_with(f"Token {in_use.key}")

    turn_mfa_on(owner)

    assert can_act(owner)
    assert not can_act(client_with(f"Token {other.key}"))


def test_turning_mfa_on_keeps_the_token_in_use(user):
    # DRF's Token is one per user: the request's token is the account's only one.
    in_use = issue_token(user)
    owner = client_with(f"Token {in_use.key}")

    turn_mfa_on(owner)

    assert can_act(owner)
