"""Logins through the browser client: credentials land in HttpOnly cookies."""

import pytest
from django.urls import reverse
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from djoser.browser.routes import browser_view_class
from tests.browser.conftest import (
    BrowserClient,
    assert_no_credential_in,
    browser_url,
    set_cookie,
)
from tests.token_models import holder_of


def test_csrf_endpoint_sets_the_cookie_and_answers_its_value():
    client = BrowserClient()

    response = client.get(browser_url("csrf"))

    assert response.status_code == 200
    assert response.cookies["csrftoken"].value
    assert response.data == {"csrf_token": response.data["csrf_token"]}
    assert "no-store" in response["Cache-Control"]


def test_token_login_sets_an_httponly_cookie_and_answers_no_token(
    browser, login_data, user
):
    response = browser.post(browser_url("login"), login_data, format="json")

    assert response.status_code == 200
    assert response.data == {}
    cookie = set_cookie(response, "auth_token")
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert holder_of(cookie.value) == user


def test_jwt_login_sets_access_and_refresh_cookies(browser, login_data):
    response = browser.post(browser_url("jwt-create"), login_data, format="json")

    assert response.status_code == 200
    assert response.data == {}
    access = set_cookie(response, "access_token")
    refresh = set_cookie(response, "refresh_token")
    assert access.value.count(".") == 2
    assert refresh.value.count(".") == 2
    for cookie in (access, refresh):
        assert cookie["httponly"] is True
        assert cookie["secure"] is True
        assert cookie["samesite"] == "Lax"
    assert access["path"] == "/"
    # Sent only to the routes that read it: refresh and logout (blacklist).
    assert refresh["path"] == "/auth/browser/jwt/"
    assert access["max-age"] == 300
    assert refresh["max-age"] == 86400


@pytest.mark.parametrize("login", ["login", "jwt-create"])
def test_a_login_rotates_the_csrf_token(browser, login_data, login):
    before = browser.csrf_token()

    response = browser.post(browser_url(login), login_data, format="json")

    assert response.status_code == 200
    assert response.cookies["csrftoken"].value != before


@pytest.mark.parametrize("login", ["login", "jwt-create"])
def test_a_signed_in_browser_reads_its_account_with_the_cookies(
    browser, login_data, user, fields, login
):
    browser.post(browser_url(login), login_data, format="json")

    response = browser.get(browser_url("user-me"))

    assert response.status_code == 200
    assert response.data[fields.username] == getattr(user, fields.username)


def test_the_app_client_still_answers_tokens_in_the_body(api_client, login_data):
    response = api_client.post(reverse("jwt-create"), login_data, format="json")

    assert response.status_code == 200
    assert set(response.data) == {"access", "refresh"}
    assert not {"access_token", "refresh_token", "auth_token"} & set(response.cookies)


@pytest.mark.parametrize("login", ["login", "jwt-create"])
def test_a_wrong_password_sets_no_cookie(browser, login_data, login):
    response = browser.post(
        browser_url(login), {**login_data, "password": "wrong"}, format="json"
    )

    assert response.status_code in (400, 401)
    assert_no_credential_in(response.data)
    assert "auth_token" not in response.cookies
    assert "access_token" not in response.cookies


@pytest.mark.parametrize("login", ["login", "jwt-create"])
def test_a_login_without_the_csrf_token_is_refused(login_data, login):
    client = BrowserClient()
    client.fetch_csrf_token()
    client.send_csrf_header = False

    response = client.post(browser_url(login), login_data, format="json")

    assert response.status_code == 403
    assert response.data["detail"].code == "csrf_failed"
    assert "CSRF token missing" in response.data["detail"]
    assert "X-Csrftoken" in response.data["detail"]
    assert not {"auth_token", "access_token"} & set(response.cookies)


def test_a_login_without_the_csrf_cookie_is_refused(login_data):
    client = BrowserClient()

    response = client.post(
        browser_url("login"), login_data, format="json", HTTP_X_CSRFTOKEN="x" * 32
    )

    assert response.status_code == 403
    assert "CSRF cookie not set" in response.data["detail"]


def test_a_login_from_another_origin_is_refused(browser, login_data):
    response = browser.post(
        browser_url("login"),
        login_data,
        format="json",
        HTTP_ORIGIN="http://evil.example",
    )

    assert response.status_code == 403
    assert "Origin checking failed" in response.data["detail"]


# Form bodies Django cannot read while it looks for the form's CSRF token.
UNREADABLE_FORMS = {
    "multipart without a boundary": ("multipart/form-data", b"username=x"),
    "too many fields": (
        "application/x-www-form-urlencoded",
        "&".join(f"field{number}=1" for number in range(1001)).encode(),
    ),
}


@pytest.mark.parametrize("debug", [False, True], ids=["DEBUG off", "DEBUG on"])
@pytest.mark.parametrize("form", UNREADABLE_FORMS)
def test_an_unreadable_form_body_answers_400_and_sets_no_cookie(
    browser, settings, debug, form
):
    # With DEBUG on, DRF needs the answer's renderer to report a server
    # error: before the fix, the check's error became a 500 there.
    settings.DEBUG = debug
    content_type, body = UNREADABLE_FORMS[form]

    response = browser.generic(
        "POST", browser_url("login"), body, content_type=content_type
    )

    assert response.status_code == 400
    assert response.data["detail"].code == "parse_error"
    assert not {"auth_token", "access_token"} & set(response.cookies)


def test_refused_forged_logins_count_against_no_limit(djoser_settings, login_data):
    djoser_settings(THROTTLE_RATES={"token_create": "1/hour"})
    forger = BrowserClient()
    forger.fetch_csrf_token()
    forger.send_csrf_header = False
    wrong = {**login_data, "password": "wrong"}

    for _ in range(3):
        response = forger.post(browser_url("login"), wrong, format="json")
        assert response.status_code == 403

    browser = BrowserClient()
    browser.fetch_csrf_token()
    assert (
        browser.post(browser_url("login"), login_data, format="json").status_code == 200
    )


class ProjectLoginView(APIView):
    """A project's own login view, which djoser's browser client knows nothing of."""

    authentication_classes = []
    permission_classes = [AllowAny]

    def post(self, request):
        return Response({"access": "a.b.c", "refresh": "d.e.f", "note": "kept"})


def test_credentials_from_an_unlisted_login_view_still_go_into_cookies(rf):
    view = browser_view_class(ProjectLoginView).as_view()
    request = rf.post("/", {}, content_type="application/json")
    request._dont_enforce_csrf_checks = True

    response = view(request)

    assert response.data == {"note": "kept"}
    assert response.cookies["access_token"].value == "a.b.c"
    assert response.cookies["access_token"]["httponly"] is True
    assert response.cookies["refresh_token"].value == "d.e.f"
