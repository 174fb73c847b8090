"""A passkey planted with a stolen token, and the owner's recovery
(issue 24, finding 2; docs/security.rst).

The email change undo ("this was not me") removes the passkeys added since
the change was asked for: the thief's passkey no longer logs in. A password
reset keeps passkeys (docs/email_change.rst says why): the owner, told by
the passkey_added notice, signs in with the new password and deletes it.
"""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from rest_framework.test import APIClient

from djoser.compat import get_user_email
from djoser.utils import encode_uid
from tests.conftest import NEW_PASSWORD, PASSWORD, reauthenticate
from tests.helpers import link_in
from tests.webauthn.authenticator import SoftAuthenticator
from tests.webauthn.helpers import post

pytestmark = pytest.mark.django_db

CONFIRM_FORMAT = "#/email/confirm/{uid}/{token}"
UNDO_FORMAT = "#/email/undo/{uid}/{token}"


@pytest.fixture(autouse=True)
def _email_change_on(djoser_settings):
    djoser_settings(
        EMAIL_CHANGE_CONFIRM_URL=CONFIRM_FORMAT,
        EMAIL_CHANGE_UNDO_URL=UNDO_FORMAT,
        PASSWORD_RESET_CONFIRM_URL="#/password/reset/confirm/{uid}/{token}",
    )


def plant_passkey(client):
    """Add a passkey through ``client`` (the thief's token); its authenticator."""
    thief_key = SoftAuthenticator()
    # The thief knows the password too: enough to reauthenticate.
    reauthenticate(client)
    options = post(client, "webauthn_passkey_add_request").data
    response = post(client, "webauthn_passkey_add", thief_key.create(options))
    assert response.status_code == 201, response.data
    return thief_key


def passkey_login(api_client, authenticator):
    options = post(api_client, "webauthn_login_request", {}).data
    return post(api_client, "webauthn_login", authenticator.get(options))


def test_the_undo_link_ends_a_passkey_planted_after_the_change_was_asked_for(
    client_for, api_client, user, fields, mailoutbox
):
    thief = client_for(user)
    owner_address = get_user_email(user)
    body = {f"new_{fields.email}": "thief@example.com", "current_password": PASSWORD}
    assert (
        thief.post(reverse("user-email-change"), body, format="json").status_code == 202
    )
    uid, token = link_in(mailoutbox[-1], CONFIRM_FORMAT)
    thief_key = plant_passkey(thief)
    confirm = {"uid": uid, "token": token}
    assert (
        api_client.post(reverse("user-email-change-confirm"), confirm).status_code
        == 204
    )
    undo = dict(
        zip(("uid", "token"), link_in(mailoutbox[-1], UNDO_FORMAT), strict=True)
    )
    assert passkey_login(APIClient(), thief_key).status_code == 201

    assert api_client.post(reverse("user-email-change-undo"), undo).status_code == 204

    refused = passkey_login(api_client, thief_key)
    assert refused.status_code == 400
    assert "auth_token" not in refused.data
    user.refresh_from_db()
    assert get_user_email(user) == owner_address


def test_a_password_reset_keeps_passkeys_and_the_owner_can_then_delete_one(
    client_for, api_client, user
):
    thief_key = plant_passkey(client_for(user))
    reset = {
        "uid": encode_uid(user.pk),
        "token": default_token_generator.make_token(user),
        "new_password": NEW_PASSWORD,
    }
    assert (
        api_client.post(reverse("user-reset-password-confirm"), reset).status_code
        == 204
    )
    assert passkey_login(APIClient(), thief_key).status_code == 201

    # Deleting a passkey needs a fresh reauthentication: the new password.
    owner = reauthenticate(client_for(user), current_password=NEW_PASSWORD)
    (planted,) = owner.get(reverse("webauthn_passkey_list")).data
    deleted = owner.delete(reverse("webauthn_passkey_detail", args=[planted["id"]]))

    assert deleted.status_code == 204
    assert passkey_login(APIClient(), thief_key).status_code == 400
