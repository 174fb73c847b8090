"""Broken or hostile request bodies: a 400 with a readable message, never a
500, and nothing stored."""

import base64
import json
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from djoser import conf
from djoser.webauthn.models import Challenge, Passkey, UserHandle
from tests.webauthn.authenticator import SoftAuthenticator, b64url, unb64url
from tests.webauthn.helpers import (
    MALFORMED,
    NOT_BASE64URL,
    VERIFICATION_FAILED,
    errors,
    post,
)

User = get_user_model()

pytestmark = pytest.mark.django_db


@dataclass
class Ceremony:
    """A valid answer for one endpoint, ready to be broken before sending."""

    client: object
    url: str
    body: dict

    def send(self, body):
        return self.client.post(self.url, body, format="json")

    def send_raw(self, raw):
        return self.client.post(self.url, raw, content_type="application/json")


def stored():
    """What a refused request must leave as it was."""
    return (
        User.objects.count(),
        Passkey.objects.count(),
        UserHandle.objects.count(),
        conf.settings.TOKEN_MODEL.objects.count(),
    )


@pytest.fixture(params=["signup", "login", "add"])
def ceremony(
    request, api_client, fresh_client_for, authenticator, fields, account_fields
):
    if request.param == "signup":
        username = fields.values()[fields.username]
        options = post(
            api_client, "webauthn_signup_request", {fields.username: username}
        ).data
        url = reverse("webauthn_signup", kwargs={"ukey": options["user"]["id"]})
        body = {**account_fields(), **authenticator.create(options)}
        return Ceremony(api_client, url, body)
    if request.param == "login":
        request.getfixturevalue("passkey_user")
        options = post(api_client, "webauthn_login_request", {}).data
        return Ceremony(
            api_client, reverse("webauthn_login"), authenticator.get(options)
        )
    client = fresh_client_for(request.getfixturevalue("user"))
    options = post(client, "webauthn_passkey_add_request").data
    return Ceremony(
        client, reverse("webauthn_passkey_add"), SoftAuthenticator().create(options)
    )


def with_response(body, **changes):
    return {**body, "response": {**body["response"], **changes}}


def with_client_data(body, **changes):
    """``body`` whose clientDataJSON has ``changes`` (its challenge kept)."""
    document = json.loads(unb64url(body["response"]["clientDataJSON"]))
    return with_response(body, clientDataJSON=client_data({**document, **changes}))


def client_data(document):
    return b64url(json.dumps(document).encode())


BROKEN_BODIES = {
    "no-id": lambda body: {k: v for k, v in body.items() if k != "id"},
    "no-response": lambda body: {k: v for k, v in body.items() if k != "response"},
    "response-is-a-string": lambda body: {**body, "response": "abc"},
    "response-is-a-list": lambda body: {**body, "response": []},
    "type-is-not-public-key": lambda body: {**body, "type": "password"},
    "id-is-a-dict": lambda body: {**body, "id": {"a": 1}},
    "id-differs-from-raw-id": lambda body: {**body, "id": b64url(b"another id")},
    "id-broken-base64": lambda body: {**body, "id": "not*base64!"},
    "raw-id-one-char-too-many": lambda body: {**body, "rawId": body["rawId"] + "A"},
    "id-huge": lambda body: {**body, "id": "A" * 5000, "rawId": "A" * 5000},
    "id-unicode": lambda body: {**body, "id": "ключ🔑", "rawId": "ключ🔑"},
    "client-data-broken-base64": lambda body: with_response(body, clientDataJSON="%%%"),
    "client-data-not-utf8": lambda body: with_response(
        body, clientDataJSON=b64url(b"\xff\xfe\xfd")
    ),
    "client-data-not-json": lambda body: with_response(
        body, clientDataJSON=b64url(b"{not json")
    ),
    "client-data-a-list": lambda body: with_response(
        body, clientDataJSON=client_data(["webauthn.get"])
    ),
    "client-data-without-challenge": lambda body: with_response(
        body,
        clientDataJSON=client_data(
            {"type": "webauthn.get", "origin": "http://localhost:8000"}
        ),
    ),
    "client-data-challenge-a-number": lambda body: with_response(
        body,
        clientDataJSON=client_data(
            {"type": "webauthn.get", "challenge": 7, "origin": "http://localhost"}
        ),
    ),
    "client-data-padded-standard-base64": lambda body: with_response(
        body,
        clientDataJSON=base64.b64encode(b"\xfb\xff" * 10).decode(),
    ),
    "client-data-missing": lambda body: with_response(body, clientDataJSON=None),
    "client-data-origin-a-lone-surrogate": lambda body: with_client_data(
        body, origin="\ud800"
    ),
    "client-data-type-a-lone-surrogate": lambda body: with_client_data(
        body, type="\udfff"
    ),
    "attachment-unknown": lambda body: {**body, "authenticatorAttachment": "usb-c"},
    "extension-results-a-string": lambda body: {
        **body,
        "clientExtensionResults": "x",
    },
}


