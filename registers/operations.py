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
