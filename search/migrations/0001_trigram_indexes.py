"""Did you mean": trigram indexes on the titles the site search suggests words from
(PostgreSQL only; pg_trgm ships with PostgreSQL, and creating it needs a superuser or, from
PostgreSQL 13, the database owner, since it is a trusted extension)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from registers.operations import PostgreSQLOnlySQL

TITLES = [
    ("projects_project", "title"),
    ("contacts_contact", "title"),
    ("funding_fundingsource", "title"),
    ("papers_paper", "title"),
    ("eindex_link", "title"),
    ("forums_topic", "subject"),
]


def trigram_index(table: str, column: str) -> PostgreSQLOnlySQL:
    # GiST, not GIN: it answers "the nearest titles to this word" (ORDER BY <->> LIMIT n)
    # from the index, without scoring every title that shares a trigram.
    index = f"{table}_{column}_trgm"
    return PostgreSQLOnlySQL(
        sql=f'CREATE INDEX "{index}" ON "{table}" USING gist ("{column}" gist_trgm_ops)',
        reverse_sql=f'DROP INDEX IF EXISTS "{index}"',
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("projects", "0006_funding_sources"),
        ("contacts", "0003_link_health"),
        ("funding", "0002_search_index_and_roles"),
        ("papers", "0002_search_index_and_roles"),
        ("eindex", "0002_sections_search_index_and_roles"),
        ("forums", "0006_search"),
    ]

    operations = [TrigramExtension()] + [trigram_index(table, column) for table, column in TITLES]
