"""mfa/totp/: get a secret, turn two-factor sign-in on, turn it off."""

import base64
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from djoser.mfa import signals, totp
from djoser.mfa.models import RecoveryCode, TOTPDevice, has_mfa
from tests.conftest import PASSWORD, reauthenticate
from tests.mfa.conftest import enrol, start_login, verify

URL = reverse("mfa-totp")


@pytest.fixture
def user_client(fresh_client):
    # Enrolment needs a fresh reauthentication (tests/test_reauthentication.py);
    # these tests are about what it does once given.
    return fresh_client


def test_anonymous_client_gets_401(api_client):
    assert api_client.get(URL).status_code == 401


def test_get_answers_a_new_160_bit_secret_its_uri_and_qr_code(user_client, user):
    response = user_client.get(URL)

    assert response.status_code == 200
    secret = response.data["secret"]
    assert len(base64.b32decode(secret)) == 20
    uri = urlsplit(response.data["otpauth_uri"])
    assert uri.scheme == "otpauth" and uri.netloc == "totp"
    assert parse_qs(uri.query)["secret"] == [secret]
    assert response.data["qr_svg"].startswith("<svg")
    assert not has_mfa(user)


def test_issuer_defaults_to_the_site_name(user_client):
    uri = user_client.get(URL).data["otpauth_uri"]

    # Without django.contrib.sites, the site is named after the request's host.
    assert parse_qs(urlsplit(uri).query)["issuer"] == ["testserver"]


def test_issuer_defaults_to_the_front_ends_site_name(user_client, djoser_settings):
    djoser_settings(EMAIL_FRONTEND_SITE_NAME="Example")

    uri = user_client.get(URL).data["otpauth_uri"]

    assert parse_qs(urlsplit(uri).query)["issuer"] == ["Example"]


def test_issuer_named_after_a_host_with_a_port_has_no_colon(client_for, user):
    client = reauthenticate(client_for(user))

    uri = client.get(URL, SERVER_NAME="localhost", SERVER_PORT="8088").data[
        "otpauth_uri"
    ]

    assert parse_qs(urlsplit(uri).query)["issuer"] == ["localhost 8088"]
    assert urlsplit(uri).path.count(":") == 1


def test_issuer_comes_from_the_setting(user_client, djoser_settings):
    djoser_settings(MFA={"ISSUER": "Example Bank"})

    uri = user_client.get(URL).data["otpauth_uri"]

    assert parse_qs(urlsplit(uri).query)["issuer"] == ["Example Bank"]


def test_each_get_replaces_the_pending_secret(user_client, user):
    first = user_client.get(URL).data["secret"]
    second = user_client.get(URL).data["secret"]

    assert first != second
    assert TOTPDevice.objects.get(user=user).secret == second


def test_secret_is_stored_encrypted(user_client, user):
    secret = user_client.get(URL).data["secret"]

    stored = TOTPDevice.objects.get(user=user).encrypted_secret
    assert secret not in stored
    assert secret not in base64.urlsafe_b64decode(stored).decode("latin-1")


def test_post_with_the_apps_code_turns_mfa_on_and_answers_recovery_codes(
    user_client, user, signal_calls
):
    calls = signal_calls(signals.mfa_enabled)
    secret = user_client.get(URL).data["secret"]

    response = user_client.post(URL, {"code": totp.code_at(secret)}, format="json")

    assert response.status_code == 201
    assert len(response.data["recovery_codes"]) == 10
    assert len(set(response.data["recovery_codes"])) == 10
    assert has_mfa(user)
    assert [call["user"] for call in calls] == [user]


