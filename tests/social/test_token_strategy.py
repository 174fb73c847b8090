"""djoser.social.token.jwt.TokenStrategy: a simplejwt pair for a user."""

from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from djoser.conf import settings
from djoser.social.token.jwt import TokenStrategy


def test_obtain_answers_access_refresh_and_the_user(user):
    tokens = TokenStrategy.obtain(user)

    assert set(tokens) == {"access", "refresh", "user"}
    assert tokens["user"] is user


def test_both_tokens_name_the_user(user, fields):
    tokens = TokenStrategy.obtain(user)

    claim = "user_id"
    assert str(AccessToken(tokens["access"])[claim]) == str(user.pk)
    assert str(RefreshToken(tokens["refresh"])[claim]) == str(user.pk)


def test_each_call_makes_a_new_pair(user):
    assert (
        TokenStrategy.obtain(user)["refresh"] != TokenStrategy.obtain(user)["refresh"]
    )


def test_it_is_the_default_social_token_strategy():
    assert settings.SOCIAL_AUTH_TOKEN_STRATEGY is TokenStrategy
