"""POST users/reset_<USERNAME_FIELD>/: email a link to choose a new login name.

It behaves as the password reset does, and test_reset_password.py runs each
of those tests for both; this module has what only the username reset does.
"""

from django.urls import reverse


def test_reset_username_url_is_named_after_the_username_field(fields):
    url = reverse("user-reset-username")

    assert url.endswith(f"/users/reset_{fields.username}/")
