"""Module-level names djoser 2.x projects' tests patch take effect.

Each test wraps the real function under its djoser name, so the request
still runs, and checks that djoser called it through that name.
(``djoser.email.get_current_site`` is covered in test_email.py, the social
names in tests/social/test_patched_names.py.)
"""

from unittest import mock

import pytest
from django.contrib import auth
from django.contrib.auth import password_validation
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_token_login_authenticates_through_djoser_serializers(api_client, fields, user):
    body = {fields.username: getattr(user, fields.username), "password": PASSWORD}
    with mock.patch(
        "djoser.serializers.authenticate", wraps=auth.authenticate
    ) as patched:
        response = api_client.post(reverse("login"), body, format="json")

    assert response.status_code == 200
    assert patched.called


def test_registration_validates_the_password_through_djoser_serializers(
    api_client, fields
):
    body = {**fields.values(), "password": PASSWORD}
    with mock.patch(
        "djoser.serializers.validate_password",
        wraps=password_validation.validate_password,
    ) as patched:
        response = api_client.post(reverse("user-list"), body, format="json")

    assert response.status_code == 201
    assert patched.called


def test_session_login_goes_through_djoser_utils(
    api_client, fields, user, djoser_settings
):
    djoser_settings(CREATE_SESSION_ON_LOGIN=True)
    body = {fields.username: getattr(user, fields.username), "password": PASSWORD}
    with mock.patch("djoser.utils.login", wraps=auth.login) as patched:
        response = api_client.post(reverse("login"), body, format="json")

    assert response.status_code == 200
    assert patched.called


def test_session_logout_goes_through_djoser_utils(user_client, djoser_settings):
    djoser_settings(CREATE_SESSION_ON_LOGIN=True)
    with mock.patch("djoser.utils.logout", wraps=auth.logout) as patched:
        response = user_client.post(reverse("logout"))

    assert response.status_code == 204
    assert patched.called
