"""Schema operations for the two histories a ``webauthn`` database can have.

A database reaches migration ``0002`` from one of two places, both recorded
as ``webauthn.0001_initial``:

* djoser 2.x: its ``0001_initial`` made ``webauthn_credentialoptions``;
* this package's releases before its history continued djoser's: their
  ``0001_initial`` made our own tables (challenges, passkeys, user handles).

These operations adopt a table that is already there and skip dropping one
that is not, so both end with the same schema and ``migrate`` needs no
``--fake`` from anyone.
"""

from django.db import migrations


def table_exists(schema_editor, table):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        return table in connection.introspection.table_names(cursor)


class CreateModelUnlessPresent(migrations.CreateModel):
    """``CreateModel`` that keeps the table an earlier release already made."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.name)
        if table_exists(schema_editor, model._meta.db_table):
            return
        super().database_forwards(app_label, schema_editor, from_state, to_state)


class DeleteModelIfPresent(migrations.DeleteModel):
    """``DeleteModel`` of a table that only databases from djoser 2.x have."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.name)
        if not table_exists(schema_editor, model._meta.db_table):
            return
        super().database_forwards(app_label, schema_editor, from_state, to_state)
