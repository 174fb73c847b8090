"""``GET config/`` (djoser.client_config): what the deployment offers, no secrets."""

import pytest
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator

from djoser.client_config.offer import client_config

pytestmark = pytest.mark.django_db

URL = "/auth/config/"
OIDC_BACKEND = "social_core.backends.open_id_connect.OpenIdConnectAuth"
GITHUB_BACKEND = "social_core.backends.github.GithubOAuth2"
TWITTER_BACKEND = "social_core.backends.twitter.TwitterOAuth"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
SECRETS = {
    "SOCIAL_AUTH_OIDC_SECRET": "oidc-client-secret-value",
    "SOCIAL_AUTH_GITHUB_SECRET": "github-client-secret-value",
    "SOCIAL_AUTH_TWITTER_SECRET": "twitter-consumer-secret-value",
    "SOCIAL_AUTH_TWITTER_KEY": "twitter-consumer-key-value",
    "SECRET_KEY": "django-secret-key-value-that-must-stay-home",
}


def test_anyone_reads_the_config_and_caches_it(api_client):
    response = api_client.get(URL)

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]


def test_a_bad_token_does_not_turn_the_config_into_a_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert api_client.get(URL).status_code == 200


def test_the_config_only_answers_get(api_client):
    assert api_client.post(URL, {}, format="json").status_code == 405


def test_user_fields_follow_the_user_model_and_login_field(api_client, fields):
    data = api_client.get(URL).json()

    assert data["user_fields"] == {
        "id": fields.id,
        "login": fields.username,
        "username": fields.username,
        "email": fields.email,
        "required": fields.required,
    }


def test_login_methods_are_the_mounted_ones(api_client):
    # The test project mounts token, JWT and passkey logins; social login
    # counts only with a provider configured.
    assert api_client.get(URL).json()["login_methods"] == ["token", "jwt", "passkey"]


@override_settings(ROOT_URLCONF="tests.urls_without_passkeys")
def test_passkey_login_is_not_offered_where_its_urls_are_not_mounted(api_client):
    assert "passkey" not in api_client.get(URL).json()["login_methods"]


def test_retype_settings_and_activation_show(api_client, djoser_settings):
    djoser_settings(SET_PASSWORD_RETYPE=True, SEND_ACTIVATION_EMAIL=False)

    data = api_client.get(URL).json()

    assert data["retype"]["set_password"] is True
    assert data["retype"]["user_create"] is False
    assert data["registration"] == {"open": True, "activation_email": False}


def test_two_factor_methods_where_djoser_mfa_is_installed(api_client, djoser_settings):
    djoser_settings(MFA={"REQUIRED_FOR_STAFF": True})

    two_factor = api_client.get(URL).json()["two_factor"]

    assert two_factor == {
        "methods": ["totp", "recovery_code"],
        "required_for_staff": True,
    }


def test_no_two_factor_methods_without_djoser_mfa(settings):
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != "djoser.mfa"]

    assert client_config()["two_factor"] == {"methods": [], "required_for_staff": False}


def test_email_change_is_on_only_with_its_link(api_client, djoser_settings):
    assert api_client.get(URL).json()["email_change"]["enabled"] is True

    djoser_settings(EMAIL_CHANGE_CONFIRM_URL=None, EMAIL_CHANGE_UNDO_URL=None)
    email_change = api_client.get(URL).json()["email_change"]

    assert email_change == {
        "enabled": False,
        "undo": False,
        "requires_verification": False,
    }


def test_password_minimum_comes_from_the_validators(api_client, settings):
    settings.AUTH_PASSWORD_VALIDATORS = [
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 12},
        },
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ]

    assert api_client.get(URL).json()["password"] == {
        "min_length": 12,
        "max_length": None,
    }


def test_no_password_minimum_without_its_validator(api_client, settings):
    settings.AUTH_PASSWORD_VALIDATORS = []

    assert api_client.get(URL).json()["password"]["min_length"] is None


def test_social_providers_show_their_public_client_ids_and_no_secret(
    api_client, settings
):
    settings.AUTHENTICATION_BACKENDS = [
        OIDC_BACKEND,
        GITHUB_BACKEND,
        TWITTER_BACKEND,
        MODEL_BACKEND,
    ]
    settings.SOCIAL_AUTH_OIDC_KEY = "oidc-public-client-id"
    settings.SOCIAL_AUTH_GITHUB_KEY = ""
    for name, value in SECRETS.items():
        setattr(settings, name, value)
    settings.DJOSER = {
        **settings.DJOSER,
        "MFA": {"ENCRYPTION_KEYS": ["mfa-encryption-key-value"]},
    }

    response = api_client.get(URL)

    data = response.json()
    assert data["social_providers"] == [
        {"name": "oidc", "client_id": "oidc-public-client-id", "token_login": []},
        {"name": "github", "client_id": None, "token_login": []},
        # OAuth1's consumer key is not a public client id.
        {"name": "twitter", "client_id": None, "token_login": []},
    ]
    assert "social" in data["login_methods"]
    body = response.content.decode()
    for secret in [*SECRETS.values(), "mfa-encryption-key-value"]:
        assert secret not in body


def test_social_providers_say_which_sdk_tokens_they_take(
    api_client, settings, djoser_settings
):
    settings.AUTHENTICATION_BACKENDS = [OIDC_BACKEND, GITHUB_BACKEND, MODEL_BACKEND]
    djoser_settings(
        SOCIAL_AUTH_TOKEN_LOGIN={
            "oidc": {"CLIENT_IDS": ["ios-app"]},
            "github": {"ACCESS_TOKEN": True},
        }
    )

    providers = api_client.get(URL).json()["social_providers"]

    assert [(p["name"], p["token_login"]) for p in providers] == [
        ("oidc", ["id_token"]),
        ("github", ["access_token"]),
    ]


def test_the_schema_types_the_config_without_a_401():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    config = schema["paths"]["/auth/config/"]["get"]

    assert config["operationId"] == "config_retrieve"
    assert set(config["responses"]) == {"200"}
    answer = config["responses"]["200"]["content"]["application/json"]["schema"]
    component = schema["components"]["schemas"][answer["$ref"].rsplit("/", 1)[1]]
    assert set(component["properties"]) == {
        "user_fields",
        "login_methods",
        "social_providers",
        "registration",
        "retype",
        "two_factor",
        "email_change",
        "password",
        "sessions",
    }


def test_sessions_are_off_as_in_djoser_2(api_client, djoser_settings):
    djoser_settings(SESSIONS={"ENABLED": False})

    assert api_client.get(URL).json()["sessions"] == {
        "enabled": False,
        "listed": False,
        "refresh_rotation": False,
        "reuse_grace_seconds": None,
    }


def test_sessions_on_tell_clients_to_keep_each_new_refresh_token(
    api_client, djoser_settings, settings
):
    djoser_settings(SESSIONS={"ENABLED": True})
    settings.SIMPLE_JWT = {**settings.SIMPLE_JWT, "ROTATE_REFRESH_TOKENS": True}

    assert api_client.get(URL).json()["sessions"] == {
        "enabled": True,
        "listed": True,
        "refresh_rotation": True,
        "reuse_grace_seconds": 10,
    }
