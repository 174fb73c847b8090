"""djoser.social.backends.facebook.FacebookOAuth2Override.

Facebook compares redirect URIs exactly, so the authorization URL must carry
the app's redirect URI untouched, with the state as a parameter of its own.
No request reaches Facebook: building the authorization URL needs none.
"""

from social_core.backends.facebook import FacebookOAuth2

from djoser.social.backends.facebook import FacebookOAuth2Override
from tests.social.conftest import FACEBOOK, REDIRECT_URI, query_of


def test_authorization_url_carries_the_redirect_uri_unchanged(app_for, provider):
    query = query_of(app_for(FACEBOOK).authorization_url())

    assert query["redirect_uri"] == REDIRECT_URI
    assert query["state"]


def test_authorization_url_goes_to_facebook(app_for, provider):
    url = app_for(FACEBOOK).authorization_url()

    assert url.startswith("https://www.facebook.com/")


def test_the_override_keeps_redirect_state_off():
    assert FacebookOAuth2Override.REDIRECT_STATE is False


def test_the_override_is_facebooks_backend_under_the_same_name():
    assert issubclass(FacebookOAuth2Override, FacebookOAuth2)
    assert FacebookOAuth2Override.name == FACEBOOK
