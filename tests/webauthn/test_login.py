"""Passkey login: ``login_request/`` then ``login/``."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY, user_logged_in
from django.urls import reverse
from django.utils.timezone import now
from rest_framework import serializers

from djoser import conf
from djoser.webauthn.models import Challenge, Passkey
from djoser.webauthn.serializers import (
    PasskeyAuthenticationSerializer,
    WebauthnLoginSerializer,
)
from tests.webauthn.authenticator import SoftAuthenticator, b64url, unb64url
from tests.webauthn.helpers import (
    CHALLENGE_INVALID,
    SIGN_COUNT,
    UNKNOWN_PASSKEY,
    VERIFICATION_FAILED,
    WRONG_ACCOUNT,
    errors,
    post,
)

pytestmark = pytest.mark.django_db


def username_of(fields, user):
    return {fields.username: getattr(user, fields.username)}


def test_a_passkey_login_hands_the_client_a_device_proof(login, passkey_user):
    response = login()

    assert response.status_code == 201
    assert list(response.json()) == ["auth_token"]
    assert response["Device-Proof"]
    assert response.cookies["djoser_device_proof"].value == response["Device-Proof"]


class TestLoginRequest:
    def test_for_an_account_it_lists_no_credential_ids(
        self, api_client, fields, passkey_user
    ):
        # The discoverable flow needs none; listing them told anyone which
        # accounts exist and have a passkey, and gave their ids to replay.
        response = post(
            api_client, "webauthn_login_request", username_of(fields, passkey_user)
        )

        assert response.status_code == 200
        options = response.data
        assert options["allowCredentials"] == []
        assert options["rpId"] == "localhost"
        assert options["userVerification"] == "preferred"
        assert len(unb64url(options["challenge"])) == 32
        assert Challenge.objects.get().user == passkey_user

    def test_a_named_account_still_logs_in_with_its_passkey(
        self, api_client, authenticator, fields, passkey_user, login_options
    ):
        options = login_options(**username_of(fields, passkey_user))

        response = post(api_client, "webauthn_login", authenticator.get(options))

        assert response.status_code == 201

    def test_without_an_account_it_allows_any_passkey(self, api_client):
        response = post(api_client, "webauthn_login_request", {})

        assert response.status_code == 200
        assert response.data["allowCredentials"] == []
        assert Challenge.objects.get().user is None

    @pytest.mark.parametrize("named", ["unknown", "without passkeys"])
    def test_an_unknown_account_answers_the_same_shape_as_a_known_one(
        self, api_client, fields, passkey_user, user, named
    ):
        known = post(
            api_client, "webauthn_login_request", username_of(fields, passkey_user)
        )
        body = (
            {fields.username: "nobody-here"}
            if named == "unknown"
            else username_of(fields, user)
        )

        response = post(api_client, "webauthn_login_request", body)

        assert response.status_code == known.status_code == 200
        assert _shape(response.data) == _shape(known.data)
        assert response.data["allowCredentials"] == []
        assert Challenge.objects.filter(user=None).count() == 1

    def test_the_login_serializer_setting_is_used(self, djoser_settings, api_client):
        djoser_settings(
            WEBAUTHN={"LOGIN_SERIALIZER": "tests.webauthn.test_login.ClosedSerializer"}
        )

        response = post(api_client, "webauthn_login_request", {})

        assert response.status_code == 400
        assert response.data == {"non_field_errors": ["Closed for maintenance."]}


def _shape(value):
    """The keys and value types of a JSON answer, without the values."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return type(value).__name__


class ClosedSerializer(WebauthnLoginSerializer):
    def validate(self, attrs):
        raise serializers.ValidationError("Closed for maintenance.")


class TestLogin:
    def test_answers_201_with_a_token_for_the_user(self, passkey_user, login):
        response = login()

        assert response.status_code == 201
        assert list(response.data) == ["auth_token"]
        # TOKEN_MODEL, whichever it is (the suite also runs with others).
        assert conf.settings.TOKEN_MODEL.objects.filter(user=passkey_user).count() == 1

    def test_logs_in_for_the_named_account(
        self, api_client, authenticator, fields, passkey_user, login_options
    ):
        options = login_options(**username_of(fields, passkey_user))

        response = post(api_client, "webauthn_login", authenticator.get(options))

        assert response.status_code == 201

    def test_records_the_use_and_the_new_signature_counter(self, passkey_user, login):
        before = now()

        login()
        login()

        passkey = passkey_user.passkeys.get()
        assert passkey.sign_count == 2
        assert passkey.last_used >= before

    def test_synced_passkeys_whose_counter_stays_zero_log_in_again(
        self, api_client, authenticator, passkey_user, login_options
    ):
        # The same passkey, in an authenticator that never counts.
        synced = SoftAuthenticator(counting=False)
        synced.credentials = authenticator.credentials

        for _ in range(2):
            answer = synced.get(login_options())
            assert post(api_client, "webauthn_login", answer).status_code == 201
        assert passkey_user.passkeys.get().sign_count == 0

    def test_sends_user_logged_in(self, passkey_user, login, signal_calls):
        logged_in = signal_calls(user_logged_in)

        login()

        assert [call["user"] for call in logged_in] == [passkey_user]

    def test_the_token_works_on_the_api(self, api_client, fields, passkey_user, login):
        token = login().data["auth_token"]

        api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        response = api_client.get(reverse("user-me"))

        assert response.status_code == 200
        assert response.data[fields.id] == passkey_user.pk

    def test_with_create_session_on_login_a_session_starts(
        self, djoser_settings, api_client, passkey_user, login
    ):
        djoser_settings(CREATE_SESSION_ON_LOGIN=True)

        login()

        assert api_client.session[SESSION_KEY] == str(passkey_user.pk)


