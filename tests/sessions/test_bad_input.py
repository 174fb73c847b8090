"""Bad input to the sessions endpoints and to jwt/refresh/ with sessions on:
a 4xx, and nothing changes."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from djoser.sessions.models import Session
from tests.sessions.conftest import bearer, session_of

BODIES = [
    "[]",
    '"text"',
    "7",
    '{"current_password": {"deep": [[[[1]]]]}}',
    '{"current_password": "\\u0000"}',
    '{"current_password": "\\ud800"}',
    json.dumps({"current_password": "x" * 100_000}),
    "{" * 5000,
    "not json at all",
]


@pytest.mark.parametrize("body", BODIES)
def test_logout_others_refuses_a_bad_body_and_ends_nothing(jwt_login, user, body):
    mine, other = jwt_login(user), jwt_login(user)

    response = bearer(mine["access"]).post(
        reverse("session-logout-others"), body, content_type="application/json"
    )

    assert 400 <= response.status_code < 500
    assert session_of(other["refresh"]).revoked_at is None


@pytest.mark.parametrize(
    "body",
    [
        {"refresh": 7},
        {"refresh": {"a": 1}},
        {"refresh": ["x"]},
        {"refresh": "x" * 100_000},
        {"refresh": "a.b.c\x00"},
        {"refresh": None},
    ],
)
def test_refresh_refuses_a_bad_token_and_changes_nothing(jwt_login, user, body):
    pair = jwt_login(user)
    before = list(Session.objects.values())

    response = APIClient().post(reverse("jwt-refresh"), body, format="json")

    assert 400 <= response.status_code < 500
    assert list(Session.objects.values()) == before
    assert session_of(pair["refresh"]).revoked_at is None


def test_an_access_token_in_place_of_a_refresh_token_is_refused(jwt_login, user):
    pair = jwt_login(user)

    response = APIClient().post(
        reverse("jwt-refresh"), {"refresh": pair["access"]}, format="json"
    )

    assert response.status_code == 401
    assert session_of(pair["refresh"]).revoked_at is None


# Session ids no session can have: tokens are signed, but the key may leak,
# and a claim is read defensively. Such a token is refused as one of an
# ended session, never a 500 (the database cannot hold the number) and
# never taken as a token from before sessions (no claim).
IMPOSSIBLE_SESSION_IDS = [2**63, 10**30, 0, -1, "1", "abc", 1.5, True, None, [1]]


def with_session_claim(token_class, raw, session_id):
    token = token_class(raw)
    token["sid"] = session_id
    return str(token)


@pytest.mark.parametrize("session_id", IMPOSSIBLE_SESSION_IDS)
def test_an_access_token_naming_an_impossible_session_is_refused(
    jwt_login, user, session_id
):
    pair = jwt_login(user)
    forged = with_session_claim(AccessToken, pair["access"], session_id)

    response = bearer(forged).get(reverse("user-me"))
    verified = APIClient().post(reverse("jwt-verify"), {"token": forged}, format="json")

    assert response.status_code == 401
    assert response.data["code"] == "session_ended"
    assert verified.status_code == 401


@pytest.mark.parametrize("session_id", IMPOSSIBLE_SESSION_IDS)
def test_a_refresh_token_naming_an_impossible_session_is_refused(
    jwt_login, user, session_id
):
    pair = jwt_login(user)
    before = list(Session.objects.values())
    forged = with_session_claim(RefreshToken, pair["refresh"], session_id)

    response = APIClient().post(
        reverse("jwt-refresh"), {"refresh": forged}, format="json"
    )

    assert response.status_code == 401
    assert list(Session.objects.values()) == before


# User ids of another type than the user model's key: a lookup by them fails
# in the database layer, which must not become a 500.
IMPOSSIBLE_USER_IDS = ["abc", [1], {"id": 1}, 10**30]


def with_claim(token_class, raw, claim, value):
    token = token_class(raw)
    token[claim] = value
    return str(token)


@pytest.mark.parametrize("user_id", IMPOSSIBLE_USER_IDS)
@pytest.mark.parametrize("with_session", [True, False], ids=["sid", "no sid"])
def test_tokens_naming_an_impossible_user_are_refused(
    jwt_login, user, user_id, with_session
):
    pair = jwt_login(user)
    access = AccessToken(pair["access"])
    refresh = RefreshToken(pair["refresh"])
    for token in (access, refresh):
        token["user_id"] = user_id
        if not with_session:
            del token["sid"]

    me = bearer(str(access)).get(reverse("user-me"))
    refreshed = APIClient().post(
        reverse("jwt-refresh"), {"refresh": str(refresh)}, format="json"
    )
    logout = APIClient().post(
        reverse("jwt-blacklist"), {"refresh": str(refresh)}, format="json"
    )

    assert me.status_code == 401
    assert refreshed.status_code == 401
    assert logout.status_code < 500
    assert session_of(pair["refresh"]).revoked_at is None
