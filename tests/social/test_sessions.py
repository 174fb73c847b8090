"""A provider login records its session (djoser.sessions)."""

from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import UntypedToken

from djoser.sessions.models import Session
from tests.mfa.conftest import enrol, verify
from tests.sessions.conftest import sessions_on  # noqa: F401
from tests.social.conftest import OIDC
from tests.social.test_second_step import social_user


def test_a_provider_login_answers_tokens_of_a_new_session(
    sessions_on,  # noqa: F811
    app_for,
    provider,
    person,
):
    response = app_for(OIDC, client=APIClient()).login()

    assert response.status_code == 201
    session = Session.objects.get()
    assert (session.user, session.kind) == (social_user(person), "social")
    assert UntypedToken(response.data["refresh"])["sid"] == session.pk
    assert UntypedToken(response.data["access"])["sid"] == session.pk


def test_its_second_step_records_the_session(
    sessions_on,  # noqa: F811
    app_for,
    provider,
    person,
):
    app_for(OIDC, client=APIClient()).login()
    Session.objects.all().delete()
    enrolled = enrol(social_user(person))
    mfa_token = app_for(OIDC, client=APIClient()).login().data["mfa_token"]

    response = verify(APIClient(), mfa_token, enrolled.code())

    assert response.status_code == 201
    session = Session.objects.get()
    assert session.kind == "mfa"
    assert UntypedToken(response.data["refresh"])["sid"] == session.pk
