"""The Django admin lists who has two-factor sign-in and resets it."""

import pytest
from django.urls import reverse

from djoser.mfa import signals
from djoser.mfa.models import PendingLogin, RecoveryCode, TOTPDevice, has_mfa
from tests.mfa.conftest import enrol, start_login


@pytest.fixture
def admin_client(client, make_user):
    admin = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_changelist_shows_who_has_mfa_and_never_a_secret(admin_client, user):
    enrolled = enrol(user)
    device = TOTPDevice.objects.get(user=user)

    response = admin_client.get(reverse("admin:djoser_mfa_totpdevice_changelist"))

    page = response.content.decode()
    assert response.status_code == 200
    assert str(user) in page
    assert enrolled.secret not in page
    assert device.encrypted_secret not in page


def test_detail_page_never_shows_a_secret(admin_client, user):
    enrolled = enrol(user)
    device = TOTPDevice.objects.get(user=user)

    response = admin_client.get(
        reverse("admin:djoser_mfa_totpdevice_change", args=[device.pk])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert enrolled.secret not in page
    assert device.encrypted_secret not in page


def test_reset_action_turns_mfa_off_with_codes_and_pending_logins(
    admin_client, user, api_client, fields, signal_calls
):
    enrol(user)
    start_login(api_client, fields, user)
    calls = signal_calls(signals.mfa_disabled)
    device = TOTPDevice.objects.get(user=user)

    response = admin_client.post(
        reverse("admin:djoser_mfa_totpdevice_changelist"),
        {"action": "reset_mfa", "_selected_action": [device.pk]},
    )

    assert response.status_code == 302
    assert not has_mfa(user)
    assert not RecoveryCode.objects.filter(user=user).exists()
    assert not PendingLogin.objects.filter(user=user).exists()
    assert [call["user"] for call in calls] == [user]


def test_deleting_the_device_in_the_admin_resets_everything(admin_client, user):
    enrol(user)
    device = TOTPDevice.objects.get(user=user)

    admin_client.post(
        reverse("admin:djoser_mfa_totpdevice_delete", args=[device.pk]),
        {"post": "yes"},
    )

    assert not has_mfa(user)
    assert not RecoveryCode.objects.filter(user=user).exists()


def test_admin_cannot_add_a_device(admin_client):
    response = admin_client.get(reverse("admin:djoser_mfa_totpdevice_add"))

    assert response.status_code == 403
