"""POST users/activation/: an emailed uid and token turn an account on.

How the uid and token are checked is tested for every link in
test_uid_and_token.py.
"""

import pytest
from django.contrib.auth.tokens import (
    PasswordResetTokenGenerator,
    default_token_generator,
)
from django.urls import include, path, reverse
from rest_framework.request import Request
from rest_framework.routers import DefaultRouter

from djoser.compat import get_user_email
from djoser.signals import user_activated
from djoser.utils import encode_uid
from djoser.views import UserViewSet
from tests.helpers import INVALID_TOKEN

STALE_TOKEN = "Stale token for given user."


def activation_data(user):
    return {
        "uid": encode_uid(user.pk),
        "token": default_token_generator.make_token(user),
    }


@pytest.fixture
def url():
    return reverse("user-activation")


def test_activation_with_valid_uid_and_token_answers_204(
    api_client, url, inactive_user
):
    response = api_client.post(url, activation_data(inactive_user), format="json")

    assert response.status_code == 204
    assert response.content == b""


def test_activation_makes_the_user_active(api_client, url, inactive_user):
    api_client.post(url, activation_data(inactive_user), format="json")

    inactive_user.refresh_from_db()
    assert inactive_user.is_active


def test_activation_sends_user_activated_with_view_user_and_request(
    api_client, url, inactive_user, signal_calls
):
    activated = signal_calls(user_activated)

    api_client.post(url, activation_data(inactive_user), format="json")

    assert len(activated) == 1
    call = activated[0]
    assert call["sender"] is UserViewSet
    assert call["user"].pk == inactive_user.pk
    assert call["user"].is_active
    assert isinstance(call["request"], Request)
    assert call["request"].path == url


def test_activation_sends_no_email_by_default(
    api_client, url, inactive_user, mailoutbox
):
    api_client.post(url, activation_data(inactive_user), format="json")

    assert mailoutbox == []


def test_activation_sends_confirmation_email_when_enabled(
    api_client, url, inactive_user, mailoutbox, djoser_settings
):
    djoser_settings(SEND_CONFIRMATION_EMAIL=True)

    response = api_client.post(url, activation_data(inactive_user), format="json")

    assert response.status_code == 204
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [get_user_email(inactive_user)]


def test_activation_of_active_user_answers_403_stale_token(
    api_client, url, user, mailoutbox, signal_calls, djoser_settings
):
    djoser_settings(SEND_CONFIRMATION_EMAIL=True)
    activated = signal_calls(user_activated)

    response = api_client.post(url, activation_data(user), format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": STALE_TOKEN}
    assert mailoutbox == []
    assert activated == []


def test_activation_without_fields_answers_400_naming_both(api_client, url, db):
    response = api_client.post(url, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"uid", "token"}


class SaltedTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "tests.test_activation.SaltedTokenGenerator"


salted_token_generator = SaltedTokenGenerator()


class SaltedUserViewSet(UserViewSet):
    token_generator = salted_token_generator


router = DefaultRouter()
router.register("users", SaltedUserViewSet, basename="user")
# Used through pytest.mark.urls by the two tests below.
urlpatterns = [path("", include(router.urls))]


@pytest.mark.urls(__name__)
def test_activation_checks_tokens_with_the_views_token_generator(
    api_client, inactive_user
):
    data = {
        "uid": encode_uid(inactive_user.pk),
        "token": salted_token_generator.make_token(inactive_user),
    }

    response = api_client.post(reverse("user-activation"), data, format="json")

    assert response.status_code == 204
    inactive_user.refresh_from_db()
    assert inactive_user.is_active


@pytest.mark.urls(__name__)
def test_activation_refuses_default_tokens_when_the_view_has_its_own_generator(
    api_client, inactive_user
):
    response = api_client.post(
        reverse("user-activation"), activation_data(inactive_user), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"token": [INVALID_TOKEN]}
    inactive_user.refresh_from_db()
    assert not inactive_user.is_active
