"""The device-token login of an account with two-factor sign-in (djoser.mfa)."""

from django.urls import reverse

from djoser.devicetokens.models import DeviceToken
from tests.mfa.conftest import enrol, login_body, verify


def test_first_step_issues_no_device_token(device_settings, api_client, fields, user):
    enrol(user)

    response = api_client.post(reverse("login"), login_body(fields, user))

    assert response.status_code == 401
    assert not DeviceToken.objects.exists()


def test_verify_answers_a_device_token_named_as_the_verify_request_says(
    device_settings, api_client, fields, user
):
    enrolled = enrol(user)
    mfa_token = api_client.post(reverse("login"), login_body(fields, user)).data[
        "mfa_token"
    ]

    response = api_client.post(
        reverse("mfa-verify"),
        {"mfa_token": mfa_token, "code": enrolled.code(), "device_name": "Laptop"},
        format="json",
    )

    assert response.status_code == 200
    assert response.data["auth_token"].startswith("dtk_")
    token = DeviceToken.objects.get(user=user)
    assert token.device_name == "Laptop"


def test_verify_without_device_name_names_the_token_after_the_user_agent(
    device_settings, api_client, fields, user
):
    enrolled = enrol(user)
    mfa_token = api_client.post(reverse("login"), login_body(fields, user)).data[
        "mfa_token"
    ]

    verify(api_client, mfa_token, enrolled.code())

    assert DeviceToken.objects.get(user=user).device_name == ""


def test_bad_device_name_at_verify_keeps_the_login_for_another_try(
    device_settings, api_client, fields, user
):
    enrolled = enrol(user)
    mfa_token = api_client.post(reverse("login"), login_body(fields, user)).data[
        "mfa_token"
    ]
    refused = api_client.post(
        reverse("mfa-verify"),
        {"mfa_token": mfa_token, "code": enrolled.code(), "device_name": ["x"]},
        format="json",
    )

    response = api_client.post(
        reverse("mfa-verify"),
        {"mfa_token": mfa_token, "code": enrolled.code()},
        format="json",
    )

    assert refused.status_code == 400
    assert set(refused.data) == {"device_name"}
    assert response.status_code == 200
