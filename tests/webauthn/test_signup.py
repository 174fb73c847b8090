"""Passkey signup: ``signup_request/`` then ``signup/{ukey}/``."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.utils.timezone import now
from rest_framework import serializers

from djoser.conf import FromSettings
from djoser.signals import user_registered
from djoser.webauthn.models import Challenge, Passkey, UserHandle
from djoser.webauthn.serializers import WebauthnCreateUserSerializer
from djoser.webauthn.views import SignupView
from tests.helpers import link_in
from tests.webauthn.authenticator import b64url, unb64url
from tests.webauthn.helpers import (
    CHALLENGE_INVALID,
    VERIFICATION_FAILED,
    errors,
    post,
)

User = get_user_model()

pytestmark = pytest.mark.django_db


class TestSignupRequest:
    def test_answers_the_creation_options_the_browser_takes(self, api_client, fields):
        username = fields.values()[fields.username]

        response = post(
            api_client,
            "webauthn_signup_request",
            {fields.username: username, "display_name": "Ada L."},
        )

        assert response.status_code == 200
        options = response.data
        assert options["rp"] == {"id": "localhost", "name": "localhost"}
        assert options["user"]["name"] == username
        assert options["user"]["displayName"] == "Ada L."
        assert {"type": "public-key", "alg": -7} in options["pubKeyCredParams"]
        assert options["attestation"] == "none"
        assert options["authenticatorSelection"]["residentKey"] == "preferred"
        assert options["timeout"] == 300_000

    def test_challenge_and_user_handle_are_random_bytes_of_the_set_lengths(
        self, signup_options
    ):
        first, second = signup_options(), signup_options()

        assert len(unb64url(first["challenge"])) == 32
        assert len(unb64url(first["user"]["id"])) == 20
        assert first["challenge"] != second["challenge"]
        assert first["user"]["id"] != second["user"]["id"]

    def test_lengths_and_names_follow_the_webauthn_setting(
        self, djoser_settings, signup_options
    ):
        djoser_settings(
            WEBAUTHN={
                "RP_ID": "auth.example.com",
                "RP_NAME": "Example",
                "CHALLENGE_LENGTH": 48,
                "UKEY_LENGTH": 64,
                "CHALLENGE_LIFETIME": timedelta(seconds=90),
            }
        )

        options = signup_options()

        assert options["rp"] == {"id": "auth.example.com", "name": "Example"}
        assert len(unb64url(options["challenge"])) == 48
        assert len(unb64url(options["user"]["id"])) == 64
        assert options["timeout"] == 90_000

    def test_stores_a_challenge_that_expires_in_five_minutes(self, signup_options):
        before = now()
        options = signup_options()
        after = now()

        challenge = Challenge.objects.get(challenge=options["challenge"])
        assert before + timedelta(minutes=5) <= challenge.expires_at
        assert challenge.expires_at <= after + timedelta(minutes=5)

    def test_a_taken_username_answers_400_and_stores_no_challenge(
        self, api_client, fields, user
    ):
        response = post(
            api_client,
            "webauthn_signup_request",
            {fields.username: getattr(user, fields.username)},
        )

        assert response.status_code == 400
        assert fields.username in response.data
        assert not Challenge.objects.exists()

    def test_a_taken_username_in_another_case_answers_the_same_400(
        self, api_client, fields, user
    ):
        taken = getattr(user, fields.username)
        exact = post(api_client, "webauthn_signup_request", {fields.username: taken})

        response = post(
            api_client, "webauthn_signup_request", {fields.username: taken.swapcase()}
        )

        assert response.status_code == 400
        assert response.data == exact.data
        assert not Challenge.objects.exists()

    def test_a_missing_username_answers_400(self, api_client, fields):
        response = post(api_client, "webauthn_signup_request", {})

        assert response.status_code == 400
        assert fields.username in response.data


class TestSignup:
    def test_creates_the_account_with_its_passkey_and_answers_201(
        self, api_client, authenticator, signup_options, account_fields, fields
    ):
        options = signup_options()
        answer = authenticator.create(options)

        response = post(
            api_client,
            "webauthn_signup",
            {**account_fields(), **answer, "name": "Laptop"},
            ukey=options["user"]["id"],
        )

        assert response.status_code == 201, response.data
        user = User.objects.get(**{fields.username: options["user"]["name"]})
        assert response.data[fields.username] == options["user"]["name"]
        assert response.data[fields.id] == user.pk
        passkey = Passkey.objects.get(user=user)
        assert passkey.name == "Laptop"
        assert passkey.credential_id == answer["id"]
        assert passkey.transports == ["internal"]
        assert passkey.sign_count == 0

    def test_the_new_account_has_no_usable_password(self, passkey_user):
        assert not passkey_user.has_usable_password()
        assert passkey_user.is_active

    def test_the_user_handle_is_the_ukey_not_the_primary_key(
        self, api_client, authenticator, signup_options, account_fields
    ):
        options = signup_options()
        ukey = options["user"]["id"]
        answer = authenticator.create(options)

        response = post(
            api_client, "webauthn_signup", {**account_fields(), **answer}, ukey=ukey
        )

        assert response.status_code == 201
        handle = UserHandle.objects.get(handle=ukey)
        assert handle.user.passkeys.get().credential_id == answer["id"]
        assert unb64url(ukey) != str(handle.user.pk).encode()

    def test_sends_user_registered_once(self, signup, signal_calls):
        registered = signal_calls(user_registered)

        response = signup()

        assert response.status_code == 201
        assert len(registered) == 1
        assert registered[0]["sender"] is SignupView
        assert registered[0]["user"] == User.objects.get()
        assert registered[0]["request"] is not None

    def test_with_send_activation_email_the_account_waits_inactive(
        self, djoser_settings, signup, mailoutbox, fields
    ):
        djoser_settings(SEND_ACTIVATION_EMAIL=True)

        response = signup(**{fields.email: "new.person@example.com"})

        assert response.status_code == 201
        user = User.objects.get()
        assert not user.is_active
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [getattr(user, fields.email)]

    def test_a_lost_activation_mail_is_sent_again_and_its_link_activates(
        self, djoser_settings, signup, mailoutbox, fields, api_client
    ):
        djoser_settings(SEND_ACTIVATION_EMAIL=True)
        signup()
        user = User.objects.get()
        mailoutbox.clear()

        response = post(
            api_client,
            "user-resend-activation",
            {fields.email: getattr(user, fields.email)},
        )

        assert response.status_code == 204
        [message] = mailoutbox
        uid, token = link_in(message, django_settings.DJOSER["ACTIVATION_URL"])
        activation = post(api_client, "user-activation", {"uid": uid, "token": token})
        assert activation.status_code == 204
        user.refresh_from_db()
        assert user.is_active

    def test_with_send_confirmation_email_a_confirmation_goes_out(
        self, djoser_settings, signup, mailoutbox, fields
    ):
        djoser_settings(SEND_CONFIRMATION_EMAIL=True)

        response = signup(**{fields.email: "new.person@example.com"})

        assert response.status_code == 201
        assert User.objects.get().is_active
        assert len(mailoutbox) == 1

    def test_the_signup_serializer_setting_is_used(
        self, djoser_settings, signup, account_fields
    ):
        djoser_settings(
            WEBAUTHN={"SIGNUP_SERIALIZER": "tests.webauthn.test_signup.TermsSerializer"}
        )

        refused = signup()

        assert refused.status_code == 400
        assert "accept_terms" in refused.data
        assert signup(accept_terms=True).status_code == 201

    def test_invalid_account_fields_leave_the_challenge_usable(
        self,
        djoser_settings,
        api_client,
        authenticator,
        signup_options,
        account_fields,
    ):
        djoser_settings(
            WEBAUTHN={"SIGNUP_SERIALIZER": "tests.webauthn.test_signup.TermsSerializer"}
        )
        options = signup_options()
        body = {**account_fields(), **authenticator.create(options)}
        ukey = options["user"]["id"]

        refused = post(api_client, "webauthn_signup", body, ukey=ukey)
        accepted = post(
            api_client, "webauthn_signup", {**body, "accept_terms": True}, ukey=ukey
        )

        assert refused.status_code == 400
        assert accepted.status_code == 201


class TermsSerializer(WebauthnCreateUserSerializer):
    accept_terms = serializers.BooleanField(write_only=True)

    class Meta(WebauthnCreateUserSerializer.Meta):
        fields = FromSettings(
            lambda: WebauthnCreateUserSerializer.Meta.fields + ("accept_terms",)
        )

    def create(self, validated_data):
        validated_data.pop("accept_terms")
        return super().create(validated_data)


def assert_nothing_stored():
    assert not User.objects.exists()
    assert not Passkey.objects.exists()
    assert not UserHandle.objects.exists()


class TestSignupRefusals:
    def test_a_replayed_response_answers_400_and_creates_one_account(
        self, api_client, authenticator, signup_options, account_fields
    ):
        options = signup_options()
        body = {**account_fields(), **authenticator.create(options)}
        ukey = options["user"]["id"]

        first = post(api_client, "webauthn_signup", body, ukey=ukey)
        replay = post(api_client, "webauthn_signup", body, ukey=ukey)

        assert first.status_code == 201
        assert replay.status_code == 400
        assert errors(replay) == [CHALLENGE_INVALID]
        assert User.objects.count() == 1

    def test_another_ukey_in_the_url_answers_400(
        self, api_client, authenticator, signup_options, account_fields
    ):
        options = signup_options()
        other_ukey = signup_options()["user"]["id"]
        body = {**account_fields(), **authenticator.create(options)}

        response = post(api_client, "webauthn_signup", body, ukey=other_ukey)

        assert response.status_code == 400
        assert errors(response) == [CHALLENGE_INVALID]
        assert_nothing_stored()

    def test_an_expired_challenge_answers_400(
        self, api_client, authenticator, signup_options, account_fields
    ):
        options = signup_options()
        Challenge.objects.update(expires_at=now() - timedelta(seconds=1))
        body = {**account_fields(), **authenticator.create(options)}

        response = post(api_client, "webauthn_signup", body, ukey=options["user"]["id"])

        assert response.status_code == 400
        assert errors(response) == [CHALLENGE_INVALID]
        assert_nothing_stored()

    def test_a_login_challenge_cannot_sign_up(
        self, api_client, authenticator, signup_options, account_fields
    ):
        options = signup_options()
        login_challenge = post(api_client, "webauthn_login_request", {}).data
        answer = authenticator.create(
            {**options, "challenge": login_challenge["challenge"]}
        )

        response = post(
            api_client,
            "webauthn_signup",
            {**account_fields(), **answer},
            ukey=options["user"]["id"],
        )

        assert response.status_code == 400
        assert errors(response) == [CHALLENGE_INVALID]
        assert_nothing_stored()

    def test_a_wrong_origin_answers_400(
        self, api_client, authenticator, signup_options, account_fields
    ):
        options = signup_options()
        answer = authenticator.create(options, origin="https://evil.example")

        response = post(
            api_client,
            "webauthn_signup",
            {**account_fields(), **answer},
            ukey=options["user"]["id"],
        )

        assert response.status_code == 400
        [message] = errors(response)
        assert message.startswith(VERIFICATION_FAILED)
        assert "origin" in message
        assert_nothing_stored()

    def test_the_origin_setting_is_enforced(
        self,
        djoser_settings,
        api_client,
        authenticator,
        signup_options,
        account_fields,
    ):
        djoser_settings(WEBAUTHN={"ORIGIN": "https://app.example.com"})
        options = signup_options()
        answer = authenticator.create(options)  # made on http://localhost:8000

        response = post(
            api_client,
            "webauthn_signup",
            {**account_fields(), **answer},
            ukey=options["user"]["id"],
        )

        assert response.status_code == 400
        assert_nothing_stored()

    def test_one_of_several_configured_origins_is_accepted(
        self, djoser_settings, signup
    ):
        djoser_settings(
            WEBAUTHN={"ORIGIN": ["https://app.example.com", "http://localhost:8000"]}
        )

        assert signup().status_code == 201

    def test_a_credential_for_another_rp_id_answers_400(
        self, api_client, authenticator, signup_options, account_fields
    ):
        options = signup_options()
        answer = authenticator.create(options, rp_id="evil.example")

        response = post(
            api_client,
            "webauthn_signup",
            {**account_fields(), **answer},
            ukey=options["user"]["id"],
        )

        assert response.status_code == 400
        assert errors(response) == [VERIFICATION_FAILED + "Unexpected RP ID hash"]
        assert_nothing_stored()

    def test_a_public_key_off_the_curve_answers_400(
        self, api_client, authenticator, signup_options, account_fields
    ):
        options = signup_options()
        answer = authenticator.create(options)
        attestation = bytearray(unb64url(answer["response"]["attestationObject"]))
        attestation[-1] ^= 0xFF  # the last byte of the public key's y
        answer["response"]["attestationObject"] = b64url(bytes(attestation))

        response = post(
            api_client,
            "webauthn_signup",
            {**account_fields(), **answer},
            ukey=options["user"]["id"],
        )

        assert response.status_code == 400
        assert errors(response)[0].startswith(VERIFICATION_FAILED)
        assert_nothing_stored()

    def test_a_username_taken_meanwhile_answers_400(
        self,
        api_client,
        authenticator,
        signup_options,
        account_fields,
        make_user,
        fields,
    ):
        options = signup_options()
        make_user(**{fields.username: options["user"]["name"]})
        body = {**account_fields(), **authenticator.create(options)}

        response = post(api_client, "webauthn_signup", body, ukey=options["user"]["id"])

        assert response.status_code == 400
        assert response.data == ["Unable to create account."]
        assert not Passkey.objects.exists()
        assert not UserHandle.objects.exists()
