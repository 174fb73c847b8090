"""POST users/reset_password_confirm/: set a new password from an emailed link.

How the link is checked is tested for every link in test_uid_and_token.py,
and what the action shares with the other change actions in
test_change_actions.py; this module has what only this action does.
"""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import DatabaseError
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import RefreshToken

from djoser.utils import encode_uid
from tests.conftest import NEW_PASSWORD, PASSWORD


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


@pytest.fixture
def failing_blacklist(monkeypatch):
    """Writing the refresh-token blacklist fails, as a database error would."""

    def fail(*args, **kwargs):
        raise DatabaseError("the blacklist cannot be written")

    monkeypatch.setattr(BlacklistedToken.objects, "bulk_create", fail)
    return monkeypatch


def test_when_revoking_fails_nothing_changes_and_the_link_still_works(
    user, client_for, djoser_settings, failing_blacklist
):
    djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)
    signed_in = client_for(user)
    refresh = RefreshToken.for_user(user)
    last_login = user.last_login
    data = {
        "uid": encode_uid(user.pk),
        "token": default_token_generator.make_token(user),
        "new_password": NEW_PASSWORD,
    }
    url = reverse("user-reset-password-confirm")

    failed = APIClient(raise_request_exception=False).post(url, data, format="json")

    assert failed.status_code == 500
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert user.last_login == last_login
    assert signed_in.get(reverse("user-me")).status_code == 200
    assert not BlacklistedToken.objects.filter(token__jti=refresh["jti"]).exists()

    failing_blacklist.undo()
    assert APIClient().post(url, data, format="json").status_code == 204
    assert BlacklistedToken.objects.filter(token__jti=refresh["jti"]).exists()
    assert signed_in.get(reverse("user-me")).status_code == 401
