"""Fixtures shared by the suite.

The suite runs once per user model (``DJOSER_TEST_USER_MODEL``): Django's
own, ``testapp.EmailUser`` and ``testapp.CustomUser``. Tests never name a
user field directly; they ask these fixtures for the right names and data.
"""

import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from djoser.utils import encode_uid
from tests.helpers import PASSWORD_MISMATCH, username_mismatch
from tests.token_models import issue_token, issues_a_token_per_login

PASSWORD = "correct-horse-battery-1"
NEW_PASSWORD = "another-stable-horse-2"

_numbers = itertools.count(1)

# tests/concurrency/ starts PostgreSQL, Redis and gunicorn: `make
# test-concurrency` runs it, with DJOSER_CONCURRENCY_SUITE=1; the other lanes
# do not collect it.
if not os.environ.get("DJOSER_CONCURRENCY_SUITE"):
    collect_ignore = ["concurrency"]


def _on_postgresql():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))


def _email_field():
    model = get_user_model()
    return model, model._meta.get_field(model.get_email_field_name())


def _username_is_email():
    model, email = _email_field()
    return model.USERNAME_FIELD == email.name


def _email_is_required():
    model, email = _email_field()
    return model.USERNAME_FIELD == email.name or not email.blank


def _provider_gives_no_address():
    # Imported here: tests/social's conftest needs social-auth-app-django.
    from tests.social.conftest import social_user_fields

    return "email" not in social_user_fields(get_user_model())


# Marker -> (what it says, when its tests are left out). Tests that hold only
# for some lanes are deselected there, never skipped.
LANE_MARKERS = {
    "drf_token": (
        "holds for DRF's Token only (one per user); left out when "
        "DJOSER_TEST_TOKEN_MODEL=devicetokens",
        issues_a_token_per_login,
    ),
    "postgresql": (
        "needs PostgreSQL's row locks; collected only where DATABASE_URL names "
        "a PostgreSQL server (CI's PostgreSQL lane)",
        lambda: not _on_postgresql(),
    ),
    "sqlite": (
        "holds for SQLite's database-wide lock only; left out where "
        "DATABASE_URL names a PostgreSQL server",
        _on_postgresql,
    ),
    "username_not_email": (
        "holds where USERNAME_FIELD is not the email field; left out for a "
        "user model that signs in by email (testapp.EmailUser)",
        _username_is_email,
    ),
    "email_not_unique": (
        "holds where two accounts may share an address; left out where the "
        "user model's email field is unique",
        lambda: _email_field()[1].unique,
    ),
    "email_required": (
        "holds where every account has an address; left out where the user "
        "model's email may be blank",
        lambda: not _email_is_required(),
    ),
    "email_optional": (
        "holds where an account may have no address; left out where the user "
        "model requires one",
        _email_is_required,
    ),
    "provider_email": (
        "holds where social logins store the provider's address on accounts; "
        "left out where the pipeline stores none (testapp.CustomUser)",
        _provider_gives_no_address,
    ),
}


def pytest_configure(config):
    for name, (description, _left_out) in LANE_MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {description}")


def pytest_collection_modifyitems(config, items):
    left_out_markers = [
        name for name, (_description, left_out) in LANE_MARKERS.items() if left_out()
    ]
    left_out = [
        item
        for item in items
        if any(item.get_closest_marker(name) for name in left_out_markers)
    ]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]


class UserFields:
    """The names of the fields djoser uses, for the active user model."""

    def __init__(self, model):
        self.model = model
        self.username = model.USERNAME_FIELD
        self.email = model.get_email_field_name()
        self.required = list(model.REQUIRED_FIELDS)
        self.id = model._meta.pk.name

    def values(self, number=None):
        """Valid, unique values for USERNAME_FIELD, email and required fields."""
        number = next(_numbers) if number is None else number
        data = {}
        for name in [self.username, self.email, *self.required]:
            field = self.model._meta.get_field(name)
            if field.get_internal_type() == "EmailField" or name == self.email:
                data[name] = f"person{number}@example.com"
            else:
                data[name] = f"person{number}"
        return data


@pytest.fixture
def fields():
    return UserFields(get_user_model())


@pytest.fixture
def make_user(db, fields):
    """Create a user: ``make_user(is_active=False, password=None, ...)``."""

    def make(password=PASSWORD, **overrides):
        data = {**fields.values(), **overrides}
        username = data.pop(fields.username)
        return fields.model._default_manager.create_user(
            username, password=password, **data
        )

    return make


@pytest.fixture
def user(make_user):
    return make_user()


@pytest.fixture
def other_user(make_user):
    return make_user()


@pytest.fixture
def staff_user(make_user):
    return make_user(is_staff=True)


