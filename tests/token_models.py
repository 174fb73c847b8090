"""The token model the suite runs with, and how a test gets a token of it.

``DJOSER_TEST_TOKEN_MODEL`` (see tests/settings.py) picks DRF's Token, one per
user, or djoser.devicetokens' DeviceToken, one per login and stored as a
digest. Tests that check tokens go through these helpers, so the same test
holds for both.
"""

from django.conf import settings
from django.utils.module_loading import import_string


def token_model():
    return import_string(settings.TEST_TOKEN_MODEL)


def issues_a_token_per_login():
    return hasattr(token_model(), "issue_for_login")


def issue_token(user):
    """A token for ``user``, with its key readable as ``.key``."""
    model = token_model()
    if issues_a_token_per_login():
        return model.issue(user)
    token, _ = model.objects.get_or_create(user=user)
    return token


def is_stored(token):
    """Whether ``token`` (as issued above) is still in the database."""
    return type(token).objects.filter(pk=token.pk).exists()


def tokens_of(user):
    return token_model().objects.filter(user=user)


def holder_of(key):
    """The user whose live token has ``key``, or None."""
    model = token_model()
    if issues_a_token_per_login():
        from djoser.devicetokens.keys import digest

        token = model.objects.filter(digest=digest(key)).first()
    else:
        token = model.objects.filter(key=key).first()
    return token.user if token is not None else None
