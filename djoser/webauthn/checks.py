"""System checks on the database that the passkey models live in.

Tagged ``database``: Django runs them for ``migrate`` (before it migrates)
and for ``check --database ALIAS``, never on a plain ``check``. A database
that cannot be reached is left to the command that needs it.
"""

from django.apps import apps
from django.core import checks
from django.db import DatabaseError, connections, router
from django.db.migrations.loader import MigrationLoader

APP_LABEL = "webauthn"
# The table djoser 2.x's webauthn app kept its credentials in.
DJOSER_2_TABLE = "webauthn_credentialoptions"


@checks.register(checks.Tags.database)
def check_passkey_tables(app_configs=None, databases=None, **kwargs):
    """Our tables exist, or ``migrate`` is about to make them.

    An error when every ``webauthn`` migration is recorded as applied but a
    table is missing (``migrate`` would see nothing to do); a warning when a
    djoser 2.x database waits for ``migrate`` to move its passkeys.
    """
    messages = []
    for alias in databases or ():
        try:
            messages.extend(_check_database(alias))
        except DatabaseError:
            continue
    return messages


def _check_database(alias):
    models = [
        model
        for model in apps.get_app_config(APP_LABEL).get_models()
        if router.allow_migrate_model(alias, model)
    ]
    if not models:
        return []
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    missing = sorted(
        model._meta.db_table for model in models if model._meta.db_table not in tables
    )
    if not missing:
        return []

    loader = MigrationLoader(connection)
    ours = {name for app, name in loader.disk_migrations if app == APP_LABEL}
    applied = {name for app, name in loader.applied_migrations if app == APP_LABEL}
    if not ours:
        # MIGRATION_MODULES turned the app's migrations off: migrate --run-syncdb
        # makes the tables.
        return []
    if ours <= applied:
        return [
            checks.Error(
                f"Database {alias!r} records every {APP_LABEL} migration as "
                f"applied, but the tables {', '.join(missing)} are missing.",
                hint=(
                    f"Run 'manage.py migrate {APP_LABEL} 0001_initial --fake "
                    f"--skip-checks --database {alias}', then 'manage.py migrate "
                    f"{APP_LABEL} --skip-checks --database {alias}': migration 0002 "
                    "creates the missing tables and keeps the present ones."
                ),
                id="djoser.E701",
            )
        ]
    if DJOSER_2_TABLE in tables:
        return [
            checks.Warning(
                f"Database {alias!r} holds djoser 2.x's passkeys "
                f"({DJOSER_2_TABLE}), not yet moved to this package's tables.",
                hint=(
                    f"Run 'manage.py migrate {APP_LABEL} --database {alias}': it "
                    "moves each account's passkey so it keeps logging in."
                ),
                id="djoser.W701",
            )
        ]
    return []
