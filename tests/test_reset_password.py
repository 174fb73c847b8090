"""POST users/reset_password/ and users/reset_<USERNAME_FIELD>/: email a reset link.

The two requests behave alike, so each test here runs for both (test ids
``password`` and ``username``); test_reset_username.py has what only the
username reset does.
"""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse

from djoser.compat import get_user_email
from djoser.email import PasswordResetEmail, UsernameResetEmail
from djoser.utils import encode_uid
from tests.helpers import EMAIL_NOT_FOUND, link_in


@dataclass(frozen=True)
class Reset:
    route: str
    email_class: type
    confirm_url_setting: str
    show_email_not_found_setting: str


RESETS = {
    "password": Reset(
        "user-reset-password",
        PasswordResetEmail,
        "PASSWORD_RESET_CONFIRM_URL",
        "PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND",
    ),
    "username": Reset(
        "user-reset-username",
        UsernameResetEmail,
        "USERNAME_RESET_CONFIRM_URL",
        "USERNAME_RESET_SHOW_EMAIL_NOT_FOUND",
    ),
}


@pytest.fixture(params=list(RESETS))
def reset(request):
    return RESETS[request.param]


@pytest.fixture
def url(reset):
    return reverse(reset.route)


@pytest.fixture
def url_format(reset):
    return settings.DJOSER[reset.confirm_url_setting]


def address_of(fields, user):
    return {fields.email: get_user_email(user)}


def test_reset_for_known_email_answers_204(api_client, url, fields, user):
    response = api_client.post(url, address_of(fields, user), format="json")

    assert response.status_code == 204
    assert response.content == b""


def test_reset_sends_its_email_to_the_user(
    api_client, url, reset, fields, user, mailoutbox
):
    api_client.post(url, address_of(fields, user), format="json")

    assert len(mailoutbox) == 1
    assert isinstance(mailoutbox[0], reset.email_class)
    assert mailoutbox[0].to == [get_user_email(user)]


def test_reset_email_links_to_the_confirm_url_with_uid_and_token(
    api_client, url, fields, user, mailoutbox, url_format
):
    api_client.post(url, address_of(fields, user), format="json")

    uid, token = link_in(mailoutbox[0], url_format)
    assert uid == encode_uid(user.pk)
    assert default_token_generator.check_token(user, token)


@pytest.mark.parametrize(
    ("reset", "flow"),
    [
        pytest.param("password", "reset_password_confirm", id="password"),
        pytest.param("username", "reset_username_confirm", id="username"),
    ],
    indirect=True,
)
def test_reset_email_link_is_accepted_by_the_confirm_action(
    api_client, url, fields, flow, mailoutbox, url_format
):
    api_client.post(url, address_of(fields, flow.user), format="json")
    uid, token = link_in(mailoutbox[0], url_format)

    response = flow.post(uid=uid, token=token)

    assert response.status_code == 204
    assert flow.has_new_value()


def test_reset_matches_the_address_case_insensitively(
    api_client, url, fields, user, mailoutbox
):
    shouted = get_user_email(user).upper()

    response = api_client.post(url, {fields.email: shouted}, format="json")

    assert response.status_code == 204
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [get_user_email(user)]


def test_reset_for_unknown_email_answers_204_without_mail(
    api_client, url, fields, user, mailoutbox
):
    response = api_client.post(url, {fields.email: "nobody@example.com"}, format="json")

    assert response.status_code == 204
    assert mailoutbox == []


def test_reset_for_inactive_user_sends_no_mail(
    api_client, url, fields, inactive_user, mailoutbox
):
    response = api_client.post(url, address_of(fields, inactive_user), format="json")

    assert response.status_code == 204
    assert mailoutbox == []


def test_reset_for_user_without_usable_password_sends_no_mail(
    api_client, url, fields, make_user, mailoutbox
):
    passwordless = make_user(password=None)

    response = api_client.post(url, address_of(fields, passwordless), format="json")

    assert response.status_code == 204
    assert mailoutbox == []


def test_reset_answers_known_and_unknown_emails_alike(api_client, url, fields, user):
    known = api_client.post(url, address_of(fields, user), format="json")
    unknown = api_client.post(url, {fields.email: "nobody@example.com"}, format="json")

    assert known.status_code == unknown.status_code
    assert known.content == unknown.content
    assert dict(known.headers) == dict(unknown.headers)
    assert known.cookies.keys() == unknown.cookies.keys()


