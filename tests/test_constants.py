"""``djoser.constants.Messages``: the exact error strings (SPEC §4, and ours)."""

import pytest
from django.utils.functional import Promise

from djoser.constants import Messages

MESSAGES = {
    "INVALID_CREDENTIALS_ERROR": "Unable to log in with provided credentials.",
    "INACTIVE_ACCOUNT_ERROR": "User account is disabled.",
    "INVALID_TOKEN_ERROR": "Invalid token for given user.",
    "INVALID_UID_ERROR": "Invalid user id or user doesn't exist.",
    "STALE_TOKEN_ERROR": "Stale token for given user.",
    "PASSWORD_MISMATCH_ERROR": "The two password fields didn't match.",
    "USERNAME_MISMATCH_ERROR": "The two {0} fields didn't match.",
    "INVALID_PASSWORD_ERROR": "Invalid password.",
    "EMAIL_NOT_FOUND": "User with given email does not exist.",
    "CANNOT_CREATE_USER_ERROR": "Unable to create account.",
    # Beyond djoser 2.x: set_username and reset_username_confirm refusing the
    # current value of a LOGIN_FIELD that is not unique.
    "USERNAME_UNCHANGED_ERROR": "The new {0} is the same as the current one.",
}


def test_messages_has_exactly_the_documented_attributes():
    names = {name for name in vars(Messages) if not name.startswith("_")}

    assert names == set(MESSAGES)


@pytest.mark.parametrize("name, text", MESSAGES.items(), ids=list(MESSAGES))
def test_message_has_the_documented_text(name, text):
    assert str(getattr(Messages, name)) == text


@pytest.mark.parametrize("name", MESSAGES)
def test_message_is_lazily_translated(name):
    assert isinstance(getattr(Messages, name), Promise)


def test_username_mismatch_formats_with_the_login_field():
    message = Messages.USERNAME_MISMATCH_ERROR.format("email")

    assert message == "The two email fields didn't match."
