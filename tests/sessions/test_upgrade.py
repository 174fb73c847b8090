"""A project already on simplejwt's blacklist adds djoser.sessions: its
database migrates, and the tokens it handed out before keep their meaning."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import (
    BlacklistedToken,
    OutstandingToken,
)

from djoser.sessions.models import Session
from djoser.utils import encode_uid
from tests.conftest import NEW_PASSWORD, PASSWORD
from tests.sessions.conftest import claims, me, refresh, seconds, session_of

LATEST = "0001_initial"


def migrate_sessions(target):
    executor = MigrationExecutor(connection)
    executor.migrate([("djoser_sessions", target)])


@pytest.fixture
def blacklist_database(transactional_db, djoser_settings, fields, user, clock):
    """Tokens of a project on simplejwt's blacklist, before djoser.sessions:
    its tables not there yet, two logins, one of them logged out."""
    djoser_settings(SESSIONS={"ENABLED": False})
    migrate_sessions(None)
    body = {fields.username: getattr(user, fields.username), "password": PASSWORD}
    kept, logged_out = (
        APIClient().post(reverse("jwt-create"), body, format="json").data
        for _ in range(2)
    )
    response = APIClient().post(
        reverse("jwt-blacklist"), {"refresh": logged_out["refresh"]}, format="json"
    )
    assert response.status_code == 200
    assert OutstandingToken.objects.count() == 2
    assert BlacklistedToken.objects.count() == 1
    yield kept, logged_out
    migrate_sessions(LATEST)


@pytest.fixture
def upgraded(blacklist_database, sessions_on):
    """The same database after ``migrate`` with djoser.sessions installed."""
    migrate_sessions(LATEST)
    return blacklist_database


def test_the_migration_keeps_the_blacklist_and_starts_with_no_session(upgraded):
    assert OutstandingToken.objects.count() == 2
    assert BlacklistedToken.objects.count() == 1
    assert not Session.objects.exists()


def test_an_old_refresh_token_is_adopted_into_a_session(upgraded, user):
    kept, _ = upgraded

    response = refresh(kept["refresh"])

    assert response.status_code == 200
    session = session_of(response.data["refresh"])
    assert (session.user, session.kind) == (user, "jwt")
    assert me(response.data["access"]).status_code == 200


def test_a_blacklisted_old_refresh_token_stays_refused(upgraded):
    _, logged_out = upgraded

    assert refresh(logged_out["refresh"]).status_code == 401
    assert not Session.objects.exists()


def test_an_old_access_token_works_until_it_expires(upgraded):
    kept, _ = upgraded

    assert "sid" not in claims(kept["access"])
    assert me(kept["access"]).status_code == 200


def test_reusing_the_old_token_after_its_adoption_ends_the_session(upgraded, clock):
    kept, _ = upgraded
    current = refresh(kept["refresh"]).data
    clock.shift(seconds(11))

    assert refresh(kept["refresh"]).status_code == 401
    assert me(current["access"]).status_code == 401


def test_a_password_reset_still_blacklists_old_refresh_tokens(upgraded, user):
    kept, _ = upgraded
    body = {
        "uid": encode_uid(user.pk),
        "token": default_token_generator.make_token(user),
        "new_password": NEW_PASSWORD,
    }
    APIClient().post(reverse("user-reset-password-confirm"), body, format="json")

    assert refresh(kept["refresh"]).status_code == 401
