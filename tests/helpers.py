"""Plain helpers shared by the test modules (fixtures live in conftest.py).

The messages are written out here rather than read from ``djoser.constants``,
so a changed message fails the tests that expect it.
"""

import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from djoser.auth_backends import LoginFieldBackend
from djoser.utils import encode_uid

INVALID_UID = "Invalid user id or user doesn't exist."
INVALID_TOKEN = "Invalid token for given user."
INVALID_CREDENTIALS = "Unable to log in with provided credentials."
INVALID_PASSWORD = "Invalid password."
PASSWORD_MISMATCH = "The two password fields didn't match."
EMAIL_NOT_FOUND = "User with given email does not exist."


def username_mismatch(field_name):
    """The error for a retyped ``field_name`` that differs from the new value."""
    return f"The two {field_name} fields didn't match."


# Adds a "serializer" key naming its class to what it outputs.
NAMED_SERIALIZER = "tests.serializers_for_tests.NamedUserSerializer"

# uids that name no user; each must be refused with INVALID_UID, never a 500.
BAD_UIDS = [
    pytest.param("not*base64!", id="malformed-base64"),
    pytest.param("__8", id="base64-of-non-utf8-bytes"),
    pytest.param(encode_uid("abc"), id="non-numeric"),
    pytest.param(encode_uid(-1), id="negative"),
    pytest.param(encode_uid(10**6), id="unknown-id"),
    pytest.param(encode_uid(2**31), id="two-to-the-31"),
    pytest.param(encode_uid(2**63), id="two-to-the-63"),
    pytest.param(encode_uid(10**30), id="ten-to-the-30"),
    pytest.param("A" * 10_000, id="very-long"),
]

# uids that are not a non-empty string at all: a field error on uid.
WRONG_TYPE_UIDS = [
    pytest.param("", id="empty"),
    pytest.param(None, id="null"),
    pytest.param(1, id="number"),
    pytest.param(["MQ"], id="list"),
    pytest.param({"uid": "MQ"}, id="dict"),
]

# Strings that are no valid token for the user: INVALID_TOKEN.
BAD_TOKENS = [
    pytest.param("abc-123", id="garbage"),
    pytest.param("1" * 10_000, id="very-long"),
    pytest.param("zzzzzz-" + "0" * 32, id="well-formed-but-wrong"),
]

# tokens that are not a non-empty string at all: a field error on token.
WRONG_TYPE_TOKENS = [
    pytest.param("", id="empty"),
    pytest.param(None, id="null"),
    pytest.param(["abc"], id="list"),
    pytest.param({"token": "abc"}, id="dict"),
]


def link_in(message, url_format):
    """The ``uid`` and ``token`` of the ``url_format`` link in ``message``.

    Fails unless the text body holds ``http://testserver/`` followed by the
    formatted link, as the test client's requests come from that host.
    """
    placeholder = url_format.format(uid="UID", token="TOKEN")
    pattern = re.escape(f"http://testserver/{placeholder}")
    pattern = pattern.replace("UID", r"(?P<uid>[\w-]+)", 1)
    pattern = pattern.replace("TOKEN", r"(?P<token>[\w-]+)", 1)
    match = re.search(pattern, message.body)
    assert match, f"no {url_format!r} link in:\n{message.body}"
    return match["uid"], match["token"]


def invalid_name(fields, kind):
    """A value the login field's own validators refuse: too-long, bad-characters."""
    field = fields.model._meta.get_field(fields.username)
    if field.get_internal_type() == "EmailField":
        values = {
            "too-long": "a" * field.max_length + "@example.com",
            "bad-characters": "not an address",
        }
    else:
        values = {
            "too-long": "a" * (field.max_length + 1),
            "bad-characters": "no spaces allowed!",
        }
    return values[kind]


def stored(user):
    """The user's row as the database holds it now, or None once deleted."""
    return type(user)._default_manager.filter(pk=user.pk).values().first()


def editable_fields(fields):
    """The fields UserSerializer lets a client change (LOGIN_FIELD is read-only)."""
    return [name for name in fields.required if name != fields.username]


def new_values(fields):
    """Fresh valid values for every field in ``editable_fields``."""
    fresh = fields.values()
    return {name: fresh[name] for name in editable_fields(fields)}


class CountingHasher(MD5PasswordHasher):
    """The suite's fast hasher, counting how many times a password is hashed.

    Put it first in PASSWORD_HASHERS and read ``CountingHasher.calls``: equal
    counts mean equal work, whatever the machine's timing noise.
    """

    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


class RefusingBackend(LoginFieldBackend):
    """A backend whose policy refuses every account (a lock-out, say)."""

    def user_can_authenticate(self, user):
        return False