@pytest.fixture
def inactive_user(make_user):
    return make_user(is_active=False)


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def client_for():
    """An API client that sends a real ``Authorization: Token`` header."""

    def make(user):
        token = issue_token(user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        client.token = token
        return client

    return make


@pytest.fixture
def user_client(client_for, user):
    return client_for(user)


def reauthenticate(client, **proof):
    """Mark ``client``'s credential freshly reauthenticated (reauthenticate/).

    The proof defaults to the fixtures' password; pass ``code=...`` for an
    account with two-factor sign-in on.
    """
    body = proof or {"current_password": PASSWORD}
    response = client.post(reverse("reauthenticate"), body, format="json")
    assert response.status_code == 200, response.data
    return client


@pytest.fixture
def fresh_client(client_for, user):
    """``user_client``, freshly reauthenticated: sensitive requests pass."""
    return reauthenticate(client_for(user))


@pytest.fixture
def staff_client(client_for, staff_user):
    return client_for(staff_user)


@pytest.fixture
def djoser_settings(settings):
    """Change DJOSER keys for one test: ``djoser_settings(HIDE_USERS=False)``.

    Keys merge into the project's DJOSER dict, as a project would write them.
    """

    def apply(**changes):
        settings.DJOSER = {**getattr(settings, "DJOSER", {}), **changes}

    return apply


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """Start every test with no request counted, for tests that turn limits on."""
    cache.clear()


@pytest.fixture(autouse=True)
def _database_before_mailoutbox(request):
    """Set the test database up before ``mailoutbox`` hands out its list.

    Django's test case setup replaces ``mail.outbox``; done after the
    ``mailoutbox`` fixture, it would leave the test holding a stale list.
    """
    if "mailoutbox" not in request.fixturenames:
        return
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            return


@pytest.fixture
def signal_calls():
    """``signal_calls(signal)``: the keyword arguments of each call, as a list.

    Each call is recorded as ``{"sender": ..., **kwargs}`` until the test ends.
    """
    connected = []

    def listen(signal):
        calls = []

        def receiver(sender, **kwargs):
            calls.append({"sender": sender, **kwargs})

        signal.connect(receiver, weak=False)
        connected.append((signal, receiver))
        return calls

    yield listen
    for signal, receiver in connected:
        signal.disconnect(receiver)


@dataclass
class Flow:
    """One djoser action made ready for a test: a valid request for ``user``.

    ``post(**changes)`` sends the body with ``changes`` merged in and the
    names in ``omit`` left out. An action that changes a password or login
    name sends the new ``value`` as ``field``; ``has_new_value()`` says
    whether the user's row holds it now, and ``old_login`` and ``new_login``
    are token login bodies for before and after the change.
    """

    client: APIClient
    url: str
    user: object
    data: dict
    email_setting: str  # makes the action email the user
    retype_setting: str = ""
    field: str = ""
    value: str = ""
    other_value: str = ""  # a second valid new value
    mismatch: str = ""  # the error for a retyped value that differs
    old_login: dict | None = None
    new_login: dict | None = None
    holds: Callable | None = None  # holds(user): does ``user`` have the new value?

    def __post_init__(self):
        if self.field:
            self.data = {**self.data, self.field: self.value}

    @property
    def retype_field(self):
        return f"re_{self.field}"

    def post(self, omit=(), **changes):
        body = {**self.data, **changes}
        for name in omit:
            del body[name]
        return self.client.post(self.url, body, format="json")

    def has_new_value(self):
        self.user.refresh_from_db()
        return self.holds(self.user)


def _by_link(user, api_client, client_for):
    """An anonymous client, and the uid and token an emailed link carries."""
    uid_and_token = {
        "uid": encode_uid(user.pk),
        "token": default_token_generator.make_token(user),
    }
    return api_client, uid_and_token


def _signed_in(user, api_client, client_for):
    """The user's own client, and the current password."""
    return client_for(user), {"current_password": PASSWORD}


def _activation(fields, user):
    return {"email_setting": "SEND_CONFIRMATION_EMAIL"}


def _new_password(fields, user):
    name = getattr(user, fields.username)
    return {
        "email_setting": "PASSWORD_CHANGED_EMAIL_CONFIRMATION",
        "field": "new_password",
        "value": NEW_PASSWORD,
        "other_value": NEW_PASSWORD + "-again",
        "mismatch": PASSWORD_MISMATCH,
        "old_login": {fields.username: name, "password": PASSWORD},
        "new_login": {fields.username: name, "password": NEW_PASSWORD},
        "holds": lambda user: user.check_password(NEW_PASSWORD),
    }


def _new_name(fields, user):
    new_name = fields.values()[fields.username]
    return {
        "email_setting": "USERNAME_CHANGED_EMAIL_CONFIRMATION",
        "field": f"new_{fields.username}",
        "value": new_name,
        "other_value": fields.values()[fields.username],
        "mismatch": username_mismatch(fields.username),
        "old_login": {
            fields.username: getattr(user, fields.username),
            "password": PASSWORD,
        },
        "new_login": {fields.username: new_name, "password": PASSWORD},
        "holds": lambda user: getattr(user, fields.username) == new_name,
    }


# action: (route, how the request is made, what it changes, its RETYPE setting)
FLOWS = {
    "activation": ("user-activation", _by_link, _activation, ""),
    "set_password": (
        "user-set-password",
        _signed_in,
        _new_password,
        "SET_PASSWORD_RETYPE",
    ),
    "reset_password_confirm": (
        "user-reset-password-confirm",
        _by_link,
        _new_password,
        "PASSWORD_RESET_CONFIRM_RETYPE",
    ),
    "set_username": (
        "user-set-username",
        _signed_in,
        _new_name,
        "SET_USERNAME_RETYPE",
    ),
    "reset_username_confirm": (
        "user-reset-username-confirm",
        _by_link,
        _new_name,
        "USERNAME_RESET_CONFIRM_RETYPE",
    ),
}


@pytest.fixture
def flow(request, fields, make_user, api_client, client_for):
    """The djoser action named by indirect parametrization, as a ``Flow``.

    ``@pytest.mark.parametrize("flow", ["set_password"], indirect=True)``
    gives a fresh user (inactive for activation) and a valid request for it;
    the action's name is the test id.
    """
    route, request_maker, change, retype_setting = FLOWS[request.param]
    # Only an inactive account can be activated.
    user = make_user(is_active=request.param != "activation")
    client, data = request_maker(user, api_client, client_for)
    return Flow(
        client,
        reverse(route),
        user,
        data,
        retype_setting=retype_setting,
        **change(fields, user),
    )
