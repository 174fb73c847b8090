"""Fixtures for djoser.codes: the feature turned on, and codes read from mail."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

CODE_PATTERN = re.compile(r"^([A-Z2-9]{4}(?:-[A-Z2-9]{1,4})+)$", re.MULTILINE)


def code_in(message):
    """The code an emailed message carries, as shown (groups joined by dashes)."""
    match = CODE_PATTERN.search(message.body)
    assert match is not None, message.body
    return match.group(1)


@pytest.fixture
def codes_on(djoser_settings):
    """``codes_on(LOGIN=True, ...)``: turn uses of djoser.codes on."""

    def apply(**codes):
        djoser_settings(CODES={"LOGIN": True, **codes})

    apply()
    return apply


def request_code(client, address):
    # The field is named after the user model's EMAIL_FIELD.
    field = get_user_model().get_email_field_name()
    return client.post(reverse("login-code-request"), {field: address}, format="json")


def confirm(client, login_token, code, **extra):
    return client.post(
        reverse("login-code-confirm"),
        {"login_token": login_token, "code": code, **extra},
        format="json",
    )
