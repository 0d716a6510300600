"""The shared search: PostgreSQL full-text with stored, weighted vectors; SQLite FTS5 tables.
The same tests run on both (DATABASE_URL=postgres://... for PostgreSQL)."""

import pytest
from django.core.management import call_command
from django.db import connection

from partners.models import Organisation
from projects.bulk import PREFIX
from projects.models import Project
from registers.models import PublicationStatus
from registers.search import ensure_full_text_tables, full_text_table
from tests.factories import OrganisationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def search(text):
    return list(Project.objects.published().search(text).values_list("title", flat=True))


def test_every_word_must_match_somewhere():
    PublishedProjectFactory(title="Smart card pilot", summary="Residents in Newham")
    PublishedProjectFactory(title="Smart meters", summary="Elsewhere")

    assert search("smart newham") == ["Smart card pilot"]


def test_blank_search_returns_everything():
    PublishedProjectFactory.create_batch(3)

    assert len(search("   ")) == 3


def test_a_theme_added_later_is_searchable():
    project = PublishedProjectFactory(title="Untitled work")
    project.tags.add("e-democracy")

    assert search("democracy") == ["Untitled work"]


def test_an_edited_title_is_searchable_at_once():
    project = PublishedProjectFactory(title="Old name")
    project.title = "Kiosk network"
    project.save()

    assert search("kiosk") == ["Kiosk network"]
    assert search("old") == []


def test_stored_vector_is_weighted_title_first():
    description_only = PublishedProjectFactory(
        title="Other", summary="Other", description="A portal for schools"
    )
    summary_only = PublishedProjectFactory(title="Another", summary="A portal for schools")
    in_title = PublishedProjectFactory(title="Schools portal")

    ranked = list(
        Project.objects.published()
        .search("portal")
        .order_by("-search_rank")
        .values_list("pk", flat=True)
    )

    assert ranked == [in_title.pk, summary_only.pk, description_only.pk]


def test_websearch_syntax_phrases_and_exclusions():
    PublishedProjectFactory(title="Smart card for libraries")
    PublishedProjectFactory(title="Card smart schools")

    assert search('"smart card"') == ["Smart card for libraries"]
    assert search("smart -libraries") == ["Card smart schools"]
    assert sorted(search("libraries OR schools")) == [
        "Card smart schools",
        "Smart card for libraries",
    ]


def test_stemming_matches_other_forms_of_a_word():
    PublishedProjectFactory(title="Sharing information between agencies")

    assert search("shared agency") == ["Sharing information between agencies"]


@pytest.mark.postgres
def test_search_uses_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "select indexdef from pg_indexes where tablename = 'projects_project'"
            " and indexname = 'projects_project_search_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition


def test_search_on_the_list_page_ranks_by_relevance_by_default(client):
    PublishedProjectFactory(title="Other", description="mentions kiosks once")
    PublishedProjectFactory(title="Kiosks in libraries")

    response = client.get("/projects/", {"q": "kiosks"})

    assert response.context["current_sort"] == "relevance"
    titles = [project.title for project in response.context["projects"]]
    assert titles == ["Kiosks in libraries", "Other"]


# -- the same search on SQLite (FTS5, porter stems, bm25) and PostgreSQL (tsvector) ----------


def test_a_plural_finds_what_its_singular_finds():
    PublishedProjectFactory(title="Smart card pilot")
    PublishedProjectFactory(title="Smart cards for tenants")
    PublishedProjectFactory(title="Cardiff smart meters")
    PublishedProjectFactory(title="London e-Procurement framework")

    assert sorted(search("smart card")) == ["Smart card pilot", "Smart cards for tenants"]
    assert sorted(search("smart cards")) == sorted(search("smart card"))
    # A common misspelling has the stem of the word it misses.
    assert search("procurment") == search("procurement") == ["London e-Procurement framework"]


def test_an_exclusion_alone_finds_everything_without_the_word():
    PublishedProjectFactory(title="Smart card for libraries")
    PublishedProjectFactory(title="Card smart schools")

    assert search("-libraries") == ["Card smart schools"]
    assert sorted(search('"smart card" OR -schools')) == ["Smart card for libraries"]


def test_the_index_follows_create_edit_unpublish_and_delete():
    project = PublishedProjectFactory(title="Okapi census", summary="Counting okapis.")
    assert search("okapi") == ["Okapi census"]

    project.title, project.summary = "Bongo census", "Counting bongos."
    project.save()
    assert search("okapi") == [] and search("bongo") == ["Bongo census"]

    project.tags.add("antelopes")
    assert search("antelope") == ["Bongo census"]
    project.tags.clear()
    assert search("antelope") == []

    project.publication_status = PublicationStatus.DRAFT
    project.save()
    assert search("bongo") == []
    assert Project.objects.search("bongo").filter(pk=project.pk).exists()  # still indexed

    pk = project.pk
    project.delete()
    assert not Project.objects.search("bongo").exists()
    assert not Project.objects.filter(pk=pk).exists()


