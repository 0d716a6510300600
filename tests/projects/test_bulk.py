import pytest
from django.core.management import call_command

from projects.bulk import PREFIX
from projects.models import Project
from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_seed_bulk_makes_published_projects_and_replaces_its_own_rows_only(capsys):
    demo = PublishedProjectFactory(title="Demo content")

    call_command("seed_bulk", projects=40)
    call_command("seed_bulk", projects=25)

    bulk = Project.objects.filter(slug__startswith=PREFIX)
    assert bulk.count() == 25
    assert bulk.published().count() == 25
    assert all(project.sub_regions.exists() for project in bulk[:5])
    assert Project.objects.filter(pk=demo.pk).exists()
    assert "25 projects" in capsys.readouterr().out


def test_seed_bulk_contacts_respects_its_own_rows(capsys):
    from contacts.bulk import PREFIX as CONTACT_PREFIX
    from contacts.models import Contact
    from tests.factories import PublishedContactFactory

    demo = PublishedContactFactory(title="Demo Person")

    call_command("seed_bulk", contacts=30)
    call_command("seed_bulk", contacts=12)

    bulk = Contact.objects.filter(slug__startswith=CONTACT_PREFIX)
    assert bulk.published().count() == 12
    assert Contact.objects.filter(pk=demo.pk).exists()
    assert "12 contacts" in capsys.readouterr().out


def test_seed_bulk_refuses_a_negative_count():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="must not be negative"):
        call_command("seed_bulk", projects=-1)


def test_seed_bulk_ends_with_analyze_of_every_table_it_filled():
    """The planner must know the tables are full before the first page is asked for, not
    when autovacuum next passes (a list on freshly seeded data ran at 0.005 of the bare
    view)."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ForumFactory, PartnerOfficerFactory

    PublishedProjectFactory()
    ForumFactory()
    PartnerOfficerFactory()

    with CaptureQueriesContext(connection) as queries:
        call_command(
            "seed_bulk",
            projects=5,
            contacts=5,
            links=5,
            funding=5,
            papers=5,
            topics=3,
            posts_per_topic=2,
        )

    statements = [query["sql"] for query in queries.captured_queries]
    last_insert = {}
    for position, sql in enumerate(statements):
        if match := re.match(r'\s*INSERT INTO "(\w+)"', sql):
            last_insert[match[1]] = position
    # Theme names are looked up or made one at a time, not filled in bulk; SQLite's search
    # tables (FTS5, virtual) have no statistics for the planner.
    filled = {table for table in last_insert if not table.endswith("_fts")} - {"taggit_tag"}
    assert {
        "projects_project",
        "projects_project_sub_regions",
        "contacts_contact",
        "eindex_link",
        "funding_fundingsource",
        "papers_paper",
        "forums_topic",
        "forums_post",
    } <= filled
    for table in filled:
        analysed_at = [
            position
            for position, sql in enumerate(statements)
            if re.fullmatch(rf'\s*ANALYZE "{table}"\s*', sql)
        ]
        assert analysed_at and analysed_at[-1] > last_insert[table], table

    if connection.vendor == "postgresql":
        # ANALYZE writes the row count the planner uses into pg_class at once.
        with connection.cursor() as cursor:
            for table in filled:
                cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
                estimated = cursor.fetchone()[0]
                cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - table names
                assert estimated == cursor.fetchone()[0], table
