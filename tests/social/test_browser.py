"""Provider logins through the browser client: the JWT pair lands in cookies."""

import pytest
from django.urls import reverse

from tests.browser.conftest import BrowserClient, browser_url
from tests.mfa.conftest import enrol
from tests.social.conftest import OIDC, SinglePageApp
from tests.social.test_second_step import social_user


class BrowserApp(SinglePageApp):
    """The single-page app on the browser client's routes."""

    @property
    def url(self):
        return reverse("browser:provider-auth", kwargs={"provider": self.backend})


@pytest.fixture
def browser_app(provider):
    client = BrowserClient()
    client.fetch_csrf_token()
    return BrowserApp(client, OIDC)


def test_provider_login_sets_the_jwt_cookies_and_answers_only_the_user(
    browser_app, person
):
    response = browser_app.login()

    assert response.status_code == 201
    assert set(response.data) == {"user"}
    assert response.cookies["access_token"]["httponly"] is True
    assert response.cookies["refresh_token"]["path"] == "/auth/browser/jwt/"
    me = browser_app.client.get(browser_url("user-me"))
    assert me.status_code == 200


def test_provider_login_without_the_csrf_token_is_refused(browser_app):
    callback = browser_app.callback()
    browser_app.client.send_csrf_header = False

    response = browser_app.finish(callback)

    assert response.status_code == 403
    assert "access_token" not in response.cookies


def test_provider_login_with_mfa_then_verify_through_cookies(
    browser_app, person, provider
):
    browser_app.login()
    enrolled = enrol(social_user(person))
    second = BrowserApp(BrowserClient(), OIDC)
    second.client.fetch_csrf_token()

    first = second.login()
    assert first.status_code == 401
    assert "mfa_token" not in first.data
    response = second.client.post(
        browser_url("mfa-verify"), {"code": enrolled.code()}, format="json"
    )

    assert response.status_code == 201
    assert set(response.data) == {"login", "user"}
    assert response.cookies["access_token"].value