@pytest.mark.parametrize("breakage", BROKEN_BODIES.values(), ids=BROKEN_BODIES)
def test_a_broken_credential_answers_400_and_stores_nothing(ceremony, breakage):
    before = stored()

    response = ceremony.send(breakage(ceremony.body))

    assert response.status_code == 400, response.data
    assert errors(response), "a 400 must say what is wrong"
    assert stored() == before


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        "[]",
        '"a string"',
        "null",
        "12",
        '{"id": "\\ud800"}',
        '{"type": "\\ud800"}',
        '{"response": ' + "[" * 3000 + "]" * 3000 + "}",
        "",
    ],
    ids=[
        "malformed",
        "list",
        "string",
        "null",
        "number",
        "lone-surrogate",
        "lone-surrogate-type",
        "deeply-nested",
        "empty",
    ],
)
def test_an_unreadable_body_answers_400_and_stores_nothing(ceremony, raw):
    before = stored()

    response = ceremony.send_raw(raw)

    assert response.status_code == 400
    assert stored() == before


def test_a_wrong_type_is_refused_without_repeating_it(ceremony):
    response = ceremony.send({**ceremony.body, "type": "<script>"})

    assert response.status_code == 400
    assert response.data == {"type": ['The only valid type is "public-key".']}


def test_broken_base64_is_named_as_such(ceremony):
    response = ceremony.send({**ceremony.body, "rawId": "not*base64!"})

    assert response.data == {"rawId": [NOT_BASE64URL]}


def test_unreadable_client_data_is_reported_as_malformed(ceremony):
    body = with_response(ceremony.body, clientDataJSON=b64url(b"{not json"))

    response = ceremony.send(body)

    [message] = errors(response)
    assert message.startswith(MALFORMED)


@pytest.mark.parametrize(
    "ceremony, field",
    [
        ("signup", "attestationObject"),
        ("add", "attestationObject"),
        ("login", "authenticatorData"),
    ],
    indirect=["ceremony"],
)
def test_garbage_binary_data_answers_400(ceremony, field):
    before = stored()

    response = ceremony.send(
        with_response(ceremony.body, **{field: b64url(b"\x9f" * 40)})
    )

    assert response.status_code == 400
    [message] = errors(response)
    assert message.startswith(VERIFICATION_FAILED)
    assert stored() == before


@pytest.mark.parametrize("ceremony", ["signup", "add"], indirect=True)
def test_a_unicode_passkey_name_is_kept(ceremony):
    response = ceremony.send({**ceremony.body, "name": "Clé « bureau » 🔑"})

    assert response.status_code == 201
    assert Passkey.objects.filter(name="Clé « bureau » 🔑").exists()


@pytest.mark.parametrize("ceremony", ["signup", "add"], indirect=True)
def test_a_too_long_passkey_name_answers_400(ceremony):
    before = stored()

    response = ceremony.send({**ceremony.body, "name": "n" * 65})

    assert response.status_code == 400
    assert "name" in response.data
    assert stored() == before


@pytest.mark.parametrize("route", ["webauthn_signup_request", "webauthn_login_request"])
@pytest.mark.parametrize(
    "raw",
    ["{not json", "[]", '"a string"', "null", "12"],
    ids=["malformed", "list", "string", "null", "number"],
)
def test_an_unreadable_options_request_answers_400(api_client, route, raw):
    response = api_client.post(reverse(route), raw, content_type="application/json")

    assert response.status_code == 400
    assert not Challenge.objects.exists()


@pytest.mark.parametrize("route", ["webauthn_signup_request", "webauthn_login_request"])
@pytest.mark.parametrize(
    "value",
    [{"a": 1}, ["x"], "n" * 10_000, "\x00nul"],
    ids=["dict", "list", "huge", "nul-byte"],
)
def test_a_wrong_username_value_answers_400(api_client, fields, route, value):
    response = post(api_client, route, {fields.username: value})

    assert response.status_code == 400
    assert fields.username in response.data
    assert not Challenge.objects.exists()


def test_an_unknown_ukey_answers_400(api_client, authenticator, signup_options):
    answer = authenticator.create(signup_options())

    response = post(api_client, "webauthn_signup", answer, ukey="A" * 500)

    assert response.status_code == 400
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "ukey",
    ["%00", "A%00B", "not*base64!", "A" * 89, "%F0%9F%94%91"],
    ids=["nul", "nul-inside", "outside-the-alphabet", "too-long", "unicode"],
)
def test_a_ukey_that_is_no_user_handle_answers_400(
    api_client, authenticator, signup_options, ukey
):
    answer = authenticator.create(signup_options())
    url = reverse("webauthn_signup", kwargs={"ukey": "UKEY"}).replace("UKEY", ukey)
    before = stored()

    response = api_client.post(url, answer, format="json")

    assert response.status_code == 400
    assert list(response.data) == ["ukey"]
    assert stored() == before
    assert Challenge.objects.count() == 1  # the signup's challenge is not used up
