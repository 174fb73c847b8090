"""Passkey login through the browser client: the token lands in a cookie."""

import pytest

from tests.browser.conftest import BrowserClient, browser_url
from tests.token_models import holder_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    client = BrowserClient()
    client.fetch_csrf_token()
    return client


def passkey_login(browser, authenticator):
    options = browser.post(browser_url("webauthn_login_request"), {}, format="json")
    assert options.status_code == 200
    answer = authenticator.get(options.data)
    return browser.post(browser_url("webauthn_login"), answer, format="json")


def test_passkey_login_sets_the_token_cookie_and_answers_no_token(
    browser, authenticator, passkey_user
):
    response = passkey_login(browser, authenticator)

    assert response.status_code == 201
    assert response.data == {}
    cookie = response.cookies["auth_token"]
    assert cookie["httponly"] is True
    assert holder_of(cookie.value) == passkey_user
    assert browser.get(browser_url("webauthn_passkey_list")).status_code == 200


def test_passkey_login_without_the_csrf_token_is_refused(
    browser, authenticator, passkey_user
):
    options = browser.post(browser_url("webauthn_login_request"), {}, format="json")
    answer = authenticator.get(options.data)
    browser.send_csrf_header = False

    response = browser.post(browser_url("webauthn_login"), answer, format="json")

    assert response.status_code == 403
    assert "auth_token" not in response.cookies


def test_deleting_a_passkey_needs_the_csrf_token(browser, authenticator, passkey_user):
    passkey_login(browser, authenticator)
    passkey = passkey_user.passkeys.get()
    browser.send_csrf_header = False

    response = browser.delete(browser_url("webauthn_passkey_detail", pk=passkey.pk))

    assert response.status_code == 403
    assert passkey_user.passkeys.exists()