@pytest.mark.parametrize(
    "address",
    [
        pytest.param("not-an-address", id="no-at-sign"),
        pytest.param("", id="empty"),
        pytest.param(None, id="null"),
        pytest.param({"a": "b"}, id="dict"),
    ],
)
def test_reset_with_invalid_email_answers_400_without_mail(
    api_client, url, fields, user, address, mailoutbox
):
    response = api_client.post(url, {fields.email: address}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [fields.email]
    assert mailoutbox == []


class TestShowEmailNotFound:
    @pytest.fixture(autouse=True)
    def show_on(self, reset, djoser_settings):
        djoser_settings(**{reset.show_email_not_found_setting: True})

    def test_unknown_email_answers_400_email_not_found(
        self, api_client, url, fields, user, mailoutbox
    ):
        response = api_client.post(
            url, {fields.email: "nobody@example.com"}, format="json"
        )

        assert response.status_code == 400
        assert response.json() == [EMAIL_NOT_FOUND]
        assert mailoutbox == []

    def test_inactive_user_answers_400_email_not_found(
        self, api_client, url, fields, inactive_user, mailoutbox
    ):
        response = api_client.post(
            url, address_of(fields, inactive_user), format="json"
        )

        assert response.status_code == 400
        assert response.json() == [EMAIL_NOT_FOUND]
        assert mailoutbox == []

    def test_known_email_still_answers_204_with_mail(
        self, api_client, url, fields, user, mailoutbox
    ):
        response = api_client.post(url, address_of(fields, user), format="json")

        assert response.status_code == 204
        assert len(mailoutbox) == 1


def test_reset_ignores_the_other_resets_show_email_not_found_flag(
    api_client, url, reset, fields, user, djoser_settings
):
    [other] = [each for each in RESETS.values() if each != reset]
    djoser_settings(**{other.show_email_not_found_setting: True})

    response = api_client.post(url, {fields.email: "nobody@example.com"}, format="json")

    assert response.status_code == 204


def test_reset_email_uses_the_request_host_by_default(
    api_client, url, fields, user, mailoutbox, url_format
):
    api_client.post(url, address_of(fields, user), format="json")

    link_in(mailoutbox[0], url_format)
    assert "testserver" in mailoutbox[0].subject


def test_reset_email_uses_frontend_domain_protocol_and_site_name(
    api_client, url, fields, user, mailoutbox, url_format, djoser_settings
):
    djoser_settings(
        EMAIL_FRONTEND_DOMAIN="app.example.org",
        EMAIL_FRONTEND_PROTOCOL="https",
        EMAIL_FRONTEND_SITE_NAME="Example App",
    )

    api_client.post(url, address_of(fields, user), format="json")

    message = mailoutbox[0]
    link_start = url_format.format(uid=encode_uid(user.pk), token="")
    assert f"https://app.example.org/{link_start}" in message.body
    assert "http://testserver/" not in message.body
    assert "Example App" in message.subject
    assert "testserver" not in message.subject


def test_reset_email_uses_django_domain_and_site_name_settings(
    api_client, url, fields, user, mailoutbox, url_format, settings
):
    settings.DOMAIN = "accounts.example.net"
    settings.SITE_NAME = "Example Accounts"

    api_client.post(url, address_of(fields, user), format="json")

    message = mailoutbox[0]
    link_start = url_format.format(uid=encode_uid(user.pk), token="")
    assert f"http://accounts.example.net/{link_start}" in message.body
    assert "Example Accounts" in message.subject


def test_reset_frontend_settings_win_over_django_settings(
    api_client, url, fields, user, mailoutbox, settings, djoser_settings
):
    settings.DOMAIN = "accounts.example.net"
    settings.SITE_NAME = "Example Accounts"
    djoser_settings(
        EMAIL_FRONTEND_DOMAIN="app.example.org", EMAIL_FRONTEND_SITE_NAME="Example App"
    )

    api_client.post(url, address_of(fields, user), format="json")

    message = mailoutbox[0]
    assert "http://app.example.org/" in message.body
    assert "accounts.example.net" not in message.body
    assert "Example App" in message.subject


def test_addresses_differing_only_in_case_mail_the_oldest_account_once(
    api_client, url, fields, make_user, mailoutbox
):
    oldest = make_user(**{fields.email: "Shared@example.com"})
    make_user(**{fields.email: "shared@example.com"})

    response = api_client.post(url, {fields.email: "SHARED@example.com"}, format="json")

    assert response.status_code == 204
    assert [message.to for message in mailoutbox] == [[get_user_email(oldest)]]
