"""Every POST endpoint answers a broken body with a 4xx and changes nothing.

The endpoint modules test their own fields' bad values; this one sends bodies
no endpoint can read: broken JSON, JSON that is not an object, bytes that are
not UTF-8, and a content type no parser takes.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.token_models import token_model

# route name, and whether the client is signed in
ENDPOINTS = [
    ("user-list", False),
    ("user-activation", False),
    ("user-resend-activation", False),
    ("user-set-password", True),
    ("user-reset-password", False),
    ("user-reset-password-confirm", False),
    ("user-set-username", True),
    ("user-reset-username", False),
    ("user-reset-username-confirm", False),
    ("login", False),
    ("jwt-create", False),
    ("jwt-refresh", False),
    ("jwt-verify", False),
    ("user-email-change", True),
    ("user-email-change-confirm", False),
    ("user-email-change-undo", False),
]

# body, content type, expected status
BODIES = {
    "truncated-json": (b'{"password": ', "application/json", 400),
    "json-array": (b'["password"]', "application/json", 400),
    "json-string": (b'"password"', "application/json", 400),
    "json-number": (b"12", "application/json", 400),
    "json-null": (b"null", "application/json", 400),
    "json-true": (b"true", "application/json", 400),
    "not-utf-8": (b'{"password": "\xff\xfe"}', "application/json", 400),
    "nan": (b'{"password": NaN}', "application/json", 400),
    "plain-text": (b"password=secret", "text/plain", 415),
    "xml": (b"<password>secret</password>", "application/xml", 415),
}


def snapshot():
    users = get_user_model()._default_manager.order_by("pk").values()
    # Which tokens exist: a device token's last use may move on any request.
    tokens = token_model().objects.order_by("pk").values_list("pk", flat=True)
    return list(users), list(tokens)


@pytest.mark.parametrize("route, signed_in", ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
@pytest.mark.parametrize("body, content_type, status", BODIES.values(), ids=BODIES)
def test_unreadable_body_answers_4xx_and_changes_nothing(
    route,
    signed_in,
    body,
    content_type,
    status,
    api_client,
    user_client,
    djoser_settings,
    mailoutbox,
):
    # With activation mail on, resend_activation would otherwise answer 400
    # before reading the body.
    djoser_settings(SEND_ACTIVATION_EMAIL=True)
    client = user_client if signed_in else api_client
    before = snapshot()

    response = client.generic("POST", reverse(route), body, content_type=content_type)

    assert response.status_code == status
    assert response.json()  # a JSON explanation, not an HTML error page
    assert snapshot() == before
    assert mailoutbox == []
