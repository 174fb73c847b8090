"""Login by code with two-factor sign-in on, and under the rate limits."""

import pytest
from django.urls import reverse

from djoser.mfa.models import PendingLogin
from tests.codes.conftest import code_in, confirm, request_code
from tests.mfa.conftest import enrol

pytestmark = pytest.mark.django_db


def _address(fields, user):
    return getattr(user, fields.email)


def test_an_account_with_two_factor_on_still_needs_its_second_step(
    api_client, codes_on, user, fields, mailoutbox
):
    enrolled = enrol(user)
    token = request_code(api_client, _address(fields, user)).data["login_token"]

    response = confirm(api_client, token, code_in(mailoutbox[0]), kind="jwt")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "MFA"
    assert response.data["mfa_required"] is True
    assert PendingLogin.objects.get().kind == "jwt"
    verified = api_client.post(
        reverse("mfa-verify"),
        {"mfa_token": response.data["mfa_token"], "code": enrolled.code()},
        format="json",
    )
    assert verified.status_code == 200
    assert set(verified.data) == {"login", "access", "refresh"}
    assert verified.data["login"] == "jwt"


def test_the_code_is_spent_even_when_the_second_step_is_asked(
    api_client, codes_on, user, fields, mailoutbox
):
    enrol(user)
    token = request_code(api_client, _address(fields, user)).data["login_token"]
    confirm(api_client, token, code_in(mailoutbox[0]))

    assert confirm(api_client, token, code_in(mailoutbox[0])).status_code == 400


def test_requests_are_limited_per_address(
    api_client, codes_on, djoser_settings, user, fields, mailoutbox
):
    djoser_settings(THROTTLE_RATES={"login_code_request": "2/hour"})
    statuses = [
        request_code(api_client, _address(fields, user)).status_code for _ in range(3)
    ]

    assert statuses == [202, 202, 429]
    assert len(mailoutbox) == 2


def test_requests_are_limited_per_account_across_clients(
    codes_on, djoser_settings, user, fields, mailoutbox
):
    from rest_framework.test import APIClient

    djoser_settings(THROTTLE_RATES={"login_code_request": "2/hour"})
    statuses = [
        APIClient(REMOTE_ADDR=f"10.0.0.{number}")
        .post(
            reverse("login-code-request"),
            {fields.email: _address(fields, user).upper()},
            format="json",
        )
        .status_code
        for number in range(1, 4)
    ]

    assert statuses == [202, 202, 429]


@pytest.mark.parametrize("known", [True, False], ids=["account", "unknown address"])
def test_resends_are_limited_per_account_across_clients(
    codes_on, djoser_settings, user, fields, mailoutbox, known
):
    # A resend names no account, only its login_token: the account that
    # token was asked for is counted, or clients at many addresses would
    # mail the owner without limit.
    from rest_framework.test import APIClient

    djoser_settings(THROTTLE_RATES={"login_code_request": "2/hour"})
    address = _address(fields, user) if known else "nobody@example.com"
    token = request_code(APIClient(REMOTE_ADDR="10.0.1.1"), address)
    statuses = [
        APIClient(REMOTE_ADDR=f"10.0.0.{number}")
        .post(
            reverse("login-code-resend"),
            {"login_token": token.data["login_token"]},
            format="json",
        )
        .status_code
        for number in range(1, 4)
    ]

    assert statuses == [202, 202, 429]
    assert len(mailoutbox) == (3 if known else 0)


def test_a_client_that_signed_in_before_is_not_locked_out_of_asking(
    codes_on, djoser_settings, user, fields, mailoutbox
):
    # Anyone who knows the address could fill its count and keep the owner
    # from signing in by code; a device proof takes the owner's client out
    # of it, as at the password login (issue 30).
    from rest_framework.test import APIClient

    from tests.conftest import PASSWORD

    djoser_settings(THROTTLE_RATES={"login_code_request": "2/hour"})
    signed_in = APIClient().post(
        reverse("login"),
        {fields.username: getattr(user, fields.username), "password": PASSWORD},
        format="json",
    )
    address = {fields.email: _address(fields, user)}
    for number in range(1, 4):
        APIClient(REMOTE_ADDR=f"10.0.0.{number}").post(
            reverse("login-code-request"), address, format="json"
        )

    stranger = APIClient(REMOTE_ADDR="10.0.1.1").post(
        reverse("login-code-request"), address, format="json"
    )
    owner = APIClient(REMOTE_ADDR="10.0.1.2").post(
        reverse("login-code-request"),
        address,
        format="json",
        HTTP_DEVICE_PROOF=signed_in["Device-Proof"],
    )

    assert stranger.status_code == 429
    assert owner.status_code == 202


def test_wrong_codes_are_limited_per_client(
    api_client, codes_on, djoser_settings, user, fields, mailoutbox
):
    djoser_settings(THROTTLE_RATES={"code_confirm": "2/hour"})
    token = request_code(api_client, _address(fields, user)).data["login_token"]
    statuses = [
        confirm(api_client, "no-such-token", "AAAA").status_code for _ in range(3)
    ]

    assert statuses == [400, 400, 429]
    # A right code is not let through past the limit either.
    assert confirm(api_client, token, code_in(mailoutbox[0])).status_code == 429


def test_right_codes_are_not_counted(
    api_client, codes_on, djoser_settings, user, fields, mailoutbox
):
    djoser_settings(THROTTLE_RATES={"code_confirm": "1/hour"})
    for number in range(2):
        token = request_code(api_client, _address(fields, user)).data["login_token"]
        response = confirm(api_client, token, code_in(mailoutbox[number]))
        assert response.status_code == 200


def test_a_code_login_hands_out_a_device_proof(
    api_client, codes_on, djoser_settings, user, fields, mailoutbox
):
    from datetime import timedelta

    djoser_settings(DEVICE_PROOFS={"LIFETIME": timedelta(days=30)})
    token = request_code(api_client, _address(fields, user)).data["login_token"]

    response = confirm(api_client, token, code_in(mailoutbox[0]))

    assert response.status_code == 200
    assert response["Device-Proof"]


def test_config_offers_login_by_code_only_while_it_is_on(api_client, djoser_settings):
    url = reverse("client-config")
    assert "code" not in api_client.get(url).json()["login_methods"]

    djoser_settings(CODES={"LOGIN": True})

    assert "code" in api_client.get(url).json()["login_methods"]
