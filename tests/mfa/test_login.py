"""The login's second step: token login, device tokens and JWT."""

import pytest
from django.contrib.auth import user_logged_in
from django.urls import reverse
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer
from rest_framework_simplejwt.tokens import AccessToken

from djoser.mfa import totp
from djoser.mfa.models import PendingLogin
from tests.conftest import reauthenticate
from tests.mfa.conftest import FIRST_STEPS, enrol, start_login, verify
from tests.token_models import holder_of

KINDS = list(FIRST_STEPS)


class ClaimingSerializer(TokenObtainPairSerializer):
    """A project's obtain serializer that adds a claim."""

    @classmethod
    def get_token(cls, user):
        token = super().get_token(user)
        token["house"] = "Ravenclaw"
        return token


@pytest.fixture(params=KINDS)
def kind(request):
    return request.param


def credential_holder(kind, data):
    """The user a login answer's credential belongs to."""
    if kind == "token":
        return holder_of(data["auth_token"])
    from djoser.conf import settings

    user_model = settings.SERIALIZERS.user.Meta.model
    return user_model._default_manager.get(pk=AccessToken(data["access"])["user_id"])


def test_user_without_mfa_gets_the_usual_answer(api_client, fields, user, kind):
    response = start_login(api_client, fields, user, kind)

    assert response.status_code == 200
    assert "mfa_required" not in response.data


def test_user_with_mfa_gets_401_with_an_mfa_token_and_no_credential(
    api_client, fields, enrolled, kind
):
    response = start_login(api_client, fields, enrolled.user, kind)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "MFA"
    assert response.json() == {
        "mfa_required": True,
        "mfa_token": response.data["mfa_token"],
        "methods": ["totp", "recovery_code"],
    }
    assert not {"auth_token", "access", "refresh"} & set(response.data)


def test_wrong_password_for_user_with_mfa_is_the_usual_400_or_401(
    api_client, fields, enrolled, kind
):
    response = api_client.post(
        f"/auth/{'token/login' if kind == 'token' else 'jwt/create'}/",
        {fields.username: getattr(enrolled.user, fields.username), "password": "x"},
        format="json",
    )

    assert response.status_code in (400, 401)
    assert "mfa_token" not in response.data
    assert not PendingLogin.objects.exists()


def test_verify_with_totp_code_answers_the_first_steps_credential(
    api_client, fields, enrolled, kind
):
    mfa_token = start_login(api_client, fields, enrolled.user, kind).data["mfa_token"]

    response = verify(api_client, mfa_token, enrolled.code())

    assert response.status_code == 200
    expected = {"auth_token"} if kind == "token" else {"access", "refresh"}
    # "login" names the first step, for clients to tell the answers apart.
    assert set(response.data) == {"login", *expected}
    assert response.data["login"] == kind
    assert credential_holder(kind, response.data) == enrolled.user


def test_verify_with_recovery_code_answers_the_credential(
    api_client, fields, enrolled, kind
):
    mfa_token = start_login(api_client, fields, enrolled.user, kind).data["mfa_token"]

    response = verify(api_client, mfa_token, enrolled.recovery_codes[0].upper())

    assert response.status_code == 200
    assert credential_holder(kind, response.data) == enrolled.user


def test_token_verify_fires_user_logged_in(api_client, fields, enrolled, signal_calls):
    calls = signal_calls(user_logged_in)
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]
    assert calls == []

    verify(api_client, mfa_token, enrolled.code())

    assert [call["user"] for call in calls] == [enrolled.user]


def test_first_step_does_not_move_last_login_but_verify_does(
    api_client, fields, enrolled
):
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]
    enrolled.user.refresh_from_db()
    assert enrolled.user.last_login is None

    verify(api_client, mfa_token, enrolled.code())

    enrolled.user.refresh_from_db()
    assert enrolled.user.last_login is not None


def test_mfa_token_works_once(api_client, fields, enrolled, travel):
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]
    assert verify(api_client, mfa_token, enrolled.code()).status_code == 200
    travel(30)

    response = verify(api_client, mfa_token, enrolled.code())

    assert response.status_code == 400
    assert set(response.data) == {"mfa_token"}


def test_mfa_token_expires_after_the_login_lifetime(
    api_client, fields, enrolled, travel
):
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]
    travel(5 * 60 + 1)

    response = verify(api_client, mfa_token, enrolled.code())

    assert response.status_code == 400
    assert set(response.data) == {"mfa_token"}


def test_mfa_token_is_stored_only_as_a_digest(api_client, fields, enrolled):
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]

    pending = PendingLogin.objects.get()
    assert mfa_token not in pending.digest
    assert len(mfa_token) >= 43


def test_mfa_token_dies_after_five_wrong_codes(api_client, fields, enrolled):
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]
    wrong = str((int(enrolled.code()) + 1) % 10**6).zfill(6)
    for _ in range(5):
        assert verify(api_client, mfa_token, wrong).data.keys() == {"code"}

    response = verify(api_client, mfa_token, enrolled.code())

    assert response.status_code == 400
    assert set(response.data) == {"mfa_token"}


