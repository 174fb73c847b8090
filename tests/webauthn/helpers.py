"""Requests and messages shared by the passkey tests.

The messages are written out rather than read from the package, so a
changed message fails the tests that expect it.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

CHALLENGE_INVALID = (
    "This passkey challenge is unknown, already used or expired; request a new one."
)
VERIFICATION_FAILED = "The passkey response could not be verified: "
MALFORMED = "Malformed passkey response: "
UNKNOWN_PASSKEY = "This passkey is not registered."
WRONG_ACCOUNT = "This passkey belongs to another account."
PASSKEY_EXISTS = "This passkey is already registered."
SIGN_COUNT = (
    "The passkey's signature counter did not increase; it may have been cloned."
)
ONLY_PASSKEY = (
    "This is the only way to log in to the account: set a password or add "
    "another passkey before deleting it."
)
NOT_BASE64URL = "Not valid base64url."


def post(client, name, data=None, **kwargs):
    """POST ``data`` as JSON to the route ``name``."""
    return client.post(reverse(name, kwargs=kwargs or None), data, format="json")


def errors(response):
    """Every error message in a 400 body, flattened into one list."""

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)
        else:
            yield str(value)

    return list(walk(response.data))


# djoser 2.x's last webauthn migration, and ours.
DJOSER_2 = "0001_initial"
LATEST = "0004_delete_credentialoptions"


def migrate(target):
    """Move the ``webauthn`` schema to ``target``; the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate([("webauthn", target)])
    return executor.loader.project_state([("webauthn", target)]).apps
