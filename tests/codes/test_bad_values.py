"""Bad values in the code endpoints' fields: a 4xx, never a 500, and no code spent."""

import json

import pytest
from django.urls import reverse

from djoser.codes.models import EmailCode
from tests.codes.conftest import code_in, request_code

pytestmark = pytest.mark.django_db

BAD_VALUES = {
    "nul": "AB\x00CD",
    "lone-surrogate": "\ud800",
    "huge": "A" * 100_000,
    "number": 12345678,
    "list": ["AAAA"],
    "object": {"code": "AAAA"},
    "null": None,
    "true": True,
    "empty": "",
    "unicode-digits": "١٢٣٤٥٦٧٨",
}

# route name -> a body the endpoint reads, whose values are replaced one by one
BODIES = {
    "login-code-request": {"email": "person@example.com"},
    "login-code-confirm": {
        "login_token": "x" * 43,
        "code": "AAAA-AAAA",
        "kind": "token",
    },
    "login-code-resend": {"login_token": "x" * 43},
    "user-activation-code": {"uid": "MQ", "code": "AAAA-AAAA"},
    "user-reset-password-code": {
        "email": "person@example.com",
        "code": "AAAA-AAAA",
        "new_password": "another-stable-horse-2",
    },
}

CASES = [
    (route, field, name)
    for route, body in BODIES.items()
    for field in body
    for name in BAD_VALUES
]


def _post(client, url, body):
    # json.dumps writes a lone surrogate as its \u escape, as a client may.
    return client.generic(
        "POST", url, json.dumps(body), content_type="application/json"
    )


@pytest.fixture
def all_codes_on(djoser_settings):
    djoser_settings(
        SEND_ACTIVATION_EMAIL=True,
        CODES={"LOGIN": True, "ACTIVATION": True, "PASSWORD_RESET": True},
    )


@pytest.mark.parametrize("route, field, name", CASES)
def test_bad_value_answers_4xx(route, field, name, api_client, all_codes_on):
    body = {**BODIES[route], field: BAD_VALUES[name]}

    response = _post(api_client, reverse(route), body)

    assert 400 <= response.status_code < 500, response.content[:300]
    assert response.json()


@pytest.mark.parametrize("name", ["nul", "lone-surrogate", "huge", "unicode-digits"])
def test_bad_codes_do_not_spend_the_code_or_more_than_one_try(
    name, api_client, all_codes_on, user, fields, mailoutbox
):
    token = request_code(api_client, getattr(user, fields.email)).data["login_token"]
    url = reverse("login-code-confirm")

    _post(api_client, url, {"login_token": token, "code": BAD_VALUES[name]})

    assert EmailCode.objects.get().attempts <= 1
    right = {"login_token": token, "code": code_in(mailoutbox[0])}
    assert api_client.post(url, right, format="json").status_code == 200
