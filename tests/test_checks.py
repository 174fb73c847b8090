"""System checks (djoser.checks): misconfigurations named at ``manage.py check``."""

import importlib.util
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from django.contrib.auth.backends import ModelBackend
from django.core import checks
from django.urls import include, path
from rest_framework import serializers

from djoser import checks as djoser_checks
from djoser.conf import RECOMMENDED_THROTTLE_RATES
from djoser.serializers import UserCreateSerializer

ROOT = Path(__file__).resolve().parent.parent


class OwnBackend(ModelBackend):
    """A project's backend: it might look users up by LOGIN_FIELD."""


class PasswordOnlyCreateSerializer(UserCreateSerializer):
    """A registration serializer that asks for nothing create_user needs."""

    class Meta(UserCreateSerializer.Meta):
        fields = ("password",)


class NeedsRequestCreateSerializer(UserCreateSerializer):
    """Builds its fields from the request, so it cannot be judged without one."""

    def get_fields(self):
        return {"by": serializers.CharField(default=self.context["request"].user)}


def ids(messages):
    return [message.id for message in messages]


def fresh_module(name):
    """Execute module ``name`` again, as a new object: its import-time choices
    see the settings of the test."""
    spec = importlib.util.find_spec(name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def urlconf(*url_modules, prefix="auth/"):
    module = types.ModuleType("urls_for_checks")
    module.urlpatterns = [
        path(prefix, include(url_module)) for url_module in url_modules
    ]
    return module


@pytest.fixture
def without_app(settings):
    def remove(app):
        settings.INSTALLED_APPS = [
            name for name in settings.INSTALLED_APPS if name != app
        ]

    return remove


class TestEmailUrls:
    def test_activation_emails_without_activation_url_are_an_error(
        self, djoser_settings
    ):
        djoser_settings(SEND_ACTIVATION_EMAIL=True, ACTIVATION_URL=None)

        messages = djoser_checks.check_email_urls()

        assert ids(messages) == ["djoser.E401"]
        assert messages[0].level == checks.ERROR
        assert "ACTIVATION_URL" in messages[0].hint

    def test_activation_url_unset_is_fine_while_activation_emails_are_off(
        self, djoser_settings
    ):
        djoser_settings(SEND_ACTIVATION_EMAIL=False, ACTIVATION_URL=None)

        assert djoser_checks.check_email_urls() == []

    def test_reset_password_route_without_its_url_warns(self, djoser_settings):
        djoser_settings(PASSWORD_RESET_CONFIRM_URL=None)

        messages = djoser_checks.check_email_urls()

        assert ids(messages) == ["djoser.W402"]
        assert messages[0].level == checks.WARNING
        assert "PASSWORD_RESET_CONFIRM_URL" in messages[0].hint

    def test_reset_username_route_without_its_url_warns(self, djoser_settings):
        djoser_settings(USERNAME_RESET_CONFIRM_URL=None)

        messages = djoser_checks.check_email_urls()

        assert ids(messages) == ["djoser.W403"]
        assert "USERNAME_RESET_CONFIRM_URL" in messages[0].hint

    def test_reset_urls_are_not_needed_where_the_user_routes_are_not_mounted(
        self, settings, djoser_settings
    ):
        settings.ROOT_URLCONF = urlconf("djoser.urls.authtoken")
        djoser_settings(
            PASSWORD_RESET_CONFIRM_URL=None, USERNAME_RESET_CONFIRM_URL=None
        )

        assert djoser_checks.check_email_urls() == []

    def test_an_email_class_without_a_link_needs_no_url(self, djoser_settings):
        djoser_settings(
            SEND_ACTIVATION_EMAIL=True,
            ACTIVATION_URL=None,
            EMAIL={"activation": "djoser.email.ConfirmationEmail"},
        )

        assert djoser_checks.check_email_urls() == []


class TestLoginField:
    def test_a_login_field_the_user_model_lacks_is_an_error(self, djoser_settings):
        djoser_settings(LOGIN_FIELD="no_such_field")

        messages = djoser_checks.check_login_field()

        assert ids(messages) == ["djoser.E404"]
        assert "no_such_field" in messages[0].msg

    def test_the_default_login_field_passes(self):
        assert djoser_checks.check_login_field() == []

    def test_a_login_field_that_is_not_unique_warns(self, djoser_settings):
        # last_login: on every user model, and never unique.
        djoser_settings(LOGIN_FIELD="last_login")

        messages = djoser_checks.check_login_field()

        assert ids(messages) == ["djoser.W411"]
        assert messages[0].level == checks.WARNING

    def test_a_unique_login_field_other_than_username_field_passes(
        self, djoser_settings, fields
    ):
        djoser_settings(LOGIN_FIELD=fields.id)

        assert djoser_checks.check_login_field() == []


class TestRegistrationFields:
    def test_registration_that_cannot_fill_create_user_is_an_error(
        self, djoser_settings, fields
    ):
        djoser_settings(SERIALIZERS={"user_create": PasswordOnlyCreateSerializer})

        messages = djoser_checks.check_registration_fields()

        assert ids(messages) == ["djoser.E405"]
        assert fields.username in messages[0].msg

    def test_the_retype_serializer_is_checked_when_retype_is_on(self, djoser_settings):
        djoser_settings(
            USER_CREATE_PASSWORD_RETYPE=True,
            SERIALIZERS={"user_create_password_retype": PasswordOnlyCreateSerializer},
        )

        assert ids(djoser_checks.check_registration_fields()) == ["djoser.E405"]

    def test_default_registration_with_login_field_email_passes(
        self, djoser_settings, fields
    ):
        djoser_settings(LOGIN_FIELD=fields.email)

        assert djoser_checks.check_registration_fields() == []

    def test_a_serializer_that_needs_a_request_is_left_alone(self, djoser_settings):
        djoser_settings(SERIALIZERS={"user_create": NeedsRequestCreateSerializer})

        assert djoser_checks.check_registration_fields() == []


class TestLoginFieldBackend:
    @pytest.fixture(autouse=True)
    def login_by_another_field(self, djoser_settings, fields):
        # Any field other than USERNAME_FIELD, on every user model.
        djoser_settings(LOGIN_FIELD=fields.id)

    def test_only_djangos_backends_are_an_error(self, settings):
        settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]

        messages = djoser_checks.check_login_field_backend()

        assert ids(messages) == ["djoser.E406"]
        assert djoser_checks.LOGIN_FIELD_BACKEND in messages[0].hint

    def test_a_backend_of_the_project_is_a_warning(self, settings):
        settings.AUTHENTICATION_BACKENDS = ["tests.test_checks.OwnBackend"]

        assert ids(djoser_checks.check_login_field_backend()) == ["djoser.W406"]

    def test_login_field_backend_passes(self, settings):
        settings.AUTHENTICATION_BACKENDS = [
            "django.contrib.auth.backends.ModelBackend",
            djoser_checks.LOGIN_FIELD_BACKEND,
        ]

        assert djoser_checks.check_login_field_backend() == []

    def test_login_field_equal_to_username_field_needs_no_backend(
        self, settings, djoser_settings, fields
    ):
        settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
        djoser_settings(LOGIN_FIELD=fields.username)

        assert djoser_checks.check_login_field_backend() == []


