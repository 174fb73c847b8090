"""Refresh, verify and logout through the browser client's cookies."""

import pytest
from django.contrib.sessions.models import Session
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import RefreshToken

from tests.browser.conftest import BrowserClient, browser_url, set_cookie
from tests.token_models import holder_of, tokens_of


@pytest.fixture
def jwt_browser(browser, login_data):
    response = browser.post(browser_url("jwt-create"), login_data, format="json")
    assert response.status_code == 200
    return browser


@pytest.fixture
def token_browser(browser, login_data):
    response = browser.post(browser_url("login"), login_data, format="json")
    assert response.status_code == 200
    return browser


def test_refresh_reads_the_refresh_cookie_and_sets_a_new_access_cookie(jwt_browser):
    old_access = jwt_browser.jar["access_token"].value

    response = jwt_browser.post(browser_url("jwt-refresh"))

    assert response.status_code == 200
    assert response.data == {}
    access = set_cookie(response, "access_token")
    assert access.value != old_access
    assert access["httponly"] is True
    assert jwt_browser.get(browser_url("user-me")).status_code == 200


def test_refresh_ignores_a_refresh_token_in_the_body(jwt_browser, other_user):
    planted = str(RefreshToken.for_user(other_user))
    jwt_browser.jar.pop("refresh_token")

    response = jwt_browser.post(
        browser_url("jwt-refresh"), {"refresh": planted}, format="json"
    )

    assert response.status_code == 401
    assert (
        "access_token" not in response.cookies
        or not response.cookies["access_token"].value
    )


def test_refresh_with_rotation_replaces_both_cookies(jwt_browser, monkeypatch):
    # simplejwt's serializers keep the settings object they imported.
    for name in ("ROTATE_REFRESH_TOKENS", "BLACKLIST_AFTER_ROTATION"):
        monkeypatch.setattr(jwt_serializers.api_settings, name, True)
    old_refresh = jwt_browser.jar["refresh_token"].value

    response = jwt_browser.post(browser_url("jwt-refresh"))

    assert response.status_code == 200
    assert response.data == {}
    assert set_cookie(response, "refresh_token").value != old_refresh
    assert set_cookie(response, "refresh_token")["path"] == "/auth/browser/jwt/"
    # The old one is spent: replaying it fails, as simplejwt says.
    replay = BrowserClient()
    replay.fetch_csrf_token()
    replay.jar["refresh_token"] = old_refresh
    replay.jar["refresh_token"]["path"] = "/auth/browser/jwt/"
    assert replay.post(browser_url("jwt-refresh")).status_code == 401


def test_refresh_with_a_dead_cookie_answers_401_and_clears_it(jwt_browser):
    RefreshToken(jwt_browser.jar["refresh_token"].value).blacklist()

    response = jwt_browser.post(browser_url("jwt-refresh"))

    assert response.status_code == 401
    assert response.cookies["refresh_token"]["max-age"] == 0
    assert "refresh_token" not in jwt_browser.jar


def test_refresh_without_the_cookie_answers_401(browser):
    response = browser.post(browser_url("jwt-refresh"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Cookie realm="api"'


def test_refresh_without_the_csrf_token_is_refused(jwt_browser):
    jwt_browser.send_csrf_header = False

    response = jwt_browser.post(browser_url("jwt-refresh"))

    assert response.status_code == 403
    assert "CSRF" in response.data["detail"]
    assert not response.cookies.get("access_token")


def test_verify_checks_the_access_cookie(jwt_browser):
    response = jwt_browser.post(browser_url("jwt-verify"))

    assert response.status_code == 200
    assert response.data == {}


def test_verify_without_the_cookie_answers_401(browser):
    assert browser.post(browser_url("jwt-verify")).status_code == 401


def test_jwt_logout_blacklists_the_refresh_cookie_and_clears_every_cookie(
    jwt_browser,
):
    refresh = jwt_browser.jar["refresh_token"].value

    response = jwt_browser.post(browser_url("jwt-blacklist"))

    assert response.status_code == 200
    assert BlacklistedToken.objects.filter(token__token=refresh).exists()
    for name in ("access_token", "refresh_token", "auth_token", "mfa_token"):
        assert response.cookies[name]["max-age"] == 0
        assert response.cookies[name].value == ""
    assert response.cookies["refresh_token"]["path"] == "/auth/browser/jwt/"
    assert jwt_browser.get(browser_url("user-me")).status_code == 401
    assert jwt_browser.post(browser_url("jwt-refresh")).status_code == 401


def test_jwt_logout_without_the_csrf_token_changes_nothing(jwt_browser):
    jwt_browser.send_csrf_header = False

    response = jwt_browser.post(browser_url("jwt-blacklist"))

    assert response.status_code == 403
    assert not response.cookies.get("access_token")
    assert BlacklistedToken.objects.count() == 0


def test_token_logout_deletes_the_token_and_clears_the_cookies(token_browser, user):
    key = token_browser.jar["auth_token"].value

    response = token_browser.post(browser_url("logout"))

    assert response.status_code == 204
    assert response.cookies["auth_token"]["max-age"] == 0
    assert holder_of(key) is None
    assert token_browser.get(browser_url("user-me")).status_code == 401


def test_token_logout_without_the_csrf_token_is_refused(token_browser, user):
    token_browser.send_csrf_header = False

    response = token_browser.post(browser_url("logout"))

    assert response.status_code == 403
    assert "CSRF" in response.data["detail"]
    assert tokens_of(user).exists()
    assert not response.cookies.get("auth_token")


def test_logout_with_a_dead_cookie_still_clears_it(token_browser, user):
    tokens_of(user).delete()

    response = token_browser.post(browser_url("logout"))

    assert response.status_code == 401
    assert response.cookies["auth_token"]["max-age"] == 0


def test_logout_ends_a_django_session_made_at_login(
    browser, login_data, djoser_settings
):
    djoser_settings(CREATE_SESSION_ON_LOGIN=True)
    browser.post(browser_url("login"), login_data, format="json")
    session_key = browser.jar["sessionid"].value

    response = browser.post(browser_url("logout"))

    assert response.status_code == 204
    assert response.cookies["sessionid"].value == ""
    assert not Session.objects.filter(session_key=session_key).exists()
    assert browser.get(browser_url("user-me")).status_code == 401


def test_refresh_keeps_the_csrf_token(jwt_browser):
    response = jwt_browser.post(browser_url("jwt-refresh"))

    assert response.status_code == 200
    assert "csrftoken" not in response.cookies
