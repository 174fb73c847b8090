"""SECURITY_NOTICES for passkeys: the owner hears of one added or removed."""

import pytest
from django.urls import reverse

from djoser.compat import get_user_email
from tests.webauthn.authenticator import SoftAuthenticator
from tests.webauthn.helpers import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices_on(djoser_settings):
    djoser_settings(SECURITY_NOTICES={"passkey_added": True, "passkey_removed": True})


def add_passkey(client, name="Laptop"):
    options = post(client, "webauthn_passkey_add_request").data
    answer = SoftAuthenticator().create(options)
    response = post(client, "webauthn_passkey_add", {**answer, "name": name})
    assert response.status_code == 201, response.data
    return response.data["id"]


def test_adding_a_passkey_tells_the_account_address(
    notices_on, fresh_client_for, user, mailoutbox
):
    add_passkey(fresh_client_for(user), "Laptop")

    assert [message.to for message in mailoutbox] == [[get_user_email(user)]]
    assert '"Laptop"' in mailoutbox[0].body
    assert "If you did not add it" in mailoutbox[0].body


def test_removing_a_passkey_tells_the_account_address(
    notices_on, fresh_client_for, user, mailoutbox
):
    client = fresh_client_for(user)
    passkey_id = add_passkey(client, "Old key")
    mailoutbox.clear()

    response = client.delete(reverse("webauthn_passkey_detail", args=[passkey_id]))

    assert response.status_code == 204
    assert [message.to for message in mailoutbox] == [[get_user_email(user)]]
    assert '"Old key"' in mailoutbox[0].body
    assert "can no longer sign in" in mailoutbox[0].body


def test_an_added_passkey_is_told_by_default(fresh_client_for, user, mailoutbox):
    # Issue 24, finding 2: a passkey added (with a fresh reauthentication) is
    # told to the account's address.
    add_passkey(fresh_client_for(user), "Planted")

    assert [message.to for message in mailoutbox] == [[get_user_email(user)]]
    assert '"Planted"' in mailoutbox[0].body


def test_a_removed_passkey_is_not_told_by_default(fresh_client_for, user, mailoutbox):
    client = fresh_client_for(user)
    passkey_id = add_passkey(client)
    mailoutbox.clear()
    client.delete(reverse("webauthn_passkey_detail", args=[passkey_id]))

    assert mailoutbox == []


def test_the_added_notice_can_be_turned_off(
    fresh_client_for, user, mailoutbox, djoser_settings
):
    djoser_settings(SECURITY_NOTICES={"passkey_added": False})
    add_passkey(fresh_client_for(user))

    assert mailoutbox == []
