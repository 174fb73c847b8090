"""A password reset leaves two-factor sign-in on."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse

from djoser.mfa.models import has_mfa
from djoser.utils import encode_uid
from tests.conftest import NEW_PASSWORD
from tests.mfa.conftest import login_body


def test_password_reset_does_not_turn_mfa_off(api_client, fields, enrolled):
    user = enrolled.user
    response = api_client.post(
        reverse("user-reset-password-confirm"),
        {
            "uid": encode_uid(user.pk),
            "token": default_token_generator.make_token(user),
            "new_password": NEW_PASSWORD,
        },
        format="json",
    )
    assert response.status_code == 204

    login = api_client.post(
        reverse("login"), login_body(fields, user, NEW_PASSWORD), format="json"
    )

    assert has_mfa(user)
    assert login.status_code == 401
    assert login.data["mfa_required"] is True