def test_registers_searched_in_the_query_on_postgresql_follow_edits_too():
    organisation = OrganisationFactory(name="Dugong Housing Trust")
    assert list(Organisation.objects.search("dugong")) == [organisation]

    organisation.name = "Manatee Housing Trust"
    organisation.save()
    assert not Organisation.objects.search("dugong").exists()
    assert list(Organisation.objects.search("manatees")) == [organisation]

    organisation.delete()
    assert not Organisation.objects.search("manatee").exists()


def test_bulk_seeded_entries_are_found(capsys):
    call_command("seed_bulk", projects=5)

    bulk = Project.objects.filter(slug__startswith=PREFIX)
    first = bulk.order_by("pk").first()
    word = first.title.split()[0]
    assert Project.objects.published().search(word).filter(pk=first.pk).exists()
    assert Project.objects.published().search(str(first.title)).count() >= 1


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced quote',
        'smart "card',
        "NEAR(smart card)",
        "NEAR(smart card, 2)",
        "smart ^card",
        "smart*",
        "title: smart",
        "a:b:c",
        "(smart OR",
        "AND OR NOT",
        "- - -",
        '"',
        '""',
        "+smart -",
        "{title summary}: smart",
        "smart'); DROP TABLE projects_project; --",
        '\\"',
    ],
)
def test_any_text_is_searched_as_words_and_never_fails(client, text):
    PublishedProjectFactory(title="Smart card pilot")

    assert isinstance(search(text), list)
    response = client.get("/projects/", {"q": text})
    assert response.status_code == 200
    assert Project.objects.count() == 1


def test_fts5_operators_typed_are_words_not_syntax():
    PublishedProjectFactory(title="Smart card pilot")
    PublishedProjectFactory(title="Smart meters near Kingston")

    assert search("smart*") == search("smart") != []
    assert search("title:smart") == []  # "title smart" as a phrase: no title holds it
    assert search("NEAR(smart)") == ["Smart meters near Kingston"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 tables")
def test_migrate_indexes_rows_written_without_signals_and_forgets_removed_ones():
    kept = PublishedProjectFactory(title="Kept okapi")
    Project.objects.bulk_create(
        [
            Project(
                title="Quiet okapi",
                slug="quiet-okapi",
                publication_status=PublicationStatus.PUBLISHED,
                lead_organisation=kept.lead_organisation,
            )
        ]
    )
    gone = PublishedProjectFactory(title="Gone okapi")
    Project.objects.filter(pk=gone.pk)._raw_delete(Project.objects.db)
    assert search("okapi") == ["Kept okapi"]

    ensure_full_text_tables()

    assert sorted(search("okapi")) == ["Kept okapi", "Quiet okapi"]
    assert full_text_table(Project) == "projects_project_fts"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM projects_project_fts WHERE rowid = %s", [gone.pk])
        assert cursor.fetchone() == (0,)


@pytest.mark.parametrize(
    ("misspelt", "suggested"),
    [("smart crads", "smart cards"), ("Newhm", "newham"), ("smartcard", "smart card")],
)
def test_a_register_list_suggests_a_search_that_finds_entries(client, misspelt, suggested):
    PublishedProjectFactory(title="Newham Smart Card Pathfinder")
    PublishedProjectFactory(title="Smart cards for tenants")

    response = client.get("/projects/", {"q": misspelt, "status": "active"})

    assert response.status_code == 200
    assert list(response.context["projects"]) == []
    assert response.context["suggestion"] == suggested
    html = response.content.decode()
    assert "Did you mean" in html
    followed = client.get("/projects/?" + response.context["suggestion_query"])
    assert followed.context["projects"]
    assert followed.context["search_text"] == suggested
    assert "suggestion" not in followed.context


def test_a_register_list_suggests_nothing_its_filters_would_hide(client):
    PublishedProjectFactory(title="Smart cards for tenants", status="completed")

    response = client.get("/projects/", {"q": "smart crads", "status": "active"})

    assert list(response.context["projects"]) == []
    assert "suggestion" not in response.context


def test_refreshing_the_search_index_of_no_entries_does_nothing():
    # A merge or a bulk job may have nothing to refresh: that is not an error on any database.
    from projects.models import Project

    PublishedProjectFactory(title="Kept as it was")

    Project.objects.filter(pk__in=[]).refresh_search_vector()

    assert Project.objects.published().search("kept").count() == 1
