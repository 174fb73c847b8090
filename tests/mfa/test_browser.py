"""The second step through the browser client: the mfa_token travels in a cookie."""

import pytest

from tests.browser.conftest import BrowserClient, assert_no_credential_in, browser_url
from tests.mfa.conftest import FIRST_STEPS, login_body
from tests.token_models import holder_of

# Login kind -> the cookie its credential lands in.
CREDENTIAL_COOKIES = {"token": "auth_token", "jwt": "access_token"}


@pytest.fixture
def browser(db):
    client = BrowserClient()
    client.fetch_csrf_token()
    return client


@pytest.fixture(params=list(FIRST_STEPS))
def kind(request):
    return request.param


def first_step(browser, fields, user, kind):
    return browser.post(
        browser_url(FIRST_STEPS[kind]), login_body(fields, user), format="json"
    )


def test_first_step_sets_the_mfa_cookie_and_answers_no_token(
    browser, fields, enrolled, kind
):
    response = first_step(browser, fields, enrolled.user, kind)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "MFA"
    assert response.json() == {
        "mfa_required": True,
        "methods": ["totp", "recovery_code"],
    }
    cookie = response.cookies["mfa_token"]
    assert cookie["httponly"] is True
    assert cookie["path"] == browser_url("mfa-verify")
    assert cookie["max-age"] == 300
    assert not {"auth_token", "access_token"} & set(response.cookies)


def test_verify_reads_the_mfa_cookie_and_sets_the_credential_cookie(
    browser, fields, enrolled, kind
):
    first_step(browser, fields, enrolled.user, kind)

    response = browser.post(
        browser_url("mfa-verify"), {"code": enrolled.code()}, format="json"
    )

    assert response.status_code == 200
    assert response.data == {"login": kind}
    assert_no_credential_in(response.data)
    assert response.cookies[CREDENTIAL_COOKIES[kind]]["httponly"] is True
    assert response.cookies["mfa_token"]["max-age"] == 0
    if kind == "token":
        assert holder_of(response.cookies["auth_token"].value) == enrolled.user
    assert browser.get(browser_url("user-me")).status_code == 200


def test_verify_ignores_an_mfa_token_in_the_body(browser, fields, enrolled):
    app_answer = BrowserClient().post(
        "/auth/token/login/", login_body(fields, enrolled.user), format="json"
    )
    mfa_token = app_answer.data["mfa_token"]

    response = browser.post(
        browser_url("mfa-verify"),
        {"mfa_token": mfa_token, "code": enrolled.code()},
        format="json",
    )

    assert response.status_code == 401
    assert "auth_token" not in response.cookies


def test_verify_without_the_csrf_token_is_refused(browser, fields, enrolled):
    first_step(browser, fields, enrolled.user, "token")
    browser.send_csrf_header = False

    response = browser.post(
        browser_url("mfa-verify"), {"code": enrolled.code()}, format="json"
    )

    assert response.status_code == 403
    assert "auth_token" not in response.cookies


def test_a_wrong_code_keeps_the_mfa_cookie(browser, fields, enrolled):
    first_step(browser, fields, enrolled.user, "token")

    response = browser.post(
        browser_url("mfa-verify"), {"code": "000000"}, format="json"
    )

    assert response.status_code == 400
    assert "mfa_token" not in response.cookies
    right = browser.post(
        browser_url("mfa-verify"), {"code": enrolled.code()}, format="json"
    )
    assert right.status_code == 200


@pytest.mark.parametrize(
    "body", [[], "code", {"code": ["1"]}, {"code": "\x00"}, {"code": "9" * 5000}]
)
def test_bad_bodies_answer_400(browser, fields, enrolled, body):
    first_step(browser, fields, enrolled.user, "token")

    response = browser.post(browser_url("mfa-verify"), body, format="json")

    assert response.status_code == 400
    assert "auth_token" not in response.cookies