def test_recovery_codes_are_stored_only_as_digests(user_client, user):
    secret = user_client.get(URL).data["secret"]
    codes = user_client.post(URL, {"code": totp.code_at(secret)}).data["recovery_codes"]

    digests = list(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(digests) == 10
    for code in codes:
        assert not any(code.replace("-", "") in digest for digest in digests)


def test_post_with_a_wrong_code_changes_nothing(user_client, user):
    secret = user_client.get(URL).data["secret"]
    wrong = str((int(totp.code_at(secret)) + 1) % 10**6).zfill(6)

    response = user_client.post(URL, {"code": wrong}, format="json")

    assert response.status_code == 400
    assert set(response.data) == {"code"}
    assert not has_mfa(user)
    assert not RecoveryCode.objects.exists()


def test_post_before_get_is_400(user_client):
    assert user_client.post(URL, {"code": "123456"}).status_code == 400


def test_get_once_mfa_is_on_is_400_and_keeps_the_secret(client_for, user):
    enrolled = enrol(user)
    client = reauthenticate(client_for(user), code=enrolled.code())

    response = client.get(URL)

    assert response.status_code == 400
    assert TOTPDevice.objects.get(user=user).secret == enrolled.secret


def test_recovery_codes_are_answered_once(user_client, user):
    secret = user_client.get(URL).data["secret"]
    user_client.post(URL, {"code": totp.code_at(secret)})

    response = user_client.post(URL, {"code": totp.code_at(secret)})

    assert response.status_code == 400
    assert "recovery_codes" not in response.data


class TestTurnOff:
    @pytest.fixture
    def enrolled_client(self, client_for, user):
        return enrol(user), client_for(user)

    def test_delete_with_the_password_and_a_code_turns_mfa_off(
        self, enrolled_client, signal_calls
    ):
        enrolled, client = enrolled_client
        calls = signal_calls(signals.mfa_disabled)

        response = client.delete(
            URL, {"current_password": PASSWORD, "code": enrolled.code()}, format="json"
        )

        assert response.status_code == 204
        assert not has_mfa(enrolled.user)
        assert not RecoveryCode.objects.filter(user=enrolled.user).exists()
        assert [call["user"] for call in calls] == [enrolled.user]

    def test_delete_with_a_current_code_turns_mfa_off(self, enrolled_client):
        enrolled, client = enrolled_client

        response = client.delete(URL, {"code": enrolled.code()}, format="json")

        assert response.status_code == 204
        assert not has_mfa(enrolled.user)

    def test_delete_with_a_recovery_code_turns_mfa_off(self, enrolled_client):
        enrolled, client = enrolled_client

        response = client.delete(
            URL, {"code": enrolled.recovery_codes[0]}, format="json"
        )

        assert response.status_code == 204

    @pytest.mark.parametrize(
        "body", [{}, {"current_password": "wrong"}, {"current_password": PASSWORD}]
    )
    def test_delete_without_a_code_is_401_and_keeps_mfa_on(self, enrolled_client, body):
        enrolled, client = enrolled_client

        response = client.delete(URL, body, format="json")

        assert response.status_code == 401
        assert response.data["reauthentication_required"] is True
        assert has_mfa(enrolled.user)

    @pytest.mark.parametrize("code", ["000000", "zzzzz-zzzzz"])
    def test_delete_with_a_wrong_code_is_400_and_keeps_mfa_on(
        self, enrolled_client, code
    ):
        enrolled, client = enrolled_client

        response = client.delete(URL, {"code": code}, format="json")

        assert response.status_code == 400
        assert has_mfa(enrolled.user)

    def test_delete_when_mfa_is_off_is_400(self, user_client):
        response = user_client.delete(
            URL, {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 400

    def test_wrong_codes_count_against_the_reauthentication_rate(
        self, enrolled_client, djoser_settings
    ):
        djoser_settings(THROTTLE_RATES={"reauthentication": "3/hour"})
        enrolled, client = enrolled_client
        for code in ("000000", "000001", "000002"):
            assert client.delete(URL, {"code": code}, format="json").status_code == 400

        response = client.delete(URL, {"code": enrolled.code()}, format="json")

        assert response.status_code == 429
        assert has_mfa(enrolled.user)

    def test_wrong_codes_do_not_lock_the_owner_out_of_the_second_step(
        self, enrolled_client, djoser_settings, api_client, fields
    ):
        # Finding 4 of issue 24: these used to fill the owner's mfa_verify
        # counter, so a thief with a token stopped the owner signing in.
        djoser_settings(THROTTLE_RATES={"mfa_verify": "3/hour"})
        enrolled, client = enrolled_client
        for code in ("000000", "000001", "000002", "000003"):
            client.delete(URL, {"code": code}, format="json")

        mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]
        response = verify(api_client, mfa_token, enrolled.code())

        assert response.status_code == 200
