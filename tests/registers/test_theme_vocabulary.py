"""Themes come from one vocabulary (issue 16, item 2): officers pick existing themes, editors
may add one, and a near-duplicate ("smart card" beside "smart cards") is refused unless an
editor confirms it."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from projects.models import Project
from registers.tags import near_duplicates, nearest_themes, theme_key
from tests.factories import (
    EditorFactory,
    OrganisationFactory,
    PartnerOfficerFactory,
    PublishedProjectFactory,
)

VOCABULARY = ["smart cards", "e-procurement", "e-learning", "e-democracy", "digital TV"]


@pytest.mark.parametrize(
    ("typed", "existing"),
    [
        ("smart card", ["smart cards"]),
        ("Smart-Cards", ["smart cards"]),
        ("smartcard", ["smart cards"]),
        ("smart crads", ["smart cards"]),
        ("procurement", ["e-procurement"]),
        ("e learning", ["e-learning"]),
    ],
)
def test_near_duplicates_are_the_same_theme_written_differently(typed, existing):
    assert near_duplicates(typed, VOCABULARY) == existing


@pytest.mark.parametrize("typed", ["knowledge management", "mobile working", "e-government"])
def test_a_really_new_theme_has_no_near_duplicate(typed):
    assert near_duplicates(typed, VOCABULARY) == []


def test_a_theme_in_the_vocabulary_in_any_case_is_not_a_duplicate_of_itself():
    assert near_duplicates("digital tv", VOCABULARY) == []
    assert near_duplicates("e-learning", VOCABULARY) == []


def test_the_key_sets_case_punctuation_spacing_and_plurals_aside():
    assert theme_key("Community Web-Sites") == theme_key("community web site") == "communitywebsite"
    assert theme_key("communities") == theme_key("community")
    assert theme_key("access") == "access"  # "ss" is not a plural


def test_suggestions_put_near_duplicates_first_then_looser_matches():
    vocabulary = ["joint procurement", "e-procurement", "smart cards"]

    assert nearest_themes("procurement", vocabulary) == ["e-procurement", "joint procurement"]
    assert nearest_themes("geology", vocabulary) == []


# -- the admin form, as an officer and as an editor ------------------------------------------


@pytest.fixture
def vocabulary(db):
    return [Tag.objects.create(name=name) for name in ("smart cards", "e-democracy")]


@pytest.fixture
def newham(db):
    return OrganisationFactory(name="Test Newham", slug="test-newham")


def add_project(client, **overrides):
    data = {
        "title": "Smart card for Newham",
        "slug": "",
        "summary": "One card for every council service.",
        "description": "",
        "publication_status": "draft",
        "programme": "pathfinder",
        "status": "active",
        "start_date": "2002-04-01",
        "end_date": "",
        "budget": "",
        "tags": "smart cards",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        **overrides,
    }
    return client.post(reverse("admin:projects_project_add"), data)


def errors_of(response):
    return response.context["adminform"].form.errors.get("tags", [])


@pytest.mark.django_db
def test_an_officer_picks_existing_themes_in_any_case(client, staff_login, vocabulary, newham):
    staff_login(PartnerOfficerFactory(organisation=newham))

    response = add_project(client, tags="Smart Cards, e-democracy")

    assert response.status_code == 302
    assert sorted(Project.objects.get().tags.names()) == ["e-democracy", "smart cards"]
    assert Tag.objects.count() == 2


@pytest.mark.django_db
def test_an_officer_cannot_add_a_near_duplicate_and_is_told_the_existing_one(
    client, staff_login, vocabulary, newham
):
    staff_login(PartnerOfficerFactory(organisation=newham))

    response = add_project(client, tags="smart card, e-democracy")

    assert response.status_code == 200
    assert errors_of(response) == [
        "“smart card” is not one of the themes. Did you mean “smart cards”? Only an editor "
        "can add a new theme."
    ]
    assert not Project.objects.exists()
    assert Tag.objects.count() == 2
    # What was typed is kept, to correct.
    assert 'value="smart card, e-democracy"' in response.content.decode()


@pytest.mark.django_db
def test_an_officer_cannot_add_a_new_theme_even_when_ticking_the_editors_box(
    client, staff_login, vocabulary, newham
):
    staff_login(PartnerOfficerFactory(organisation=newham))

    response = add_project(client, tags="quantum widgets", add_new_themes_anyway="on")

    assert errors_of(response) == [
        "“quantum widgets” is not one of the themes. Choose an existing theme. Only an editor "
        "can add a new theme."
    ]
    assert Tag.objects.count() == 2


@pytest.mark.django_db
def test_an_officers_edit_keeps_the_entrys_themes(client, staff_login, vocabulary, newham):
    staff_login(PartnerOfficerFactory(organisation=newham))
    project = PublishedProjectFactory(lead_organisation=newham, themes=["smart cards"])
    project.refresh_from_db()
    page = client.get(reverse("admin:projects_project_change", args=[project.pk]))
    html = page.content.decode()

    # The vocabulary travels with the box (a datalist the type-ahead reads); no new themes.
    assert '<option value="e-democracy">' in html
    assert 'data-new-themes="false"' in html
    # The confirmation is hidden from an officer.
    assert 'type="hidden" name="add_new_themes_anyway"' in html


@pytest.mark.django_db
def test_an_editor_adds_a_new_theme(client, staff_login, vocabulary, newham):
    staff_login(EditorFactory())

    response = add_project(client, lead_organisation=newham.pk, tags="knowledge management")

    assert response.status_code == 302
    assert Project.objects.get().tags.names()[0] == "knowledge management"


@pytest.mark.django_db
def test_an_editors_near_duplicate_asks_for_confirmation_then_is_added(
    client, staff_login, vocabulary, newham
):
    staff_login(EditorFactory())
    page = client.get(reverse("admin:projects_project_add"))
    assert 'data-new-themes="true"' in page.content.decode()
    assert 'type="hidden" name="add_new_themes_anyway"' in page.content.decode()

    response = add_project(client, lead_organisation=newham.pk, tags="smart card")

    assert errors_of(response) == [
        "“smart card” looks like the existing theme “smart cards”. Use the existing theme, or "
        "tick “Add as a new theme anyway”."
    ]
    html = response.content.decode()
    assert 'type="checkbox" name="add_new_themes_anyway"' in html
    assert "Add as a new theme anyway" in html
    assert Tag.objects.count() == 2

    confirmed = add_project(
        client, lead_organisation=newham.pk, tags="smart card", add_new_themes_anyway="on"
    )

    assert confirmed.status_code == 302
    assert Project.objects.get().tags.names()[0] == "smart card"
    assert Tag.objects.count() == 3
