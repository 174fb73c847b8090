"""A provider login of an account with two-factor sign-in (djoser.mfa)."""

from django.contrib.auth import user_logged_in
from rest_framework.test import APIClient
from social_django.models import UserSocialAuth

from tests.mfa.conftest import enrol, verify
from tests.social.conftest import OIDC


def social_user(person):
    return UserSocialAuth.objects.get(uid=person["sub"]).user


def test_provider_login_with_mfa_on_answers_401_and_no_tokens(
    app_for, provider, person
):
    app_for(OIDC, client=APIClient()).login()
    enrol(social_user(person))

    response = app_for(OIDC, client=APIClient()).login()

    assert response.status_code == 401
    assert response.data["mfa_required"] is True
    assert not {"access", "refresh"} & set(response.data)


def test_verify_answers_what_the_provider_login_would_have(
    app_for, provider, person, signal_calls
):
    app_for(OIDC, client=APIClient()).login()
    enrolled = enrol(social_user(person))
    mfa_token = app_for(OIDC, client=APIClient()).login().data["mfa_token"]
    logged_in = signal_calls(user_logged_in)

    response = verify(APIClient(), mfa_token, enrolled.code())

    assert response.status_code == 201
    assert set(response.data) == {"login", "access", "refresh", "user"}
    assert response.data["login"] == "social"
    assert response.data["user"] == str(enrolled.user)
    assert [call["user"] for call in logged_in] == [enrolled.user]


def test_provider_login_without_mfa_is_unchanged(app_for, provider):
    response = app_for(OIDC, client=APIClient()).login()

    assert response.status_code == 201
    assert set(response.data) == {"access", "refresh", "user"}
