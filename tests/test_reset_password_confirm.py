"""POST users/reset_password_confirm/: set a new password from an emailed link.

How the link is checked is tested for every link in test_uid_and_token.py,
and what the action shares with the other change actions in
test_change_actions.py; this module has what only this action does.
"""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse

from djoser.utils import encode_uid
from tests.conftest import NEW_PASSWORD


def test_reset_password_confirm_works_for_an_inactive_user(api_client, inactive_user):
    data = {
        "uid": encode_uid(inactive_user.pk),
        "token": default_token_generator.make_token(inactive_user),
        "new_password": NEW_PASSWORD,
    }

    response = api_client.post(
        reverse("user-reset-password-confirm"), data, format="json"
    )

    assert response.status_code == 204
    inactive_user.refresh_from_db()
    assert inactive_user.check_password(NEW_PASSWORD)
    assert not inactive_user.is_active
