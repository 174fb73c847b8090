"""Passkey logins skip djoser.mfa's second step (docs/mfa.rst says why)."""

import pytest
from django.urls import reverse

from djoser.mfa.models import PendingLogin
from tests.mfa.conftest import enrol
from tests.token_models import holder_of

pytestmark = pytest.mark.django_db


def test_passkey_login_of_an_account_with_mfa_answers_the_token(passkey_user, login):
    enrol(passkey_user)

    response = login()

    assert response.status_code == 201, response.data
    assert holder_of(response.data["auth_token"]) == passkey_user
    assert not PendingLogin.objects.exists()


def test_passkey_login_of_staff_without_mfa_is_refused_when_mfa_is_required(
    passkey_user, login, djoser_settings
):
    djoser_settings(MFA={"REQUIRED_FOR_STAFF": True})
    passkey_user.is_staff = True
    passkey_user.save(update_fields=["is_staff"])

    response = login()

    assert response.status_code == 403, response.data
    assert response.data["detail"].code == "mfa_setup_required"
    assert "auth_token" not in response.data


def test_passkey_login_of_staff_with_mfa_needs_no_code_when_mfa_is_required(
    passkey_user, login, djoser_settings
):
    djoser_settings(MFA={"REQUIRED_FOR_STAFF": True})
    passkey_user.is_staff = True
    passkey_user.save(update_fields=["is_staff"])
    enrol(passkey_user)

    response = login()

    assert response.status_code == 201, response.data
    assert holder_of(response.data["auth_token"]) == passkey_user


def test_passkey_login_of_staff_without_mfa_works_by_default(passkey_user, login):
    passkey_user.is_staff = True
    passkey_user.save(update_fields=["is_staff"])

    assert login().status_code == 201


def test_a_session_made_by_a_passkey_login_of_an_account_with_mfa_counts(
    passkey_user, login, api_client, djoser_settings
):
    djoser_settings(CREATE_SESSION_ON_LOGIN=True)
    enrol(passkey_user)

    assert login().status_code == 201

    assert api_client.get(reverse("user-me")).status_code == 200
