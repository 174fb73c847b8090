"""Social login's system checks (djoser.social.checks)."""

import pytest
from django.core import checks
from social_core.pipeline import DEFAULT_AUTH_PIPELINE

from djoser.social.pipeline import SOCIAL_CORE_ASSOCIATE_BY_EMAIL, STEP


def ids(tags=None):
    return [message.id for message in checks.run_checks(tags=tags)]


def with_step(step):
    pipeline = list(DEFAULT_AUTH_PIPELINE)
    pipeline.insert(pipeline.index("social_core.pipeline.user.create_user"), step)
    return pipeline


def test_the_default_pipeline_passes():
    assert "djoser.W701" not in ids()


def test_social_cores_associate_by_email_is_named(settings):
    settings.SOCIAL_AUTH_PIPELINE = with_step(SOCIAL_CORE_ASSOCIATE_BY_EMAIL)

    (warning,) = [m for m in checks.run_checks() if m.id == "djoser.W701"]

    assert "SOCIAL_AUTH_PIPELINE" in warning.msg
    assert STEP in warning.hint


def test_a_backends_own_pipeline_is_read_too(settings):
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_PIPELINE = with_step(
        SOCIAL_CORE_ASSOCIATE_BY_EMAIL
    )

    messages = [m for m in checks.run_checks() if m.id == "djoser.W701"]

    assert ["SOCIAL_AUTH_GOOGLE_OAUTH2_PIPELINE" in m.msg for m in messages] == [True]


def test_djoser_s_step_passes(settings):
    settings.SOCIAL_AUTH_PIPELINE = with_step(STEP)

    assert "djoser.W701" not in ids()


@pytest.mark.parametrize(
    "trusted",
    [
        [],
        {},
        ["google-oauth2"],
        {"google-oauth2": "*", "apple-id": ["example.com", "corp.example"]},
    ],
)
def test_valid_trusted_providers_pass(djoser_settings, trusted):
    djoser_settings(SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS=trusted)

    assert "djoser.E703" not in ids()


@pytest.mark.parametrize(
    "trusted",
    ["google-oauth2", {"google-oauth2": "example.com"}, {"google-oauth2": [""]}, 3],
)
def test_invalid_trusted_providers_are_an_error(djoser_settings, trusted):
    djoser_settings(SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS=trusted)

    assert "djoser.E703" in ids()


@pytest.mark.parametrize(
    "token_login",
    [
        {},
        {"google-oauth2": {"CLIENT_IDS": ["ios", "web"]}},
        {"apple-id": {"CLIENT_IDS": ["com.example"]}},
        {"github": {"ACCESS_TOKEN": True}},
        {
            "my-sso": {
                "CLIENT_IDS": ["app"],
                "ISSUERS": ["https://sso.example"],
                "JWKS_URL": "https://sso.example/keys",
            }
        },
    ],
)
def test_valid_token_login_settings_pass(djoser_settings, token_login):
    djoser_settings(SOCIAL_AUTH_TOKEN_LOGIN=token_login)

    assert "djoser.E702" not in ids()


@pytest.mark.parametrize(
    "token_login",
    [
        ["google-oauth2"],
        {"google-oauth2": ["ios"]},
        {"google-oauth2": {"CLIENT_ID": "ios"}},
        {"google-oauth2": {"CLIENT_IDS": "ios"}},
        {"google-oauth2": {"CLIENT_IDS": [""]}},
        {"github": {"ACCESS_TOKEN": "yes"}},
        {"github": {"CLIENT_IDS": ["app"]}},
        {"google-oauth2": {"CLIENT_IDS": ["ios"], "ISSUERS": []}},
    ],
)
def test_token_login_settings_that_cannot_work_are_an_error(
    djoser_settings, token_login
):
    djoser_settings(SOCIAL_AUTH_TOKEN_LOGIN=token_login)

    assert "djoser.E702" in ids()
