"""Fixtures for the passkey tests: a software authenticator and ceremonies."""

import pytest

from tests.conftest import reauthenticate
from tests.webauthn.authenticator import SoftAuthenticator
from tests.webauthn.helpers import DJOSER_2, LATEST, migrate, post


@pytest.fixture
def authenticator():
    return SoftAuthenticator()


@pytest.fixture
def signup_options(api_client, fields):
    """``signup_options()``: creation options for a fresh, unused username."""

    def request(**extra):
        username = fields.values()[fields.username]
        response = post(
            api_client, "webauthn_signup_request", {fields.username: username, **extra}
        )
        assert response.status_code == 200, response.data
        return response.data

    return request


@pytest.fixture
def account_fields(fields):
    """The signup body's account fields (all but the username)."""

    def make():
        values = fields.values()
        values.pop(fields.username)
        return values

    return make


@pytest.fixture
def signup(api_client, authenticator, signup_options, account_fields):
    """``signup(**body_changes)``: the whole signup ceremony; its response."""

    def run(**changes):
        options = signup_options()
        answer = authenticator.create(options)
        body = {**account_fields(), **answer, **changes}
        return post(api_client, "webauthn_signup", body, ukey=options["user"]["id"])

    return run


@pytest.fixture
def passkey_user(signup, fields):
    """An account made by a passkey signup, with no password."""
    response = signup()
    assert response.status_code == 201, response.data
    return fields.model._default_manager.get(
        **{fields.username: response.data[fields.username]}
    )


@pytest.fixture
def login_options(api_client):
    """``login_options(**body)``: request options, e.g. for one account."""

    def request(**body):
        response = post(api_client, "webauthn_login_request", body)
        assert response.status_code == 200, response.data
        return response.data

    return request


@pytest.fixture
def login(api_client, authenticator, login_options):
    """``login()``: a discoverable-passkey login; its response."""

    def run(**answer_changes):
        answer = authenticator.get(login_options())
        return post(api_client, "webauthn_login", {**answer, **answer_changes})

    return run


@pytest.fixture
def djoser_2_schema(transactional_db):
    """The schema djoser 2.x left; its ``CredentialOptions``. Latest again after."""
    apps = migrate(DJOSER_2)
    yield apps.get_model("webauthn", "CredentialOptions")
    migrate(LATEST)


def reauthenticate_with_passkey(client, authenticator):
    """Reauthenticate ``client`` with a passkey ``authenticator`` holds."""
    options = post(client, "reauthenticate-passkey-request")
    assert options.status_code == 200, options.data
    response = post(client, "reauthenticate", authenticator.get(options.data))
    assert response.status_code == 200, response.data
    return client


@pytest.fixture
def fresh_client_for(client_for, authenticator):
    """``fresh_client_for(user)``: its client, freshly reauthenticated.

    With the fixtures' password where the account has one, else with the
    passkey ``authenticator`` made at signup.
    """

    def make(user):
        client = client_for(user)
        if user.has_usable_password():
            return reauthenticate(client)
        return reauthenticate_with_passkey(client, authenticator)

    return make