def assert_no_login(user):
    assert not conf.settings.TOKEN_MODEL.objects.filter(user=user).exists()
    user.refresh_from_db()
    assert user.last_login is None
    assert user.passkeys.get().last_used is None


class TestLoginRefusals:
    def test_a_replayed_response_answers_400(
        self, api_client, authenticator, passkey_user, login_options
    ):
        answer = authenticator.get(login_options())

        first = post(api_client, "webauthn_login", answer)
        replay = post(api_client, "webauthn_login", answer)

        assert first.status_code == 201
        assert replay.status_code == 400
        assert errors(replay) == [CHALLENGE_INVALID]

    def test_an_unissued_challenge_answers_400(
        self, api_client, authenticator, passkey_user
    ):
        made_up = {"rpId": "localhost", "challenge": b64url(b"x" * 32)}

        response = post(api_client, "webauthn_login", authenticator.get(made_up))

        assert response.status_code == 400
        assert errors(response) == [CHALLENGE_INVALID]
        assert_no_login(passkey_user)

    def test_an_expired_challenge_answers_400(
        self, api_client, authenticator, passkey_user, login_options
    ):
        options = login_options()
        Challenge.objects.update(expires_at=now() - timedelta(seconds=1))

        response = post(api_client, "webauthn_login", authenticator.get(options))

        assert response.status_code == 400
        assert errors(response) == [CHALLENGE_INVALID]
        assert_no_login(passkey_user)

    def test_a_signup_challenge_cannot_log_in(
        self, api_client, authenticator, passkey_user, signup_options
    ):
        options = {"rpId": "localhost", "challenge": signup_options()["challenge"]}

        response = post(api_client, "webauthn_login", authenticator.get(options))

        assert response.status_code == 400
        assert errors(response) == [CHALLENGE_INVALID]
        assert_no_login(passkey_user)

    def test_a_tampered_signature_answers_400(
        self, api_client, authenticator, passkey_user, login_options
    ):
        answer = authenticator.get(login_options())
        signature = bytearray(unb64url(answer["response"]["signature"]))
        signature[-1] ^= 0x01
        answer["response"]["signature"] = b64url(bytes(signature))

        response = post(api_client, "webauthn_login", answer)

        assert response.status_code == 400
        assert errors(response) == [
            VERIFICATION_FAILED + "Could not verify authentication signature"
        ]
        assert_no_login(passkey_user)
        assert passkey_user.passkeys.get().sign_count == 0

    def test_tampered_authenticator_data_answers_400(
        self, api_client, authenticator, passkey_user, login_options
    ):
        answer = authenticator.get(login_options())
        data = bytearray(unb64url(answer["response"]["authenticatorData"]))
        data[-1] += 5  # raise the signed counter after signing
        answer["response"]["authenticatorData"] = b64url(bytes(data))

        response = post(api_client, "webauthn_login", answer)

        assert response.status_code == 400
        assert errors(response)[0].startswith(VERIFICATION_FAILED)
        assert_no_login(passkey_user)

    def test_a_wrong_origin_answers_400(
        self, api_client, authenticator, passkey_user, login_options
    ):
        answer = authenticator.get(login_options(), origin="http://localhost:9999")

        response = post(api_client, "webauthn_login", answer)

        assert response.status_code == 400
        [message] = errors(response)
        assert message.startswith(VERIFICATION_FAILED)
        assert "http://localhost:9999" in message
        assert_no_login(passkey_user)

    def test_another_rp_id_answers_400(
        self, djoser_settings, api_client, authenticator, passkey_user, login_options
    ):
        options = login_options()
        djoser_settings(WEBAUTHN={"RP_ID": "example.com"})

        response = post(api_client, "webauthn_login", authenticator.get(options))

        assert response.status_code == 400
        assert errors(response) == [VERIFICATION_FAILED + "Unexpected RP ID hash"]
        assert_no_login(passkey_user)

    def test_a_counter_that_goes_back_answers_400(
        self, api_client, authenticator, passkey_user, login_options, login
    ):
        assert login().status_code == 201
        assert login().status_code == 201
        # A clone of the passkey taken before those two logins.
        authenticator.credentials[0].sign_count = 0

        response = post(
            api_client, "webauthn_login", authenticator.get(login_options())
        )

        assert response.status_code == 400
        [message] = errors(response)
        assert message.startswith(VERIFICATION_FAILED)
        assert "sign count" in message
        assert passkey_user.passkeys.get().sign_count == 2

    def test_a_counter_moved_by_a_concurrent_login_answers_400(
        self, rf, authenticator, passkey_user, login_options
    ):
        answer = authenticator.get(login_options())
        serializer = PasskeyAuthenticationSerializer(
            data=answer, context={"challenge_fields": {}}
        )
        assert serializer.is_valid(), serializer.errors
        # Another login with the same counter value lands in between.
        Passkey.objects.update(sign_count=1)

        with pytest.raises(serializers.ValidationError) as refused:
            serializer.save()

        assert refused.value.detail == [SIGN_COUNT]

    def test_an_unregistered_passkey_answers_400(
        self, api_client, passkey_user, login_options
    ):
        stranger = SoftAuthenticator()
        stranger.create(
            {
                "rp": {"id": "localhost"},
                "user": {"id": b64url(b"u")},
                "challenge": b64url(b"c" * 32),
            }
        )

        response = post(api_client, "webauthn_login", stranger.get(login_options()))

        assert response.status_code == 400
        assert errors(response) == [UNKNOWN_PASSKEY]
        assert_no_login(passkey_user)

    def test_a_passkey_of_another_account_than_requested_answers_400(
        self, api_client, authenticator, fields, passkey_user, signup, login_options
    ):
        assert signup().status_code == 201  # a second account, same authenticator
        first_credential = authenticator.credentials[0]
        options = login_options(**username_of(fields, Passkey.objects.last().user))

        answer = authenticator.get(
            {**options, "allowCredentials": []}, credential=first_credential
        )
        response = post(api_client, "webauthn_login", answer)

        assert response.status_code == 400
        assert errors(response) == [WRONG_ACCOUNT]
        assert_no_login(passkey_user)

    def test_a_user_handle_of_another_account_answers_400(
        self, api_client, authenticator, passkey_user, login_options
    ):
        authenticator.credentials[0].user_handle = b"someone else"

        response = post(
            api_client, "webauthn_login", authenticator.get(login_options())
        )

        assert response.status_code == 400
        assert errors(response) == [WRONG_ACCOUNT]
        assert_no_login(passkey_user)

    def test_an_inactive_account_answers_400(
        self, api_client, authenticator, passkey_user, login_options
    ):
        passkey_user.is_active = False
        passkey_user.save()

        response = post(
            api_client, "webauthn_login", authenticator.get(login_options())
        )

        assert response.status_code == 400
        assert errors(response) == ["User account is disabled."]
        assert_no_login(passkey_user)


