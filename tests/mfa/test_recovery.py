"""Two-factor sign-in turned on by an intruder, and the owner's recovery
(issue 24, finding 3): the email change undo link turns it off, so the
owner's next login after the password reset asks for no code of theirs."""

import pytest
from django.urls import reverse

from djoser.compat import get_user_email
from djoser.mfa import totp
from djoser.mfa.models import has_mfa
from tests.conftest import NEW_PASSWORD, PASSWORD, reauthenticate
from tests.helpers import link_in
from tests.mfa.conftest import login_body

pytestmark = pytest.mark.django_db

CONFIRM_FORMAT = "#/email/confirm/{uid}/{token}"
UNDO_FORMAT = "#/email/undo/{uid}/{token}"
RESET_FORMAT = "#/password/reset/confirm/{uid}/{token}"


@pytest.fixture(autouse=True)
def _links_on(djoser_settings):
    djoser_settings(
        EMAIL_CHANGE_CONFIRM_URL=CONFIRM_FORMAT,
        EMAIL_CHANGE_UNDO_URL=UNDO_FORMAT,
        PASSWORD_RESET_CONFIRM_URL=RESET_FORMAT,
    )


def test_the_undo_link_removes_the_intruders_two_factor_sign_in(
    client_for, api_client, user, fields, mailoutbox
):
    owner_address = get_user_email(user)
    intruder = client_for(user)
    body = {f"new_{fields.email}": "intruder@example.com", "current_password": PASSWORD}
    assert intruder.post(reverse("user-email-change"), body).status_code == 202
    confirm = dict(
        zip(("uid", "token"), link_in(mailoutbox[-1], CONFIRM_FORMAT), strict=True)
    )
    # The intruder knows the password too: enough to reauthenticate.
    reauthenticate(intruder)
    secret = intruder.get(reverse("mfa-totp")).data["secret"]
    turned_on = intruder.post(reverse("mfa-totp"), {"code": totp.code_at(secret)})
    assert turned_on.status_code == 201
    assert (
        api_client.post(reverse("user-email-change-confirm"), confirm).status_code
        == 204
    )
    undo = dict(
        zip(("uid", "token"), link_in(mailoutbox[-1], UNDO_FORMAT), strict=True)
    )

    assert api_client.post(reverse("user-email-change-undo"), undo).status_code == 204

    assert not has_mfa(user)
    (reset_mail,) = [m for m in mailoutbox if RESET_FORMAT.split("{")[0] in m.body]
    assert reset_mail.to == [owner_address]
    uid, token = link_in(reset_mail, RESET_FORMAT)
    reset = {"uid": uid, "token": token, "new_password": NEW_PASSWORD}
    assert (
        api_client.post(reverse("user-reset-password-confirm"), reset).status_code
        == 204
    )
    login = api_client.post(reverse("login"), login_body(fields, user, NEW_PASSWORD))
    assert login.status_code == 200
    assert "auth_token" in login.data
