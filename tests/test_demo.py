"""The demo project's front-end page, its outbox and its DEBUG-only helpers."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import django
import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.urls import resolve

from demo.models import SentEmail
from demo.outbox import OutboxBackend
from demo.receivers import activate_addressless_account
from demo.views import ENDPOINT_URL_NAMES
from djoser.conf import RECOMMENDED_THROTTLE_RATES
from testproject import settings as demo_settings
from tests.conftest import PASSWORD

OUTBOX_URL = "/dev/outbox/"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def outbox_backend(settings):
    """Send email through the demo's outbox backend for one test."""
    backend = "demo.outbox.OutboxBackend"
    # Django 6.1 configures email through MAILERS and deprecates EMAIL_BACKEND.
    if django.VERSION >= (6, 1):
        settings.MAILERS = {"default": {"BACKEND": backend}}
    else:
        settings.EMAIL_BACKEND = backend


def page_config(response):
    html = response.content.decode()
    match = re.search(
        r'<script id="demo-config" type="application/json">(.*?)</script>', html
    )
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_outbox_backend_keeps_each_message_with_its_parts():
    message = mail.EmailMultiAlternatives(
        "Hello", "Open http://example.com/#/a/b", "from@example.com", ["to@example.com"]
    )
    message.attach_alternative("<p>Hello</p>", "text/html")
    connection = OutboxBackend()

    assert connection.send_messages([message]) == 1

    stored = SentEmail.objects.get()
    assert (stored.subject, stored.from_email) == ("Hello", "from@example.com")
    assert stored.recipients == ["to@example.com"]
    assert stored.body == "Open http://example.com/#/a/b"
    assert stored.html_body == "<p>Hello</p>"


@pytest.mark.django_db
def test_outbox_backend_skips_messages_without_recipients():
    connection = OutboxBackend()
    message = mail.EmailMessage("Nobody", "body", "from@example.com", [])

    assert connection.send_messages([message]) == 0
    assert not SentEmail.objects.exists()


@pytest.mark.django_db
def test_outbox_page_is_not_found_without_debug(api_client, outbox_backend):
    mail.EmailMessage("Secret link", "body", to=["to@example.com"]).send()

    response = api_client.get(OUTBOX_URL)

    assert response.status_code == 404
    assert b"Secret link" not in response.content


@pytest.mark.django_db
def test_outbox_page_lists_the_activation_email_with_its_link(
    api_client, settings, djoser_settings, outbox_backend, fields
):
    settings.DEBUG = True
    djoser_settings(SEND_ACTIVATION_EMAIL=True)
    data = {**fields.values(), "password": PASSWORD}
    assert api_client.post("/auth/users/", data).status_code == 201

    response = api_client.get(OUTBOX_URL)

    assert response.status_code == 200
    [message] = response.json()["messages"]
    assert message["to"] == [data[fields.email]]
    assert message["subject"].startswith("Activate your account")
    [link] = message["links"]
    assert re.fullmatch(r"http://testserver/#/activate/[\w-]+/[\w-]+", link)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_outbox_page_only_answers_reads(api_client, settings, method):
    settings.DEBUG = True

    response = getattr(api_client, method)(OUTBOX_URL)

    assert response.status_code == 405


@pytest.mark.django_db
def test_outbox_page_shows_the_newest_messages_first(api_client, settings):
    settings.DEBUG = True
    connection = OutboxBackend()
    for subject in ("first", "second"):
        connection.send_messages([mail.EmailMessage(subject, "", to=["a@b.example"])])

    messages = api_client.get(OUTBOX_URL).json()["messages"]

    assert [message["subject"] for message in messages] == ["second", "first"]


def test_index_page_carries_the_app_and_its_endpoints(client):
    response = client.get("/")

    assert response.status_code == 200
    config = page_config(response)
    # The browser client's: credentials in HttpOnly cookies, never in the page.
    assert config["endpoints"]["csrf"] == "/auth/browser/csrf/"
    assert config["endpoints"]["users"] == "/auth/browser/users/"
    assert config["endpoints"]["me"] == "/auth/browser/users/me/"
    assert config["endpoints"]["jwtRefresh"].startswith("/auth/browser/jwt/refresh")
    assert config["endpoints"]["jwtBlacklist"].startswith("/auth/browser/jwt/blacklist")


def test_index_page_names_the_fields_of_the_user_model(client, fields):
    config = page_config(client.get("/"))["fields"]

    assert config["login"] == fields.username
    assert config["username"] == fields.username
    assert config["email"] == fields.email
    assert config["required"] == fields.required
    assert config["sendActivationEmail"] is False


