"""The database check: our tables exist, or ``migrate`` will make them."""

from unittest import mock

import pytest
from django.core.checks import Error, Warning
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import OperationalError, connection

from djoser.webauthn.checks import check_passkey_tables


def check_ids(messages):
    return [message.id for message in messages]


@pytest.mark.django_db
def test_a_migrated_database_passes():
    assert check_passkey_tables(databases=["default"]) == []


@pytest.mark.django_db
def test_a_table_missing_after_every_migration_ran_fails_manage_py_check():
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE webauthn_passkey RENAME TO webauthn_passkey_gone")

    with pytest.raises(SystemCheckError, match="djoser.E701"):
        call_command("check", databases=["default"])


@pytest.mark.django_db
def test_the_error_names_the_missing_table_and_the_fix():
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE webauthn_challenge RENAME TO webauthn_gone")

    (error,) = check_passkey_tables(databases=["default"])

    assert isinstance(error, Error)
    assert "webauthn_challenge" in error.msg
    assert "migrate webauthn 0001_initial --fake" in error.hint


def test_a_djoser_2_database_waiting_for_migrate_gets_a_warning(djoser_2_schema):
    (warning,) = check_passkey_tables(databases=["default"])

    assert isinstance(warning, Warning)
    assert warning.id == "djoser.W701"
    assert "manage.py migrate webauthn" in warning.hint


def test_a_new_database_before_migrate_is_not_reported(transactional_db):
    call_command("migrate", "webauthn", "zero", verbosity=0)
    try:
        messages = check_passkey_tables(databases=["default"])
    finally:
        call_command("migrate", "webauthn", verbosity=0)

    assert messages == []


def test_a_plain_check_without_a_database_does_not_look():
    with mock.patch.object(connection, "cursor") as cursor:
        assert check_passkey_tables(databases=None) == []
    cursor.assert_not_called()


def test_an_unreachable_database_is_not_reported():
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("server closed")
    ):
        assert check_passkey_tables(databases=["default"]) == []


@pytest.mark.django_db
def test_an_app_whose_migrations_are_turned_off_is_not_reported(settings):
    settings.MIGRATION_MODULES = {"webauthn": None}
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE webauthn_passkey RENAME TO webauthn_passkey_gone")

    assert check_passkey_tables(databases=["default"]) == []