class TestMountedFeatures:
    def test_social_urls_without_social_django_are_an_error(
        self, settings, without_app
    ):
        without_app("social_django")
        settings.ROOT_URLCONF = urlconf(fresh_module("djoser.social.urls"))

        messages = djoser_checks.check_mounted_features()

        assert ids(messages) == ["djoser.E408"]
        assert "social_django" in messages[0].hint

    def test_social_urls_without_social_django_answer_501(
        self, settings, without_app, api_client
    ):
        without_app("social_django")
        settings.ROOT_URLCONF = urlconf(fresh_module("djoser.social.urls"))

        response = api_client.get("/auth/o/oidc/")

        assert response.status_code == 501
        assert "social_django" in response.data["detail"]

    def test_passkey_urls_without_the_webauthn_app_are_an_error(
        self, settings, without_app
    ):
        without_app("djoser.webauthn")
        settings.ROOT_URLCONF = urlconf(fresh_module("djoser.webauthn.urls"))

        messages = djoser_checks.check_mounted_features()

        assert ids(messages) == ["djoser.E409"]
        assert "djoser.webauthn" in messages[0].hint

    def test_passkey_urls_without_the_webauthn_app_answer_501(
        self, settings, without_app, api_client
    ):
        without_app("djoser.webauthn")
        settings.ROOT_URLCONF = urlconf(fresh_module("djoser.webauthn.urls"))

        response = api_client.post("/auth/login_request/", {}, format="json")

        assert response.status_code == 501
        assert "djoser.webauthn" in response.data["detail"]

    def test_mfa_urls_without_the_mfa_app_are_an_error(self, settings, without_app):
        without_app("djoser.mfa")
        settings.ROOT_URLCONF = urlconf(fresh_module("djoser.urls.mfa"))

        messages = djoser_checks.check_mounted_features()

        assert ids(messages) == ["djoser.E511"]
        assert "djoser.mfa" in messages[0].hint

    @pytest.mark.parametrize(
        "method, url",
        [
            ("get", "/auth/mfa/totp/"),
            ("post", "/auth/mfa/totp/"),
            ("post", "/auth/mfa/recovery_codes/"),
            ("post", "/auth/mfa/verify/"),
        ],
    )
    def test_mfa_urls_without_the_mfa_app_answer_501(
        self, settings, without_app, user_client, method, url
    ):
        without_app("djoser.mfa")
        settings.ROOT_URLCONF = urlconf(fresh_module("djoser.urls.mfa"))

        response = getattr(user_client, method)(url, {}, format="json")

        assert response.status_code == 501
        assert "djoser.mfa" in response.json()["detail"]

    def test_code_urls_without_the_codes_app_are_an_error(self, settings, without_app):
        without_app("djoser.codes")
        settings.ROOT_URLCONF = urlconf(fresh_module("djoser.urls.codes"))

        messages = djoser_checks.check_mounted_features()

        assert ids(messages) == ["djoser.codes.E001"]
        assert "djoser.codes" in messages[0].hint

    def test_code_urls_without_the_codes_app_answer_501(
        self, settings, without_app, api_client
    ):
        without_app("djoser.codes")
        settings.ROOT_URLCONF = urlconf(fresh_module("djoser.urls.codes"))

        response = api_client.post("/auth/login/code/request/", {}, format="json")

        assert response.status_code == 501
        assert "djoser.codes" in response.json()["detail"]

    def test_blacklist_route_without_the_blacklist_app_warns(self, without_app):
        without_app("rest_framework_simplejwt.token_blacklist")

        messages = djoser_checks.check_mounted_features()

        assert ids(messages) == ["djoser.W410"]
        assert messages[0].level == checks.WARNING

    def test_the_demo_project_passes_every_djoser_check(self, djoser_settings):
        # The test settings leave the demo's URL formats and apps in place.
        messages = checks.run_checks()

        assert [id for id in ids(messages) if id.startswith("djoser.")] == []


