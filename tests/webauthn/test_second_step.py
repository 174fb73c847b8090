"""Passkey logins skip djoser.mfa's second step (docs/mfa.rst says why)."""

import pytest

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
