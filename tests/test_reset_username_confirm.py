"""POST users/reset_<USERNAME_FIELD>_confirm/: set a new login name from a link.

How the link is checked is tested for every link in test_uid_and_token.py,
and what the action shares with the other change actions in
test_change_actions.py; this module has what only this action does.
"""

from django.urls import reverse


def test_reset_username_confirm_url_is_named_after_the_username_field(fields):
    url = reverse("user-reset-username-confirm")

    assert url.endswith(f"/users/reset_{fields.username}_confirm/")
