"""POST users/set_<USERNAME_FIELD>/: a signed-in user changes their login name.

What it shares with the other change actions (answers, validation of the new
name, retype, emails) is tested for all of them in test_change_actions.py;
this module has what only set_<USERNAME_FIELD> does.
"""

import pytest
from django.urls import reverse

from djoser.compat import get_user_email
from tests.conftest import PASSWORD
from tests.helpers import stored


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


@pytest.mark.parametrize("login_by", ["username", "email"])
class TestForEachLoginField:
    """LOGIN_FIELD as USERNAME_FIELD or as the email field, on each user model."""

    @pytest.fixture(autouse=True)
    def login_field(self, djoser_settings, fields, login_by):
        name = getattr(fields, login_by)
        djoser_settings(LOGIN_FIELD=name)
        return name

    def test_new_login_field_changes_the_login_field_alone(
        self, user_client, url, fields, user, login_field
    ):
        new_value = fields.values()[login_field]
        before = stored(user)
        body = {f"new_{login_field}": new_value, "current_password": PASSWORD}

        response = user_client.post(url, body, format="json")

        assert response.status_code == 204
        after = stored(user)
        assert after[login_field] == new_value
        assert {k: v for k, v in after.items() if k != login_field} == {
            k: v for k, v in before.items() if k != login_field
        }

    def test_any_other_body_answers_400_naming_the_expected_field(
        self, user_client, url, fields, user, login_field
    ):
        expected = f"new_{login_field}"
        keys = {
            f"new_{fields.username}",
            f"new_{fields.email}",
            "new_username",
            "new_email",
            "username",
            login_field,
        } - {expected}
        before = stored(user)

        for key in sorted(keys):
            body = {key: fields.values()[login_field], "current_password": PASSWORD}

            response = user_client.post(url, body, format="json")

            assert response.status_code == 400, key
            assert response.json() == {expected: ["This field is required."]}, key
        assert stored(user) == before
