"""Migration operations for things only PostgreSQL has (GIN indexes on search vectors)."""

from django.db import migrations


class PostgreSQLOnlySQL(migrations.RunSQL):
    """RunSQL that does nothing on other databases, so SQLite keeps its simpler search."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def search_index(table: str) -> PostgreSQLOnlySQL:
    index = f"{table}_search_gin"
    return PostgreSQLOnlySQL(
        sql=f'CREATE INDEX "{index}" ON "{table}" USING gin ("search_vector")',
        reverse_sql=f'DROP INDEX IF EXISTS "{index}"',
    )


def reviewed_when_last_edited(app_label: str, model_name: str) -> migrations.RunPython:
    """Fill a register's new "last reviewed" date: an entry's last edit was its last review."""

    def fill(apps, schema_editor):
        from django.db.models.functions import TruncDate

        model = apps.get_model(app_label, model_name)
        model.objects.update(last_reviewed_on=TruncDate("updated_at"))

    return migrations.RunPython(fill, migrations.RunPython.noop)
