"""POST users/set_<USERNAME_FIELD>/: a signed-in user changes their login name.

What it shares with the other change actions (answers, validation of the new
name, retype, emails) is tested for all of them in test_change_actions.py;
this module has what only set_<USERNAME_FIELD> does.
"""

import pytest
from django.urls import reverse

from djoser.compat import get_user_email
from tests.conftest import PASSWORD


@pytest.fixture
def url():
    return reverse("user-set-username")


def test_set_username_url_is_named_after_the_username_field(url, fields):
    assert url.endswith(f"/users/set_{fields.username}/")


def test_set_username_changes_the_login_field_named_by_settings(
    user_client, url, fields, user, djoser_settings
):
    djoser_settings(LOGIN_FIELD=fields.email)
    new_address = fields.values()[fields.email]
    data = {f"new_{fields.email}": new_address, "current_password": PASSWORD}

    response = user_client.post(url, data, format="json")

    assert response.status_code == 204
    user.refresh_from_db()
    assert get_user_email(user) == new_address
