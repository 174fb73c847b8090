"""Findings 3 and 4: what the provider sends is checked before anything is
written.

Provider data too long for its column or holding a NUL used to answer 500
on PostgreSQL and be stored past the field's length on SQLite; a disabled
account was refused only after the provider's data had been written to it.
"""

import pytest
from django.db import connection
from rest_framework.test import APIClient
from social_core.pipeline import DEFAULT_AUTH_PIPELINE
from social_django.models import UserSocialAuth

from djoser.social.pipeline import SOCIAL_CORE_ASSOCIATE_BY_EMAIL, STEP
from tests.social.conftest import OAUTH2, OIDC

DISABLED = {"non_field_errors": ["User account is disabled."]}


def refusal(field):
    return {
        "non_field_errors": [
            f"The provider sent account data this site cannot accept ({field})."
        ]
    }


@pytest.fixture(params=[OIDC, OAUTH2])
def login(request, app_for, provider, person):
    def sign_in(**claims):
        provider.signed_in = {**person, **claims}
        return app_for(request.param, client=APIClient()).login()

    return sign_in


def has_field(fields, name):
    return any(field.name == name for field in fields.model._meta.get_fields())


def nothing_stored(fields):
    return (
        not fields.model._default_manager.exists()
        and not UserSocialAuth.objects.exists()
    )


# Provider claim -> (a bad value, the detail it becomes, the user field).
TOO_LONG = {
    "email": ("x" * 300 + "@example.com", "email", "email"),
    "given_name": ("G" * 200, "first_name", "first_name"),
    "family_name": ("F" * 200, "last_name", "last_name"),
}


@pytest.mark.parametrize("claim", TOO_LONG)
def test_a_value_too_long_for_its_field_is_refused(login, fields, settings, claim):
    value, detail, field = TOO_LONG[claim]
    stored = has_field(fields, field) and (
        detail != "email" or "email" in settings.SOCIAL_AUTH_USER_FIELDS
    )

    response = login(**{claim: value})

    if not stored:
        # The project keeps no such field: nothing would be written.
        assert response.status_code == 201
        return
    assert response.status_code == 400
    assert response.data == refusal(detail)
    assert nothing_stored(fields)


@pytest.mark.parametrize(
    "claims",
    [
        {"given_name": "Al\x00ice"},
        {"family_name": "\ud800"},
        {"email": "ali\x00ce@example.com"},
        {"locale": "en\x00"},
        {"address": {"street": ["nested", "\x00"]}},
    ],
    ids=["nul-name", "lone-surrogate", "nul-email", "nul-other-claim", "nul-deep"],
)
def test_text_no_database_can_store_is_refused(login, fields, claims):
    response = login(**claims)

    assert response.status_code == 400
    assert nothing_stored(fields)


def test_a_subject_too_long_for_the_link_is_refused(login, fields):
    response = login(sub="s" * 300)

    assert response.status_code == 400
    assert response.data == refusal("uid")
    assert nothing_stored(fields)


def carries_nul(params):
    if isinstance(params, str):
        return "\x00" in params
    if isinstance(params, (list, tuple)):
        return any(carries_nul(param) for param in params)
    if isinstance(params, dict):
        return any(carries_nul(param) for param in params.values())
    return False


@pytest.fixture
def queries_with_nul():
    """The SQL run with a NUL among its parameters: PostgreSQL answers those
    with an error (a 500), SQLite runs them, so a test on either can tell."""
    seen = []

    def watch(execute, sql, params, many, context):
        if carries_nul(params):
            seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield seen


def test_a_nul_in_the_provider_user_id_is_refused_before_any_query(
    login, fields, queries_with_nul
):
    # social-core's social_user step looks the link up by uid before any
    # step writes: on PostgreSQL that lookup itself failed (500).
    response = login(sub="ali\x00ce")

    assert response.status_code == 400
    assert response.data == refusal("uid")
    assert queries_with_nul == []
    assert nothing_stored(fields)


@pytest.mark.parametrize("step", [SOCIAL_CORE_ASSOCIATE_BY_EMAIL, STEP])
def test_a_nul_in_the_address_never_reaches_the_linking_query(
    login, fields, settings, djoser_settings, queries_with_nul, step
):
    pipeline = list(DEFAULT_AUTH_PIPELINE)
    pipeline.insert(pipeline.index("social_core.pipeline.user.create_user"), step)
    settings.SOCIAL_AUTH_PIPELINE = pipeline
    djoser_settings(SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS={OIDC: "*"})

    response = login(email="ali\x00ce@example.com", email_verified=True)

    assert response.status_code == 400
    assert queries_with_nul == []
    assert nothing_stored(fields)


@pytest.mark.provider_email
def test_a_malformed_email_is_refused(login, fields):

    response = login(email="not an address")

    assert response.status_code == 400
    assert response.data == refusal("email")
    assert nothing_stored(fields)


def test_deeply_nested_data_is_refused(login, fields):
    nested = "leaf"
    for _ in range(40):
        nested = {"n": nested}

    response = login(extra=nested)

    assert response.status_code == 400
    assert nothing_stored(fields)


class TestDisabledAccount:
    def test_is_refused_before_the_provider_data_is_written(
        self, app_for, provider, person, fields
    ):
        assert app_for(OIDC, client=APIClient()).login().status_code == 201
        social = UserSocialAuth.objects.get(uid=person["sub"])
        user = social.user
        user.is_active = False
        user.save()
        before = {
            "user": {f.attname: getattr(user, f.attname) for f in user._meta.fields},
            "extra_data": social.extra_data,
            "modified": social.modified,
        }
        provider.signed_in = {**person, "given_name": "Mallory", "locale": "xx"}

        response = app_for(OIDC, client=APIClient()).login()

        assert response.status_code == 400
        assert response.data == DISABLED
        user.refresh_from_db()
        social.refresh_from_db()
        after = {
            "user": {f.attname: getattr(user, f.attname) for f in user._meta.fields},
            "extra_data": social.extra_data,
            "modified": social.modified,
        }
        assert after == before
