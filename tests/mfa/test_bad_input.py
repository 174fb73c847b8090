"""Malformed codes and tokens, wrong types, huge values: 400, nothing changed.

Bodies are sent as JSON text written by ``json.dumps``, which escapes a lone
surrogate as ``\\ud800`` the way a hostile client would send it.
"""

import json

import pytest
from django.urls import reverse

from djoser.mfa.models import PendingLogin, RecoveryCode, TOTPDevice, has_mfa
from tests.mfa.conftest import enrol, start_login


def send(client, method, url, body):
    return getattr(client, method)(
        url, json.dumps(body), content_type="application/json"
    )


BAD_CODES = [
    None,
    123456,
    12.5,
    True,
    [],
    {"code": "123456"},
    "",
    "1" * 10_000,
    "12345\x00",
    "\ud800",
    "１２３４５６",
    "12 34 56; DROP TABLE",
    {"nested": [[[[[[[[[[]]]]]]]]]]},
]


@pytest.mark.parametrize("code", BAD_CODES)
def test_verify_refuses_malformed_codes_and_keeps_the_login(
    api_client, fields, enrolled, code
):
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]

    response = send(
        api_client,
        "post",
        reverse("mfa-verify"),
        {"mfa_token": mfa_token, "code": code},
    )

    assert response.status_code == 400
    # A lone surrogate makes the whole body unreadable (djoser.parsers).
    assert set(response.data) == ({"detail"} if code == "\ud800" else {"code"})
    assert PendingLogin.objects.get().failed_attempts == 0


@pytest.mark.parametrize(
    "mfa_token", [None, 1, [], {"a": 1}, "", "x" * 10_000, "\x00", "\ud800"]
)
def test_verify_refuses_malformed_mfa_tokens(api_client, enrolled, mfa_token):
    response = send(
        api_client,
        "post",
        reverse("mfa-verify"),
        {"mfa_token": mfa_token, "code": enrolled.code()},
    )

    assert response.status_code == 400


@pytest.mark.parametrize(
    "body", [b"{", b"[]", b'"text"', b"null", b"\xff\xfe", b'{"code": 1e999999}']
)
def test_verify_refuses_unparsable_bodies(api_client, body):
    response = api_client.post(
        reverse("mfa-verify"), body, content_type="application/json"
    )

    assert response.status_code == 400


@pytest.mark.parametrize("code", BAD_CODES)
def test_enrolment_refuses_malformed_codes(fresh_client, user, code):
    fresh_client.get(reverse("mfa-totp"))

    response = send(fresh_client, "post", reverse("mfa-totp"), {"code": code})

    assert response.status_code == 400
    assert not has_mfa(user)


@pytest.mark.parametrize("code", BAD_CODES)
def test_turning_off_refuses_malformed_codes(client_for, user, code):
    enrol(user)

    response = send(client_for(user), "delete", reverse("mfa-totp"), {"code": code})

    assert response.status_code == 400
    assert has_mfa(user)


@pytest.mark.parametrize("password", [None, 123, [], {"a": "b"}, "x" * 10_000, "\x00"])
def test_regenerating_refuses_malformed_passwords(client_for, user, password):
    enrolled = enrol(user)

    response = send(
        client_for(user),
        "post",
        reverse("mfa-recovery-codes"),
        {"current_password": password, "code": enrolled.code()},
    )

    assert response.status_code == 400
    assert RecoveryCode.objects.use(user, enrolled.recovery_codes[0])
    assert TOTPDevice.objects.filter(user=user).count() == 1
