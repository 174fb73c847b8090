"""The demo project's front-end page, its outbox and its DEBUG-only helpers."""

import json
import re

import django
import pytest
from django.contrib.staticfiles import finders
from django.core import mail

from demo.models import SentEmail
from demo.outbox import OutboxBackend
from demo.receivers import activate_addressless_account
from tests.conftest import PASSWORD

OUTBOX_URL = "/dev/outbox/"


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
    assert config["endpoints"]["users"] == "/auth/users/"
    assert config["endpoints"]["me"] == "/auth/users/me/"
    assert config["endpoints"]["jwtRefresh"].startswith("/auth/jwt/refresh")


def test_index_page_names_the_fields_of_the_user_model(client, fields):
    config = page_config(client.get("/"))["fields"]

    assert config["login"] == fields.username
    assert config["username"] == fields.username
    assert config["email"] == fields.email
    assert config["required"] == fields.required
    assert config["sendActivationEmail"] is False


def test_index_page_leaves_out_the_outbox_without_debug(client):
    assert "outbox" not in page_config(client.get("/"))["endpoints"]


def test_index_page_offers_the_outbox_with_debug(client, settings):
    settings.DEBUG = True

    assert page_config(client.get("/"))["endpoints"]["outbox"] == OUTBOX_URL


def test_index_page_offers_passkeys_when_their_endpoints_are_mounted(client):
    endpoints = page_config(client.get("/"))["endpoints"]

    assert {name for name in endpoints if name.startswith("passkey")} == {
        "passkeySignupRequest",
        "passkeyLoginRequest",
        "passkeyLogin",
    }


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
