"""Every POST endpoint answers a broken body with a 4xx and changes nothing.

The endpoint modules test their own fields' bad values; this one sends bodies
no endpoint can read: broken JSON, JSON that is not an object, bytes that are
not UTF-8, JSON nested thousands deep, lone surrogates, and a content type no
parser takes.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.parsers import JSONParser
from rest_framework.views import APIView

from djoser.codes.models import EmailCode
from djoser.parsers import HardenedJSONMixin
from djoser.webauthn.models import Challenge, Passkey, UserHandle
from tests.token_models import token_model

# route name, whether the client is signed in, and the method (POST if absent)
ENDPOINTS = [
    ("user-list", False),
    ("user-me", True, "PUT"),
    ("user-me", True, "PATCH"),
    ("user-me", True, "DELETE"),
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
    ("user-not-me", False),
    ("jwt-blacklist", False),
    ("webauthn_signup_request", False),
    ("webauthn_login_request", False),
    ("webauthn_login", False),
    ("webauthn_passkey_add", True),
    ("mfa-totp", True),
    ("mfa-recovery-codes", True),
    ("mfa-verify", False),
    ("reauthenticate", True),
    ("login-code-request", False),
    ("login-code-confirm", False),
    ("login-code-resend", False),
    ("user-activation-code", False),
    ("user-reset-password-code", False),
]
# (token/logout/ reads no body; logout_all/ and passkeys/add_request/ read
# one only for a proof of reauthentication: tests/test_reauthentication.py.)

# 3,000 levels (3 KB) exhaust Python's JSON decoder; 100 levels do not, but
# are far past anything djoser reads.
DEEP = b"[" * 3000 + b"]" * 3000
LESS_DEEP = b"[" * 100 + b"]" * 100

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
    "deeply-nested": (DEEP, "application/json", 400),
    "deeply-nested-in-a-field": (
        b'{"password": ' + DEEP + b"}",
        "application/json",
        400,
    ),
    "nested-past-the-limit": (LESS_DEEP, "application/json", 400),
    "deep-objects": (b'{"a": ' * 2000 + b"1" + b"}" * 2000, "application/json", 400),
    "lone-surrogate-value": (
        b'{"password": "\\ud800", "current_password": "\\udfff"}',
        "application/json",
        400,
    ),
    "lone-surrogate-key": (b'{"\\ud800": "x"}', "application/json", 400),
    "plain-text": (b"password=secret", "text/plain", 415),
    "xml": (b"<password>secret</password>", "application/xml", 415),
}


def snapshot():
    users = get_user_model()._default_manager.order_by("pk").values()
    # Which tokens exist: a device token's last use may move on any request.
    tokens = token_model().objects.order_by("pk").values_list("pk", flat=True)
    passkey_rows = [
        model.objects.count() for model in (Challenge, Passkey, UserHandle, EmailCode)
    ]
    return list(users), list(tokens), passkey_rows


def endpoint_id(endpoint):
    return "-".join([endpoint[0], *endpoint[2:]])


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[endpoint_id(e) for e in ENDPOINTS])
@pytest.mark.parametrize("body, content_type, status", BODIES.values(), ids=BODIES)
def test_unreadable_body_answers_4xx_and_changes_nothing(
    endpoint,
    body,
    content_type,
    status,
    api_client,
    fresh_client,
    djoser_settings,
    mailoutbox,
):
    # With activation mail on, resend_activation would otherwise answer 400
    # before reading the body; the code endpoints and users/not_me/ answer 404
    # until turned on.
    djoser_settings(
        NOT_ME_URL="#/not-me/{uid}/{token}",
        SEND_ACTIVATION_EMAIL=True,
        CODES={"LOGIN": True, "ACTIVATION": True, "PASSWORD_RESET": True},
    )
    route, signed_in, method = (*endpoint, "POST")[:3]
    # Freshly reauthenticated: the body reaches the endpoint's own serializer.
    client = fresh_client if signed_in else api_client
    before = snapshot()

    response = client.generic(method, reverse(route), body, content_type=content_type)

    assert response.status_code == status
    assert response.json()  # a JSON explanation, not an HTML error page
    assert snapshot() == before
    assert mailoutbox == []


def djoser_views(patterns=None):
    """Every DRF view class the test project routes to from the djoser package."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from djoser_views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "cls", None)
            if (
                view is not None
                and issubclass(view, APIView)
                and view.__module__.startswith("djoser.")
            ):
                yield view


def test_every_djoser_view_parses_json_with_a_hardened_parser():
    views = set(djoser_views())
    assert len(views) > 10

    unprotected = [
        view.__name__
        for view in views
        for parser in view().get_parsers()
        if isinstance(parser, JSONParser) and not isinstance(parser, HardenedJSONMixin)
    ]

    assert unprotected == []
