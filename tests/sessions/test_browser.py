"""djoser.sessions through the browser client (djoser.urls.browser)."""

from tests.browser.conftest import BrowserClient, browser_url
from tests.conftest import PASSWORD
from tests.sessions.test_endpoints import blacklisted


def test_logout_others_keeps_the_browsers_own_cookies(sessions_on, make_user, fields):
    user = make_user()
    browser = BrowserClient()
    browser.fetch_csrf_token()
    login = {fields.username: getattr(user, fields.username), "password": PASSWORD}
    signed_in = browser.post(browser_url("jwt-create"), login, format="json")
    assert signed_in.status_code == 200
    wrong = browser.post(
        browser_url("session-logout-others"),
        {"current_password": "not-the-password"},
        format="json",
    )
    assert wrong.status_code == 400, wrong.content
    user.refresh_from_db()

    response = browser.post(
        browser_url("session-logout-others"),
        {"current_password": PASSWORD},
        format="json",
    )

    assert response.status_code == 204, response.content
    assert "access_token" in browser.jar
    sessions = browser.get(browser_url("session-list"))
    assert sessions.status_code == 200, sessions.content
    assert [session["current"] for session in sessions.data] == [True]


def signed_in_browser(user, fields):
    browser = BrowserClient()
    browser.fetch_csrf_token()
    login = {fields.username: getattr(user, fields.username), "password": PASSWORD}
    response = browser.post(browser_url("jwt-create"), login, format="json")
    assert response.status_code == 200, response.content
    return browser


def test_after_logout_others_the_browser_still_refreshes_and_the_others_do_not(
    sessions_on, make_user, fields
):
    user = make_user()
    mine, other = signed_in_browser(user, fields), signed_in_browser(user, fields)
    refresh_cookie = mine.jar["refresh_token"].value

    response = mine.post(
        browser_url("session-logout-others"),
        {"current_password": PASSWORD},
        format="json",
    )

    assert response.status_code == 204, response.content
    assert not blacklisted(refresh_cookie)
    assert mine.post(browser_url("jwt-refresh")).status_code == 200
    assert mine.get(browser_url("user-me")).status_code == 200
    assert other.post(browser_url("jwt-refresh")).status_code == 401
