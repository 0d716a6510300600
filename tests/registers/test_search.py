"""The shared search: PostgreSQL full-text with stored, weighted vectors; SQLite plain match."""

import pytest
from django.db import connection

from projects.models import Project
from tests.factories import PublishedProjectFactory

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


@pytest.mark.postgres
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


@pytest.mark.postgres
def test_websearch_syntax_phrases_and_exclusions():
    PublishedProjectFactory(title="Smart card for libraries")
    PublishedProjectFactory(title="Card smart schools")

    assert search('"smart card"') == ["Smart card for libraries"]
    assert search("smart -libraries") == ["Card smart schools"]
    assert sorted(search("libraries OR schools")) == [
        "Card smart schools",
        "Smart card for libraries",
    ]


@pytest.mark.postgres
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
    assert sorted(titles) == ["Kiosks in libraries", "Other"]
    if connection.vendor == "postgresql":
        assert titles[0] == "Kiosks in libraries"
