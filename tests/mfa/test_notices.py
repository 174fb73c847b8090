"""Emails about two-factor sign-in, through djoser's email classes and delivery."""

import pytest
from django.urls import reverse

from djoser.email import BaseDjoserEmail
from djoser.mfa import totp
from tests.conftest import reauthenticate
from tests.mfa.conftest import enrol, start_login, verify


class ProjectNotice(BaseDjoserEmail):
    template_name = "email/mfa_enabled.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["site_name"] = "Project's own"
        return context


@pytest.fixture
def enrolled_client(client_for, user):
    return enrol(user), client_for(user)


def turn_on(client):
    reauthenticate(client)
    secret = client.get(reverse("mfa-totp")).data["secret"]
    return client.post(reverse("mfa-totp"), {"code": totp.code_at(secret)})


def subjects_to(mailoutbox, address):
    return [message.subject for message in mailoutbox if message.to == [address]]


def test_turning_mfa_on_emails_the_user(user_client, user, mailoutbox, fields):
    turn_on(user_client)

    assert len(mailoutbox) == 1
    [subject] = subjects_to(mailoutbox, getattr(user, fields.email))
    assert "Two-factor sign-in is on" in subject


def test_turning_mfa_off_emails_the_user(enrolled_client, mailoutbox, fields):
    enrolled, client = enrolled_client

    client.delete(reverse("mfa-totp"), {"code": enrolled.code()}, format="json")

    [subject] = subjects_to(mailoutbox, getattr(enrolled.user, fields.email))
    assert "Two-factor sign-in is off" in subject


def test_regenerating_codes_emails_the_user(enrolled_client, mailoutbox, fields):
    enrolled, client = enrolled_client

    client.post(reverse("mfa-recovery-codes"), {"code": enrolled.code()}, format="json")

    [subject] = subjects_to(mailoutbox, getattr(enrolled.user, fields.email))
    assert "New recovery codes" in subject


def test_logging_in_with_a_recovery_code_emails_the_user(
    api_client, fields, enrolled, mailoutbox
):
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]

    verify(api_client, mfa_token, enrolled.recovery_codes[0])

    [subject] = subjects_to(mailoutbox, getattr(enrolled.user, fields.email))
    assert "A recovery code was used" in subject


def test_logging_in_with_a_totp_code_sends_no_email(
    api_client, fields, enrolled, mailoutbox
):
    mfa_token = start_login(api_client, fields, enrolled.user).data["mfa_token"]

    verify(api_client, mfa_token, enrolled.code())

    assert mailoutbox == []


def test_notice_class_is_overridable_in_email_setting(
    user_client, user, mailoutbox, djoser_settings
):
    djoser_settings(EMAIL={"mfa_enabled": "tests.mfa.test_notices.ProjectNotice"})

    turn_on(user_client)

    assert "Project's own" in mailoutbox[0].subject


def test_notices_go_through_the_task_path_when_configured(
    user_client, user, djoser_settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    djoser_settings(EMAIL_TASK_BACKEND="default")

    with django_capture_on_commit_callbacks(execute=True):
        turn_on(user_client)

    assert DBTaskResult.objects.count() == 1