def test_index_page_tells_whether_a_password_change_logs_out(client, djoser_settings):
    djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)

    config = page_config(client.get("/"))["fields"]

    assert config["logoutOnPasswordChange"] is True


def test_index_page_leaves_out_the_outbox_without_debug(client):
    assert "outbox" not in page_config(client.get("/"))["endpoints"]


def test_index_page_offers_the_outbox_with_debug(client, settings):
    settings.DEBUG = True

    assert page_config(client.get("/"))["endpoints"]["outbox"] == OUTBOX_URL


def test_index_page_offers_two_factor_sign_in_when_its_endpoints_are_mounted(
    client,
):
    endpoints = page_config(client.get("/"))["endpoints"]

    assert endpoints["mfaTotp"] == "/auth/browser/mfa/totp/"
    assert endpoints["mfaRecoveryCodes"] == "/auth/browser/mfa/recovery_codes/"
    assert endpoints["mfaVerify"] == "/auth/browser/mfa/verify/"


def passkey_endpoints(response):
    endpoints = page_config(response)["endpoints"]
    return {
        name: path for name, path in endpoints.items() if name.startswith("passkey")
    }


def test_index_page_offers_passkeys_when_their_endpoints_are_mounted(client):
    assert passkey_endpoints(client.get("/")) == {
        "passkeySignupRequest": "/auth/browser/webauthn/signup_request/",
        "passkeySignup": "/auth/browser/webauthn/signup/:ukey/",
        "passkeyLoginRequest": "/auth/browser/webauthn/login_request/",
        "passkeyLogin": "/auth/browser/webauthn/login/",
        "passkeys": "/auth/browser/webauthn/passkeys/",
        "passkeyAddRequest": "/auth/browser/webauthn/passkeys/add_request/",
        "passkeyAdd": "/auth/browser/webauthn/passkeys/add/",
        "passkey": "/auth/browser/webauthn/passkeys/:pk/",
    }


@pytest.mark.parametrize(
    ("name", "parameter", "value", "url_name"),
    [
        ("passkeySignup", "ukey", "q5C0-Xx_ukey", "webauthn_signup"),
        ("passkey", "pk", "42", "webauthn_passkey_detail"),
    ],
)
def test_index_page_paths_with_parameters_resolve_once_filled_in(
    client, name, parameter, value, url_name
):
    path = page_config(client.get("/"))["endpoints"][name]

    match = resolve(path.replace(f":{parameter}", value))

    assert match.url_name == url_name
    assert str(match.kwargs[parameter]) == value


def test_index_page_leaves_out_passkeys_when_their_endpoints_are_not_mounted(
    client, settings
):
    settings.ROOT_URLCONF = "tests.urls_without_passkeys"

    response = client.get("/")

    assert response.status_code == 200
    # Without these the app's passkey section (which requires them) stays hidden.
    assert passkey_endpoints(response) == {}
    assert page_config(response)["endpoints"]["users"] == "/auth/browser/users/"


def test_sections_require_only_endpoints_the_page_can_offer():
    sections = Path(finders.find("demo/sections/passkeys.js")).parent
    required = {}
    for script in sections.glob("*.js"):
        [names] = re.findall(r"requires: \[([^\]]*)\]", script.read_text())
        required[script.name] = set(re.findall(r'"(\w+)"', names))

    for names in required.values():
        assert names <= ENDPOINT_URL_NAMES.keys()
    # All of them: the section shows only where djoser.webauthn.urls is mounted.
    assert required["passkeys.js"] == {
        name for name in ENDPOINT_URL_NAMES if name.startswith("passkey")
    }


def test_index_page_names_the_passkeys_relying_party(client, djoser_settings):
    djoser_settings(WEBAUTHN={"RP_ID": "example.com"})

    assert page_config(client.get("/"))["passkeyRpId"] == "example.com"