JWT_WITHOUT_SIMPLEJWT = """
import sys


class RefuseSimplejwt:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "rest_framework_simplejwt":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, RefuseSimplejwt())

import types

import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "rest_framework",
        "djoser",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    ROOT_URLCONF="project_urls",
    ALLOWED_HOSTS=["testserver"],
    SECRET_KEY="no-simplejwt",
    DJOSER={"TOKEN_MODEL": None},
)
django.setup()

from django.core import checks
from django.test import Client
from django.urls import include, path

urls = types.ModuleType("project_urls")
urls.urlpatterns = [path("auth/", include("djoser.urls.jwt"))]
sys.modules["project_urls"] = urls

found = [message for message in checks.run_checks() if message.id.startswith("djoser")]
print(" ".join(message.id for message in found))
print(found[0].hint)
response = Client().post("/auth/jwt/create/")
print(response.status_code, response.json()["detail"])
"""


def test_jwt_urls_without_simplejwt_are_an_error_and_answer_501():
    # The script configures its own project, not the test suite's.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", JWT_WITHOUT_SIMPLEJWT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "djoser.E407",
        "pip install djangorestframework-simplejwt",
        "501 This endpoint needs the djangorestframework-simplejwt package, "
        "which is missing.",
    ]


# djoser.W301: logins and mail-sending actions without a rate limit.
CORE_ACTIONS = ["token_create", "user_create", "password_reset", "username_reset"]


def deploy_warnings():
    found = checks.run_checks(include_deployment_checks=True)
    return [message for message in found if message.id == "djoser.W301"]


def test_deploy_check_warns_when_logins_and_mail_have_no_limit():
    [warning] = deploy_warnings()

    assert warning.level == checks.WARNING
    for action in CORE_ACTIONS:
        assert action in warning.msg


def test_the_warning_names_the_line_to_add():
    [warning] = deploy_warnings()

    assert '"THROTTLE_RATES": RECOMMENDED_THROTTLE_RATES' in warning.hint
    assert "from djoser.conf import RECOMMENDED_THROTTLE_RATES" in warning.hint


def test_the_recommended_line_silences_the_warning(djoser_settings):
    djoser_settings(THROTTLE_RATES=RECOMMENDED_THROTTLE_RATES)

    assert deploy_warnings() == []


def test_the_warning_names_only_the_actions_left_unlimited(djoser_settings):
    rates = {**RECOMMENDED_THROTTLE_RATES, "password_reset": None}
    djoser_settings(THROTTLE_RATES=rates)

    [warning] = deploy_warnings()

    assert "password_reset" in warning.msg
    assert "token_create" not in warning.msg


def test_the_check_runs_for_deployments_only():
    found = checks.run_checks(include_deployment_checks=False)

    assert "djoser.W301" not in [message.id for message in found]


@pytest.mark.parametrize(
    "action,app", [("social", "social_django"), ("webauthn_login", "djoser.webauthn")]
)
def test_a_login_whose_app_is_not_installed_needs_no_limit(
    settings, djoser_settings, action, app
):
    djoser_settings(THROTTLE_RATES={**RECOMMENDED_THROTTLE_RATES, action: None})
    assert action in deploy_warnings()[0].msg

    settings.INSTALLED_APPS = [name for name in settings.INSTALLED_APPS if name != app]

    assert deploy_warnings() == []
