"""The cookies authenticate, with Django's CSRF check wherever they do."""

from datetime import timedelta

import pytest
from django.urls import reverse
from rest_framework_simplejwt.tokens import AccessToken

from djoser.browser import is_browser_request
from djoser.signals import user_tokens_revoked
from tests.browser.conftest import BrowserClient, browser_url
from tests.conftest import NEW_PASSWORD, PASSWORD
from tests.token_models import tokens_of


@pytest.fixture(params=["login", "jwt-create"])
def signed_in(request, browser, login_data):
    response = browser.post(browser_url(request.param), login_data, format="json")
    assert response.status_code == 200
    return browser


def test_a_change_with_the_cookies_and_the_csrf_token_works(signed_in, user):
    response = signed_in.post(
        browser_url("user-set-password"),
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert response.status_code == 204
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_change_with_the_cookies_but_without_the_csrf_token_is_refused(
    signed_in, user
):
    signed_in.send_csrf_header = False

    response = signed_in.post(
        browser_url("user-set-password"),
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert response.status_code == 403
    assert response.data["detail"].code == "csrf_failed"
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_change_from_another_origin_is_refused(signed_in, user):
    response = signed_in.post(
        browser_url("user-set-password"),
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
        HTTP_ORIGIN="http://localhost:9999",
    )

    assert response.status_code == 403
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_reading_needs_no_csrf_token(signed_in):
    signed_in.send_csrf_header = False

    assert signed_in.get(browser_url("user-me")).status_code == 200


def test_the_projects_own_views_accept_the_cookies_with_the_csrf_check(signed_in):
    # testproject lists CookieAuthentication in DEFAULT_AUTHENTICATION_CLASSES:
    # the app client's routes stand for a project's own API views here.
    assert signed_in.get(reverse("user-me")).status_code == 200

    signed_in.send_csrf_header = False
    response = signed_in.post(reverse("logout"))

    assert response.status_code == 403
    assert response.data["detail"].code == "csrf_failed"
    assert signed_in.get(reverse("user-me")).status_code == 200


def test_an_expired_access_cookie_leaves_the_request_anonymous(
    browser, login_data, user
):
    browser.post(browser_url("jwt-create"), login_data, format="json")
    expired = AccessToken.for_user(user)
    expired.set_exp(lifetime=-timedelta(seconds=1))
    browser.jar["access_token"] = str(expired)

    assert browser.get(browser_url("user-me")).status_code == 401
    # A login still works: the dead cookie does not stand in its way.
    response = browser.post(browser_url("jwt-create"), login_data, format="json")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "value",
    [
        "not-a-token",
        "a.b.c",
        "x" * 5000,
        "\x00",
        "caf\u00e9",
        "\x7f\xff",
        "Bearer abc",
    ],
)
@pytest.mark.parametrize("name", ["access_token", "auth_token", "refresh_token"])
def test_malformed_cookies_are_not_credentials(browser, name, value):
    browser.jar[name] = value

    me = browser.get(browser_url("user-me"))
    refresh = browser.post(browser_url("jwt-refresh"))

    assert me.status_code == 401
    assert refresh.status_code == 401


def test_anonymous_requests_get_a_cookie_challenge():
    response = BrowserClient().get(browser_url("user-me"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Cookie realm="api"'


def test_a_password_change_that_logs_out_clears_the_cookies(
    signed_in, djoser_settings, user
):
    djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)

    response = signed_in.post(
        browser_url("user-set-password"),
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert response.status_code == 204
    assert response.cookies["access_token"]["max-age"] == 0
    assert response.cookies["auth_token"]["max-age"] == 0
    assert signed_in.get(browser_url("user-me")).status_code == 401


def test_a_password_change_that_keeps_the_login_keeps_the_cookies(signed_in):
    response = signed_in.post(
        browser_url("user-set-password"),
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert response.status_code == 204
    assert not response.cookies.get("access_token")
    assert signed_in.get(browser_url("user-me")).status_code == 200


def test_deleting_ones_account_clears_the_cookies(signed_in, user):
    response = signed_in.delete(
        browser_url("user-me"), {"current_password": PASSWORD}, format="json"
    )

    assert response.status_code == 204
    assert response.cookies["auth_token"]["max-age"] == 0
    assert response.cookies["refresh_token"]["max-age"] == 0


def test_an_admin_deleting_another_account_keeps_their_own_cookies(
    make_user, fields, other_user
):
    admin = make_user(is_staff=True)
    browser = BrowserClient()
    browser.fetch_csrf_token()
    browser.post(
        browser_url("login"),
        {fields.username: getattr(admin, fields.username), "password": PASSWORD},
        format="json",
    )

    response = browser.delete(
        browser_url("user-detail", **{fields.id: other_user.pk}),
        {"current_password": PASSWORD},
        format="json",
    )

    assert response.status_code == 204
    assert not response.cookies.get("auth_token")
    assert browser.get(browser_url("user-me")).status_code == 200
    assert tokens_of(admin).exists()


def test_registration_through_the_browser_client_needs_the_csrf_token(db, fields):
    client = BrowserClient()
    client.fetch_csrf_token()
    data = {**fields.values(), "password": PASSWORD}

    client.send_csrf_header = False
    assert client.post(browser_url("user-list"), data, format="json").status_code == 403
    client.send_csrf_header = True
    assert client.post(browser_url("user-list"), data, format="json").status_code == 201


def test_without_simplejwt_an_access_cookie_is_no_credential(browser, monkeypatch):
    monkeypatch.setattr(
        "djoser.unavailable.package_missing",
        lambda name: name == "rest_framework_simplejwt",
    )
    browser.jar["access_token"] = "a.b.c"

    assert browser.get(browser_url("user-me")).status_code == 401


def test_requests_are_known_as_the_browser_clients(signed_in, user):
    seen = []

    def record(sender, request, **kwargs):
        seen.append(is_browser_request(request))

    user_tokens_revoked.connect(record, weak=False)
    try:
        signed_in.post(
            browser_url("logout_all"), {"current_password": PASSWORD}, format="json"
        )
    finally:
        user_tokens_revoked.disconnect(record)

    assert seen == [True]


def test_app_client_requests_are_not_the_browser_clients(client_for, user):
    seen = []

    def record(sender, request, **kwargs):
        seen.append(is_browser_request(request))

    user_tokens_revoked.connect(record, weak=False)
    try:
        client_for(user).post(
            reverse("logout_all"), {"current_password": PASSWORD}, format="json"
        )
    finally:
        user_tokens_revoked.disconnect(record)

    assert seen == [False]


@pytest.mark.parametrize(
    "body", ["[]", '"refresh"', "[" * 100 + "]" * 100, '{"refresh": "\\ud800"}']
)
def test_bad_bodies_to_cookie_reading_endpoints_answer_400(browser, login_data, body):
    browser.post(browser_url("jwt-create"), login_data, format="json")

    response = browser.post(
        browser_url("jwt-refresh"), body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()
    assert "access_token" not in response.cookies