def test_index_page_loads_only_local_files_that_exist(client):
    html = client.get("/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"#]+)"', html)

    assert sources
    for source in sources:
        assert source.startswith("/static/demo/"), source
        assert finders.find(source.removeprefix("/static/")), source


@pytest.mark.django_db
def test_addressless_account_is_activated_in_debug(make_user, fields, settings):
    settings.DEBUG = True
    user = make_user(is_active=False)
    setattr(user, fields.email, "")

    activate_addressless_account(sender=None, user=user, request=None)

    user.refresh_from_db()
    assert user.is_active


@pytest.mark.django_db
def test_addressless_account_stays_inactive_without_debug(make_user, fields):
    user = make_user(is_active=False)
    setattr(user, fields.email, "")

    activate_addressless_account(sender=None, user=user, request=None)

    user.refresh_from_db()
    assert not user.is_active


@pytest.mark.django_db
def test_account_with_an_address_still_waits_for_its_link_in_debug(
    api_client, settings, djoser_settings, fields
):
    settings.DEBUG = True
    djoser_settings(SEND_ACTIVATION_EMAIL=True)
    data = {**fields.values(), "password": PASSWORD}

    assert api_client.post("/auth/users/", data).status_code == 201

    user = fields.model._default_manager.get(**{fields.email: data[fields.email]})
    assert not user.is_active


def test_demo_project_runs_with_the_recommended_rate_limits():
    assert demo_settings.DJOSER["THROTTLE_RATES"] is RECOMMENDED_THROTTLE_RATES


DATABASE_URL_SCRIPT = """
import json
from testproject import settings
print(json.dumps(settings.DATABASES["default"], default=str))
"""


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgres://ada:secret@db.example:5433/accounts",
            {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "accounts",
                "USER": "ada",
                "PASSWORD": "secret",
                "HOST": "db.example",
                "PORT": 5433,
            },
        ),
        (
            "mysql://ada:secret@db.example/accounts",
            {"ENGINE": "django.db.backends.mysql", "NAME": "accounts"},
        ),
        (
            "sqlite:////tmp/demo.sqlite3",
            {"ENGINE": "django.db.backends.sqlite3", "NAME": "/tmp/demo.sqlite3"},
        ),
    ],
    ids=["postgres", "mysql", "sqlite"],
)
def test_database_url_selects_the_database(url, expected):
    # A fresh interpreter: the settings module reads DATABASE_URL on import.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DATABASE_URL": url,
    }
    result = subprocess.run(
        [sys.executable, "-c", DATABASE_URL_SCRIPT],
        cwd=ROOT / "testproject",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    database = json.loads(result.stdout)
    assert {key: database[key] for key in expected} == expected


def test_index_page_offers_the_email_change_when_its_url_is_set(client):
    endpoints = page_config(client.get("/"))["endpoints"]

    assert endpoints["emailChange"] == "/auth/browser/users/me/email/"
    assert endpoints["emailChangeConfirm"] == "/auth/browser/users/me/email/confirm/"
    assert endpoints["emailChangeUndo"] == "/auth/browser/users/me/email/undo/"


def test_index_page_leaves_out_the_email_change_without_its_url(
    client, djoser_settings
):
    djoser_settings(EMAIL_CHANGE_CONFIRM_URL=None, EMAIL_CHANGE_UNDO_URL=None)

    endpoints = page_config(client.get("/"))["endpoints"]

    assert "emailChange" not in endpoints
    assert "emailChangeConfirm" not in endpoints
    assert "emailChangeUndo" not in endpoints


def test_the_demo_routes_the_email_change_links():
    from django.conf import settings as django_settings

    djoser = django_settings.DJOSER
    script = Path(finders.find("demo/sections/email.js")).read_text()

    assert djoser["EMAIL_CHANGE_CONFIRM_URL"] == "#/email/confirm/{uid}/{token}"
    assert '"/email/confirm/:uid/:token"' in script
    assert djoser["EMAIL_CHANGE_UNDO_URL"] == "#/email/undo/{uid}/{token}"
    assert '"/email/undo/:uid/:token"' in script


def test_index_page_offers_the_deployments_config(client):
    # The sign-up page reads the password rule from it.
    config = page_config(client.get("/"))

    # The browser client serves it too, like every djoser endpoint the demo uses.
    assert config["endpoints"]["config"] == "/auth/browser/config/"


@pytest.mark.django_db
def test_the_demo_refuses_a_one_letter_password(api_client, settings, fields):
    # The suite runs without validators (Django's default); the demo has
    # Django's recommended ones.
    settings.AUTH_PASSWORD_VALIDATORS = demo_settings.AUTH_PASSWORD_VALIDATORS
    body = {**fields.values(), "password": "x"}

    response = api_client.post("/auth/users/", body, format="json")

    assert response.status_code == 400
    assert "This password is too short." in " ".join(response.json()["password"])
    assert not fields.model._default_manager.exists()


def test_the_demo_routes_the_not_me_link(client, djoser_settings):
    from testproject import settings as project_settings

    url = project_settings.DJOSER["NOT_ME_URL"]
    djoser_settings(NOT_ME_URL=url)
    script = Path(finders.find("demo/sections/not_me.js")).read_text()

    endpoints = page_config(client.get("/"))["endpoints"]

    assert url == "#/not-me/{uid}/{token}"
    assert '"/not-me/:uid/:token"' in script
    assert endpoints["notMe"] == "/auth/browser/users/not_me/"


def test_index_page_leaves_out_the_not_me_link_without_its_url(client):
    endpoints = page_config(client.get("/"))["endpoints"]

    assert "notMe" not in endpoints