def test_mfa_token_is_bound_to_its_user(api_client, fields, enrolled, make_user):
    other = enrol(make_user())
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]

    response = verify(api_client, mfa_token, other.code())

    assert response.status_code == 400
    assert set(response.data) == {"code"}


def test_mfa_token_is_bound_to_its_login_kind(api_client, fields, enrolled):
    mfa_token = start_login(api_client, fields, enrolled.user, "jwt").data["mfa_token"]

    response = verify(api_client, mfa_token, enrolled.code())

    assert set(response.data) == {"login", "access", "refresh"}


def test_wrong_codes_count_per_account_in_mfa_verify_rate(
    api_client, fields, enrolled, djoser_settings
):
    djoser_settings(THROTTLE_RATES={"mfa_verify": "3/hour"})
    wrong = str((int(enrolled.code()) + 1) % 10**6).zfill(6)
    for _ in range(3):
        mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]
        assert verify(api_client, mfa_token, wrong).status_code == 400
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]

    response = verify(api_client, mfa_token, enrolled.code())

    assert response.status_code == 429


def test_correct_passwords_of_mfa_users_do_not_count_as_failed_logins(
    api_client, fields, enrolled, djoser_settings
):
    djoser_settings(THROTTLE_RATES={"token_create": "2/hour"})
    for _ in range(3):
        assert start_login(api_client, fields, enrolled.user).status_code == 401

    assert start_login(api_client, fields, enrolled.user).status_code == 401


def test_inactive_user_cannot_finish_a_login(api_client, fields, enrolled):
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]
    enrolled.user.is_active = False
    enrolled.user.save()

    response = verify(api_client, mfa_token, enrolled.code())

    assert response.status_code == 400


def test_staff_without_mfa_gets_no_login_when_required_for_staff(
    api_client, fields, staff_user, djoser_settings
):
    djoser_settings(MFA={"REQUIRED_FOR_STAFF": True})

    response = start_login(api_client, fields, staff_user)

    assert response.status_code == 403
    assert "auth_token" not in response.data


def test_staff_without_mfa_logs_in_by_default(api_client, fields, staff_user):
    assert start_login(api_client, fields, staff_user).status_code == 200


def test_jwt_verify_uses_the_projects_obtain_serializer_claims(
    api_client, fields, enrolled, settings
):
    settings.SIMPLE_JWT = {
        **getattr(settings, "SIMPLE_JWT", {}),
        "TOKEN_OBTAIN_SERIALIZER": "tests.mfa.test_login.ClaimingSerializer",
    }
    mfa_token = start_login(api_client, fields, enrolled.user, "jwt").data["mfa_token"]

    response = verify(api_client, mfa_token, enrolled.code())

    assert AccessToken(response.data["access"])["house"] == "Ravenclaw"


CODE_USED = "This code was already used; wait for the next one."


def test_the_code_that_turned_mfa_on_is_refused_at_login_saying_why(
    api_client, client_for, fields, user, travel
):
    travel(0)
    client = reauthenticate(client_for(user))
    secret = client.get(reverse("mfa-totp")).data["secret"]
    code = totp.code_at(secret)
    assert (
        client.post(reverse("mfa-totp"), {"code": code}, format="json").status_code
        == 201
    )
    mfa_token = start_login(api_client, fields, user).data["mfa_token"]

    response = verify(api_client, mfa_token, code)

    assert response.status_code == 400
    assert response.json() == {"code": [CODE_USED]}


def test_a_code_used_at_login_is_refused_the_next_time_saying_why(
    api_client, fields, enrolled, travel
):
    travel(0)
    code = enrolled.code()
    first = start_login(api_client, fields, enrolled.user).data["mfa_token"]
    assert verify(api_client, first, code).status_code == 200
    second = start_login(api_client, fields, enrolled.user).data["mfa_token"]

    response = verify(api_client, second, code)

    assert response.json() == {"code": [CODE_USED]}
    # It counts as a wrong code all the same.
    assert PendingLogin.objects.get().failed_attempts == 1


def test_the_next_code_is_accepted(api_client, fields, enrolled, travel):
    travel(0)
    first = start_login(api_client, fields, enrolled.user).data["mfa_token"]
    assert verify(api_client, first, enrolled.code()).status_code == 200
    travel(30)
    second = start_login(api_client, fields, enrolled.user).data["mfa_token"]

    assert verify(api_client, second, enrolled.code()).status_code == 200


def test_a_wrong_code_is_still_invalid(api_client, fields, enrolled, travel):
    travel(0)
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]
    wrong = str((int(enrolled.code()) + 1) % 10**6).zfill(6)

    response = verify(api_client, mfa_token, wrong)

    assert response.json() == {"code": ["Invalid code."]}
