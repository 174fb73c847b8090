"""POST users/resend_activation/: a new activation link for an inactive user."""

import pytest
from django.conf import settings
from django.urls import reverse

from djoser.compat import get_user_email
from djoser.utils import encode_uid
from tests.helpers import link_in


@pytest.fixture
def url():
    return reverse("user-resend-activation")


@pytest.fixture
def activation_on(djoser_settings):
    djoser_settings(SEND_ACTIVATION_EMAIL=True)


def address_of(fields, user):
    return {fields.email: get_user_email(user)}


def test_resend_activation_answers_400_when_activation_emails_are_off(
    api_client, url, fields, inactive_user, mailoutbox
):
    response = api_client.post(url, address_of(fields, inactive_user), format="json")

    assert response.status_code == 400
    assert mailoutbox == []


@pytest.mark.usefixtures("activation_on")
def test_resend_activation_for_inactive_user_answers_204(
    api_client, url, fields, inactive_user
):
    response = api_client.post(url, address_of(fields, inactive_user), format="json")

    assert response.status_code == 204
    assert response.content == b""


@pytest.mark.usefixtures("activation_on")
def test_resend_activation_emails_the_inactive_user(
    api_client, url, fields, inactive_user, mailoutbox
):
    api_client.post(url, address_of(fields, inactive_user), format="json")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [get_user_email(inactive_user)]


@pytest.mark.usefixtures("activation_on")
def test_resend_activation_link_carries_the_users_uid(
    api_client, url, fields, inactive_user, mailoutbox
):
    api_client.post(url, address_of(fields, inactive_user), format="json")

    uid, _ = link_in(mailoutbox[0], settings.DJOSER["ACTIVATION_URL"])
    assert uid == encode_uid(inactive_user.pk)


@pytest.mark.usefixtures("activation_on")
def test_resend_activation_link_activates_the_account(
    api_client, url, fields, inactive_user, mailoutbox
):
    api_client.post(url, address_of(fields, inactive_user), format="json")
    uid, token = link_in(mailoutbox[0], settings.DJOSER["ACTIVATION_URL"])

    response = api_client.post(
        reverse("user-activation"), {"uid": uid, "token": token}, format="json"
    )

    assert response.status_code == 204
    inactive_user.refresh_from_db()
    assert inactive_user.is_active


@pytest.mark.usefixtures("activation_on")
def test_resend_activation_for_unknown_email_answers_204_without_mail(
    api_client, url, fields, inactive_user, mailoutbox
):
    response = api_client.post(url, {fields.email: "nobody@example.com"}, format="json")

    assert response.status_code == 204
    assert mailoutbox == []


@pytest.mark.usefixtures("activation_on")
def test_resend_activation_for_active_user_answers_204_without_mail(
    api_client, url, fields, user, mailoutbox
):
    response = api_client.post(url, address_of(fields, user), format="json")

    assert response.status_code == 204
    assert mailoutbox == []


@pytest.mark.usefixtures("activation_on")
def test_resend_activation_for_user_without_usable_password_answers_204_without_mail(
    api_client, url, fields, make_user, mailoutbox
):
    passwordless = make_user(password=None, is_active=False)

    response = api_client.post(url, address_of(fields, passwordless), format="json")

    assert response.status_code == 204
    assert mailoutbox == []


@pytest.mark.usefixtures("activation_on")
@pytest.mark.parametrize(
    "address",
    [
        pytest.param("not-an-address", id="no-at-sign"),
        pytest.param("", id="empty"),
        pytest.param(None, id="null"),
        pytest.param(["someone@example.com"], id="list"),
    ],
)
def test_resend_activation_with_invalid_email_answers_400_without_mail(
    api_client, url, fields, inactive_user, address, mailoutbox
):
    response = api_client.post(url, {fields.email: address}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [fields.email]
    assert mailoutbox == []
