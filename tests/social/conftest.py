"""Fixtures for djoser.social: a live provider and the app that talks to it.

One provider serves the whole run (social-core caches OpenID Connect
discovery and keys per backend class); each test gets it reset, with a new
person signed in, and the project configured to use it.
"""

import itertools
import socket
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.urls import reverse
from social_core.backends.open_id_connect import OpenIdConnectAuth

from tests.social.provider import CLIENT_ID, CLIENT_SECRET, serve

REDIRECT_URI = "http://localhost:3000/auth/callback"
OIDC = "oidc"
OAUTH2 = "local-oauth2"
FACEBOOK = "facebook"
BACKENDS = [
    "social_core.backends.open_id_connect.OpenIdConnectAuth",
    "tests.social.backends.LocalOAuth2",
    "djoser.social.backends.facebook.FacebookOAuth2Override",
    "django.contrib.auth.backends.ModelBackend",
]
# social-core's create_user passes ``username`` and ``email``; CustomUser has
# no ``email`` field, so that project would create users from the name alone.
USER_FIELDS = {
    "CustomUser": ["username"],
}


def social_user_fields(model):
    """SOCIAL_AUTH_USER_FIELDS for ``model``: CustomUser's address field is
    not social-core's "email", so its accounts take no address."""
    return USER_FIELDS.get(model.__name__, ["username", "email"])


_people = itertools.count(1)


@pytest.fixture(scope="session")
def provider_server():
    provider, stop = serve()
    yield provider
    stop()


def forget_provider_metadata():
    """Drop social-core's cached discovery and keys (4.x and 7.x names)."""
    names = (
        "oidc_config",
        "get_openid_configuration",
        "get_jwks_keys",
        "get_jwks_keys_for_uri",
    )
    for name in names:
        cached = getattr(OpenIdConnectAuth, name, None)
        invalidate = getattr(cached, "invalidate", None)
        if invalidate is not None:
            invalidate()


@pytest.fixture
def person():
    number = next(_people)
    return {
        "sub": f"subject-{number}",
        "email": f"social{number}@example.com",
        "email_verified": True,
        "preferred_username": f"social{number}",
        "given_name": "Social",
        "family_name": f"Person {number}",
    }


@pytest.fixture
def provider(provider_server, settings, djoser_settings, db, fields, person):
    """The live provider, with ``person`` signed in, and the project using it."""
    provider_server.reset()
    provider_server.redirect_uris = {REDIRECT_URI}
    provider_server.signed_in = person
    forget_provider_metadata()
    settings.AUTHENTICATION_BACKENDS = BACKENDS
    settings.SOCIAL_AUTH_USER_FIELDS = social_user_fields(fields.model)
    settings.SOCIAL_AUTH_OIDC_OIDC_ENDPOINT = provider_server.issuer
    settings.SOCIAL_AUTH_OIDC_KEY = CLIENT_ID
    settings.SOCIAL_AUTH_OIDC_SECRET = CLIENT_SECRET
    settings.SOCIAL_AUTH_LOCAL_OAUTH2_KEY = CLIENT_ID
    settings.SOCIAL_AUTH_LOCAL_OAUTH2_SECRET = CLIENT_SECRET
    settings.SOCIAL_AUTH_LOCAL_OAUTH2_AUTHORIZATION_URL = provider_server.url(
        "authorize"
    )
    settings.SOCIAL_AUTH_LOCAL_OAUTH2_ACCESS_TOKEN_URL = provider_server.url("token")
    settings.SOCIAL_AUTH_LOCAL_OAUTH2_USERINFO_URL = provider_server.url("userinfo")
    settings.SOCIAL_AUTH_FACEBOOK_KEY = CLIENT_ID
    settings.SOCIAL_AUTH_FACEBOOK_SECRET = CLIENT_SECRET
    djoser_settings(SOCIAL_AUTH_ALLOWED_REDIRECT_URIS=[REDIRECT_URI])
    yield provider_server
    forget_provider_metadata()


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def query_of(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


class SinglePageApp:
    """The browser side of a login: our API, then the provider, then our API.

    ``start`` asks djoser for the authorization URL, ``visit`` follows it to
    the provider over HTTP and reads the redirect back, ``finish`` posts the
    redirect's parameters the way the docs tell an app to (form-encoded).
    """

    def __init__(self, client, backend, redirect_uri=REDIRECT_URI):
        self.client = client
        self.backend = backend
        self.redirect_uri = redirect_uri

    @property
    def url(self):
        return reverse("provider-auth", kwargs={"provider": self.backend})

    def start(self, **params):
        return self.client.get(self.url, {"redirect_uri": self.redirect_uri, **params})

    def authorization_url(self):
        response = self.start()
        assert response.status_code == 200, response.data
        return response.data["authorization_url"]

    def visit(self, authorization_url):
        """The provider's redirect back to the app, as its query parameters."""
        response = requests.get(authorization_url, allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text
        location = response.headers["Location"]
        assert location.startswith(self.redirect_uri + "?"), location
        return query_of(location)

    def finish(self, callback, query=None):
        url = self.url if query is None else f"{self.url}?{urlencode(query)}"
        return self.client.post(
            url, urlencode(callback), content_type="application/x-www-form-urlencoded"
        )

    def callback(self):
        """Start a login and return what the provider sends back."""
        return self.visit(self.authorization_url())

    def login(self):
        return self.finish(self.callback())


@pytest.fixture
def app_for(api_client, provider):
    """``app_for("oidc")``: a single-page app using that backend."""

    def make(backend, client=None, **kwargs):
        return SinglePageApp(client or api_client, backend, **kwargs)

    return make