class TestThrottling:
    def test_failed_checks_of_one_passkey_are_limited_across_addresses(
        self, api_client, authenticator, passkey_user, login_options, djoser_settings
    ):
        djoser_settings(THROTTLE_RATES={"webauthn_login": "2/hour"})

        def tampered(ip):
            answer = authenticator.get(login_options())
            answer["response"]["signature"] = answer["response"]["signature"][::-1]
            return api_client.post(
                reverse("webauthn_login"), answer, format="json", REMOTE_ADDR=ip
            )

        for number in range(2):
            assert tampered(f"198.51.100.{number}").status_code == 400

        refused = tampered("203.0.113.9")
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) >= 1
        assert_no_login(passkey_user)
        # The passkey's owner is never refused by its count: the assertion
        # verifies.
        answer = authenticator.get(login_options())
        response = api_client.post(
            reverse("webauthn_login"), answer, format="json", REMOTE_ADDR="203.0.113.9"
        )
        assert response.status_code == 201

    def test_successful_logins_do_not_count(self, login, passkey_user, djoser_settings):
        djoser_settings(THROTTLE_RATES={"webauthn_login": "1/hour"})

        for _ in range(3):
            assert login().status_code == 201


def test_with_device_tokens_a_bad_device_name_answers_400_and_keeps_the_challenge(
    djoser_settings, api_client, authenticator, passkey_user, login_options
):
    djoser_settings(TOKEN_MODEL="djoser.devicetokens.models.DeviceToken")
    answer = authenticator.get(login_options())

    response = post(api_client, "webauthn_login", {**answer, "device_name": "x" * 201})

    assert response.status_code == 400
    assert set(response.data) == {"device_name"}
    assert Challenge.objects.count() == 1
