"""Every login records one session, through djoser.sessions.record_login."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from djoser import sessions
from djoser.devicetokens.models import DeviceToken
from djoser.sessions.models import Session, credential_id
from tests.conftest import PASSWORD
from tests.mfa.conftest import enrol, start_login, verify
from tests.sessions.conftest import claims, me
from tests.token_models import tokens_of

DEVICE_TOKEN = "djoser.devicetokens.models.DeviceToken"


def token_login(fields, user, client=None, **body):
    client = client or APIClient(HTTP_USER_AGENT="TestBrowser/1.0")
    credentials = {fields.username: getattr(user, fields.username)}
    return client.post(
        reverse("login"), {**credentials, "password": PASSWORD, **body}, format="json"
    )


class TestEveryLoginRecordsOneSession:
    def test_jwt_create(self, jwt_login, user):
        pair = jwt_login(user)

        session = Session.objects.get()
        assert (session.user, session.kind) == (user, "jwt")
        assert claims(pair["refresh"])["sid"] == session.pk
        assert claims(pair["access"])["sid"] == session.pk
        assert session.refresh_jti == claims(pair["refresh"])["jti"]

    def test_token_login(self, sessions_on, fields, user):
        response = token_login(fields, user)

        assert response.status_code == 200
        session = Session.objects.get()
        assert (session.user, session.kind) == (user, "token")
        assert session.credential == credential_id(tokens_of(user).get())

    def test_device_token_login(
        self, sessions_on, djoser_settings, settings, fields, user
    ):
        djoser_settings(TOKEN_MODEL=DEVICE_TOKEN, SESSIONS=settings.DJOSER["SESSIONS"])

        token_login(fields, user, device_name="Phone")

        session = Session.objects.get()
        assert session.device_name == "Phone"
        assert session.credential == credential_id(DeviceToken.objects.get())

    @pytest.mark.parametrize("kind", ["token", "jwt"])
    def test_the_second_step_of_two_factor_sign_in(
        self, sessions_on, api_client, fields, user, kind
    ):
        enrolled = enrol(user)
        mfa_token = start_login(api_client, fields, user, kind).data["mfa_token"]
        assert not Session.objects.exists()

        response = verify(api_client, mfa_token, enrolled.code())

        assert response.status_code == 200
        assert Session.objects.get().kind == "mfa"
        if kind == "jwt":
            assert claims(response.data["refresh"])["sid"] == Session.objects.get().pk

    def test_each_login_makes_a_session_of_its_own(self, jwt_login, user):
        jwt_login(user)
        jwt_login(user)

        assert Session.objects.filter(user=user).count() == 2

    def test_a_failed_login_records_nothing(self, sessions_on, fields, user):
        response = token_login(fields, user, password="wrong")

        assert response.status_code == 400
        assert not Session.objects.exists()

    def test_a_login_costs_one_query_more(
        self, sessions_on, djoser_settings, fields, user
    ):
        token_login(fields, user)  # the token exists: a later login only reads it
        djoser_settings(SESSIONS={"ENABLED": False})
        with CaptureQueriesContext(connection) as without:
            token_login(fields, user)
        djoser_settings(SESSIONS={"ENABLED": True})
        with CaptureQueriesContext(connection) as with_sessions:
            token_login(fields, user)

        assert len(with_sessions) == len(without) + 1


class TestWhatASessionKeeps:
    def test_the_user_agent_and_the_truncated_address(self, jwt_login, user):
        jwt_login(user, user_agent="Firefox/140 " + "x" * 300)

        session = Session.objects.get()
        assert session.user_agent.startswith("Firefox/140")
        assert len(session.user_agent) == 200
        assert session.client_address == "203.0.113.0"

    @pytest.mark.parametrize(
        ("setting", "expected"), [("full", "203.0.113.77"), (None, None)]
    )
    def test_the_address_setting(self, jwt_login, sessions_on, user, setting, expected):
        sessions_on(CLIENT_ADDRESS=setting)

        jwt_login(user)

        assert Session.objects.get().client_address == expected

    def test_an_ipv6_address_is_cut_to_its_48_bit_prefix(
        self, sessions_on, fields, user
    ):
        client = APIClient(REMOTE_ADDR="2001:db8:1234:5678::1")

        token_login(fields, user, client=client)

        assert Session.objects.get().client_address == "2001:db8:1234::"

    @pytest.mark.parametrize("name", [7, ["list"], {"deep": {"er": 1}}, None])
    def test_a_device_name_that_is_not_a_string_is_left_out(
        self, jwt_login, user, name
    ):
        jwt_login(user, device_name=name)

        assert Session.objects.get().device_name == ""

    def test_a_nul_is_taken_out_of_the_device_name(self, jwt_login, user):
        jwt_login(user, device_name="Pho\x00ne")

        assert Session.objects.get().device_name == "Phone"

    def test_a_device_name_with_a_lone_surrogate_is_a_400(
        self, sessions_on, fields, user
    ):
        body = {
            fields.username: getattr(user, fields.username),
            "password": PASSWORD,
            "device_name": "\ud800 tablet",
        }
        # Written by hand: json.dumps escapes a lone surrogate as \ud800.
        response = APIClient().post(
            reverse("jwt-create"), json.dumps(body), content_type="application/json"
        )

        assert response.status_code == 400
        assert not Session.objects.exists()

    def test_sessions_off_record_nothing_and_tokens_carry_no_session(
        self, jwt_login, djoser_settings, user
    ):
        djoser_settings(SESSIONS={"ENABLED": False})

        pair = jwt_login(user)

        assert not Session.objects.exists()
        assert "sid" not in claims(pair["refresh"])
        assert me(pair["access"]).status_code == 200


class TestTheHook:
    def test_a_credential_it_cannot_bind_is_recorded_and_returned_as_is(
        self, sessions_on, rf, user
    ):
        answer = {"key": "from a strategy of the project's own"}

        returned = sessions.record_login(rf.post("/"), user, "code", answer)

        assert returned is answer
        assert (Session.objects.get().kind, Session.objects.get().credential) == (
            "code",
            "",
        )

    def test_without_the_app_it_returns_the_credential_and_records_nothing(
        self, db, djoser_settings, rf, user
    ):
        djoser_settings(SESSIONS={"ENABLED": False})
        answer = {"refresh": "not even a token"}

        assert sessions.record_login(rf.post("/"), user, "jwt", answer) is answer
        assert not Session.objects.exists()
