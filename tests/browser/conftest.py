"""Fixtures for the browser client: a test client that behaves like a browser.

``BrowserClient`` keeps cookies as a browser would (scoped by path, dropped
when they expire) and enforces CSRF as a real browser request meets it: it
sends the ``csrftoken`` cookie's value in the CSRF header only when told to,
as a page of the site does and a page elsewhere cannot.
"""

from http.cookies import SimpleCookie

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.conftest import PASSWORD

CREDENTIAL_COOKIES = ("access_token", "refresh_token", "auth_token", "mfa_token")


def browser_url(name, **kwargs):
    return reverse(f"browser:{name}", kwargs=kwargs or None)


class BrowserClient(APIClient):
    """An APIClient with Django's CSRF checks on, sending cookies by path."""

    def __init__(self, **defaults):
        super().__init__(enforce_csrf_checks=True, **defaults)
        self.jar = SimpleCookie()
        self.send_csrf_header = True

    def fetch_csrf_token(self):
        response = self.get(browser_url("csrf"))
        assert response.status_code == 200
        return response.data["csrf_token"]

    def csrf_token(self):
        morsel = self.jar.get("csrftoken")
        return morsel.value if morsel else None

    def request(self, **request):
        path = request.get("PATH_INFO", "/")
        # Only the cookies whose path covers the request's, as a browser sends.
        self.cookies = SimpleCookie()
        for name, morsel in self.jar.items():
            cookie_path = morsel["path"] or "/"
            if path == cookie_path or path.startswith(cookie_path.rstrip("/") + "/"):
                self.cookies[name] = morsel.value
        if self.send_csrf_header and self.csrf_token():
            request.setdefault("HTTP_X_CSRFTOKEN", self.csrf_token())
        response = super().request(**request)
        for name, morsel in response.cookies.items():
            if str(morsel["max-age"]) == "0" or morsel.value == "":
                self.jar.pop(name, None)
            else:
                self.jar[name] = morsel
        return response


@pytest.fixture
def browser(db):
    """A browser on the site: it has fetched its CSRF token."""
    client = BrowserClient()
    client.fetch_csrf_token()
    return client


@pytest.fixture
def login_data(fields, user):
    return {fields.username: getattr(user, fields.username), "password": PASSWORD}


def assert_no_credential_in(body):
    """No credential key in an answer a browser client reads."""
    if isinstance(body, dict):
        for key in ("auth_token", "access", "refresh", "mfa_token", "token"):
            assert key not in body, body


def set_cookie(response, name):
    """The Set-Cookie morsel for ``name`` in ``response``."""
    return response.cookies[name]
