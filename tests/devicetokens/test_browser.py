"""Logging out everywhere from the browser client clears its cookies."""

from tests.browser.conftest import BrowserClient, browser_url
from tests.conftest import PASSWORD
from tests.token_models import tokens_of


def test_logout_all_clears_the_cookies_and_ends_every_token(db, fields, user):
    browser = BrowserClient()
    browser.fetch_csrf_token()
    login = {fields.username: getattr(user, fields.username), "password": PASSWORD}
    browser.post(browser_url("login"), login, format="json")

    response = browser.post(
        browser_url("logout_all"), {"current_password": PASSWORD}, format="json"
    )

    assert response.status_code == 204
    assert response.cookies["auth_token"]["max-age"] == 0
    assert not tokens_of(user).exists()
    assert browser.get(browser_url("user-me")).status_code == 401


def test_logout_all_without_the_csrf_token_is_refused(db, fields, user):
    browser = BrowserClient()
    browser.fetch_csrf_token()
    login = {fields.username: getattr(user, fields.username), "password": PASSWORD}
    browser.post(browser_url("login"), login, format="json")
    browser.send_csrf_header = False

    response = browser.post(
        browser_url("logout_all"), {"current_password": PASSWORD}, format="json"
    )

    assert response.status_code == 403
    assert tokens_of(user).exists()
