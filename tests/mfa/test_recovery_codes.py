"""mfa/recovery_codes/: how many are left, and a new set."""

import pytest
from django.urls import reverse

from djoser.mfa import signals
from djoser.mfa.models import RecoveryCode
from tests.conftest import PASSWORD
from tests.mfa.conftest import enrol, start_login, verify

URL = reverse("mfa-recovery-codes")


@pytest.fixture
def enrolled_client(client_for, user):
    return enrol(user), client_for(user)


def test_anonymous_client_gets_401(api_client):
    assert api_client.get(URL).status_code == 401


def test_get_answers_how_many_are_left_never_the_codes(enrolled_client):
    enrolled, client = enrolled_client
    RecoveryCode.objects.use(enrolled.user, enrolled.recovery_codes[0])

    response = client.get(URL)

    assert response.status_code == 200
    assert response.data == {"remaining": 9, "mfa_enabled": True}


def test_get_without_mfa_answers_zero(user_client):
    assert user_client.get(URL).data == {"remaining": 0, "mfa_enabled": False}


def test_post_with_password_and_code_makes_a_new_set_and_kills_the_old(
    enrolled_client, signal_calls
):
    enrolled, client = enrolled_client
    calls = signal_calls(signals.recovery_codes_generated)
    body = {"current_password": PASSWORD, "code": enrolled.code()}

    response = client.post(URL, body, format="json")

    assert response.status_code == 201
    new_codes = response.data["recovery_codes"]
    assert len(new_codes) == 10
    assert not RecoveryCode.objects.use(enrolled.user, enrolled.recovery_codes[0])
    assert RecoveryCode.objects.use(enrolled.user, new_codes[0])
    assert [call["user"] for call in calls] == [enrolled.user]


def test_post_with_a_current_code_makes_a_new_set(enrolled_client):
    enrolled, client = enrolled_client

    response = client.post(URL, {"code": enrolled.code()}, format="json")

    assert response.status_code == 201


@pytest.mark.parametrize("password", [PASSWORD, "wrong"])
def test_post_with_a_password_alone_is_401_and_keeps_the_old_set(
    enrolled_client, password
):
    enrolled, client = enrolled_client

    response = client.post(URL, {"current_password": password}, format="json")

    assert response.status_code == 401
    assert response.data["methods"] == ["totp", "recovery_code"]
    assert RecoveryCode.objects.use(enrolled.user, enrolled.recovery_codes[0])


def test_post_with_a_wrong_code_is_400_and_keeps_the_old_set(enrolled_client):
    enrolled, client = enrolled_client

    response = client.post(URL, {"code": "000000"}, format="json")

    assert response.status_code == 400
    assert RecoveryCode.objects.use(enrolled.user, enrolled.recovery_codes[0])


def test_post_without_mfa_is_400(user_client):
    response = user_client.post(URL, {"current_password": PASSWORD}, format="json")

    assert response.status_code == 400
    assert not RecoveryCode.objects.exists()


def test_number_of_codes_comes_from_the_setting(enrolled_client, djoser_settings):
    djoser_settings(MFA={"RECOVERY_CODES": 4})
    enrolled, client = enrolled_client

    response = client.post(URL, {"code": enrolled.code()}, format="json")

    assert len(response.data["recovery_codes"]) == 4


def test_recovery_code_works_once_at_login(api_client, fields, enrolled):
    code = enrolled.recovery_codes[3]
    first = start_login(api_client, fields, enrolled.user).data["mfa_token"]
    assert verify(api_client, first, code).status_code == 200
    second = start_login(api_client, fields, enrolled.user).data["mfa_token"]

    response = verify(api_client, second, code)

    assert response.status_code == 400
    assert set(response.data) == {"code"}


def test_recovery_code_is_accepted_without_dash_and_in_capitals(enrolled):
    code = enrolled.recovery_codes[0].replace("-", "").upper()

    assert RecoveryCode.objects.use(enrolled.user, code)


def test_methods_leave_out_recovery_codes_when_none_is_left(
    api_client, fields, enrolled
):
    for code in enrolled.recovery_codes:
        RecoveryCode.objects.use(enrolled.user, code)

    response = start_login(api_client, fields, enrolled.user)

    assert response.data["methods"] == ["totp"]
