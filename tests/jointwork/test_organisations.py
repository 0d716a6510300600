"""Each organisation's joint work (works with, could work with) and how representative each
sub-regional group is, on the organisation and group pages."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jointwork.organisations import sector_representation, works_with
from jointwork.suggestions import suggested_projects
from partners.models import Sector, SubRegion
from projects.models import Project
from tests.factories import (
    ArchivedProjectFactory,
    GroupFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db


def sector(slug):
    return Sector.objects.get(slug=slug)


def region(slug):
    return SubRegion.objects.get(slug=slug)


def shared_counts(organisation):
    """Independently of the code under test: for every published project the organisation
    leads or partners in, every other organisation in it (lead or partner) counts once."""
    counts = Counter()
    for project in Project.objects.filter(publication_status="published"):
        taking_part = {project.lead_organisation_id} | {
            partner.pk for partner in project.partner_organisations.all()
        }
        if organisation.pk in taking_part:
            counts.update(taking_part - {organisation.pk})
    return counts


@pytest.fixture
def newham():
    return OrganisationFactory(name="Test Newham", slug="test-newham", sub_region=region("east"))


def test_works_with_counts_equal_a_count_from_the_project_rows(client, newham):
    hackney = OrganisationFactory(name="Test Hackney")
    police = OrganisationFactory(name="Test Police", sector=sector("police"))
    elsewhere = OrganisationFactory(name="Test Elsewhere")
    PublishedProjectFactory(lead_organisation=newham, partners=[hackney, police])
    PublishedProjectFactory(lead_organisation=hackney, partners=[newham])
    PublishedProjectFactory(lead_organisation=police, partners=[newham, hackney])
    # The lead repeated among the partners counts once.
    PublishedProjectFactory(lead_organisation=hackney, partners=[newham, hackney])
    # Not counted: a draft, an archived project, a project Newham is not in.
    ProjectFactory(lead_organisation=newham, partners=[elsewhere])
    ArchivedProjectFactory(lead_organisation=elsewhere, partners=[newham])
    PublishedProjectFactory(lead_organisation=hackney, partners=[elsewhere])

    found = {other.pk: other.projects for other in works_with(newham)}

    assert found == dict(shared_counts(newham))
    assert found == {hackney.pk: 4, police.pk: 2}
    page = client.get(newham.get_absolute_url()).content.decode()
    works = page[page.index('id="works-with"') : page.index('id="could-work-with"')]
    assert works.index("Test Hackney") < works.index("Test Police")
    assert (
        "/projects/?with_organisation=test-newham&amp;with_organisation="
        f'{hackney.slug}">4 projects<span class="govuk-visually-hidden"> with Test Hackney'
    ) in works
    assert "Test Elsewhere" not in works
    assert "(the first" not in works


def test_works_with_shows_the_top_ten_most_shared_first(client, newham):
    others = [OrganisationFactory(name=f"Other {n:02}") for n in range(12)]
    for number, other in enumerate(others):
        for _ in range(1 + number % 3):
            PublishedProjectFactory(lead_organisation=newham, partners=[other])

    found = works_with(newham)
    page = client.get(newham.get_absolute_url()).content.decode()
    works = page[page.index('id="works-with"') : page.index('id="could-work-with"')]
    assert works.count("govuk-visually-hidden") == 10
    assert "each of them lead or partner (the first 10)" in works

    assert len(found) == 10
    assert [other.projects for other in found] == sorted(
        (other.projects for other in found), reverse=True
    )
    expected = shared_counts(newham)
    assert all(expected[other.pk] == other.projects for other in found)
    assert min(other.projects for other in found) >= sorted(expected.values())[-10]


def test_the_register_link_lists_exactly_the_shared_projects(client, newham):
    hackney = OrganisationFactory(name="Test Hackney", slug="test-hackney")
    both = PublishedProjectFactory(
        title="Both of them", lead_organisation=newham, partners=[hackney]
    )
    PublishedProjectFactory(title="Newham alone", lead_organisation=newham)
    PublishedProjectFactory(title="Hackney alone", lead_organisation=hackney)

    listed = client.get(
        "/projects/", {"with_organisation": ["test-newham", "test-hackney"]}
    ).context["paginator"]

    assert [project.pk for project in listed.object_list] == [both.pk]


@pytest.fixture
def suggestions_data(newham):
    """Newham (East, local authority) works on smart cards and e-democracy."""
    police = OrganisationFactory(name="Test Police", sector=sector("police"))
    borough = OrganisationFactory(name="Test Ealing", sub_region=region("west"))
    east, west = region("east"), region("west")
    data = {
        "its own": PublishedProjectFactory(
            title="Its own", lead_organisation=newham, themes=["smart cards"], regions=[east]
        ),
        "its partnership": PublishedProjectFactory(
            title="Its partnership",
            lead_organisation=police,
            partners=[newham],
            themes=["e-democracy"],
            regions=[east],
        ),
        "in its region": PublishedProjectFactory(
            title="In its region", lead_organisation=police, themes=["smart cards"], regions=[east]
        ),
        "in its sector": PublishedProjectFactory(
            title="In its sector", lead_organisation=borough, themes=["e-democracy"], regions=[west]
        ),
        "a partner of its sector": PublishedProjectFactory(
            title="A partner of its sector",
            lead_organisation=police,
            partners=[borough],
            themes=["smart cards"],
            regions=[west],
        ),
        "both themes": PublishedProjectFactory(
            title="Both themes",
            lead_organisation=borough,
            themes=["smart cards", "e-democracy"],
            regions=[east],
        ),
        "a draft": ProjectFactory(
            title="A draft", lead_organisation=police, themes=["smart cards"], regions=[east]
        ),
        "archived": ArchivedProjectFactory(
            title="Archived", lead_organisation=police, themes=["smart cards"], regions=[east]
        ),
        "another theme": PublishedProjectFactory(
            title="Another theme", lead_organisation=police, themes=["libraries"], regions=[east]
        ),
        "elsewhere, other sectors": PublishedProjectFactory(
            title="Elsewhere", lead_organisation=police, themes=["smart cards"], regions=[west]
        ),
    }
    return data


def test_suggestions_are_published_projects_on_its_themes_it_is_not_part_of(
    newham, suggestions_data
):
    suggestions = suggested_projects(newham)

    titles = [suggestion.project.title for suggestion in suggestions]
    assert titles == ["Both themes", "In its region", "A partner of its sector", "In its sector"]
    taking_part = set(Project.objects.involving(newham).values_list("pk", flat=True))
    assert taking_part and not taking_part & {s.project.pk for s in suggestions}
    assert all(s.project.publication_status == "published" for s in suggestions)
    why = {suggestion.project.title: suggestion.why for suggestion in suggestions}
    assert why == {
        "Both themes": (
            "shared themes: e-democracy, smart cards; same sub-region: East; "
            "same sector: Local authority"
        ),
        "In its region": "shared theme: smart cards; same sub-region: East",
        "A partner of its sector": "shared theme: smart cards; same sector: Local authority",
        "In its sector": "shared theme: e-democracy; same sector: Local authority",
    }


def test_suggestions_never_include_a_project_it_leads_or_partners_in(newham):
    other = OrganisationFactory(sub_region=region("east"))
    for _ in range(6):
        PublishedProjectFactory(
            lead_organisation=newham, themes=["smart cards"], regions=[region("east")]
        )
        PublishedProjectFactory(
            lead_organisation=other,
            partners=[newham],
            themes=["smart cards"],
            regions=[region("east")],
        )
    open_to_it = PublishedProjectFactory(
        lead_organisation=other, themes=["smart cards"], regions=[region("east")]
    )

    assert [s.project for s in suggested_projects(newham)] == [open_to_it]


def test_at_most_ten_suggestions_and_none_without_themes(newham):
    other = OrganisationFactory(name="Other borough")
    assert suggested_projects(newham) == []
    PublishedProjectFactory(lead_organisation=newham, themes=["smart cards"])
    for _ in range(12):
        PublishedProjectFactory(lead_organisation=other, themes=["smart cards"])

    assert len(suggested_projects(newham)) == 10
    assert len(suggested_projects(newham, limit=3)) == 3


def test_the_organisation_page_shows_suggestions_with_their_reasons(
    client, newham, suggestions_data
):
    page = client.get(newham.get_absolute_url()).content.decode()

    could = page[page.index('id="could-work-with"') : page.index("Projects it registered")]
    assert suggestions_data["in its region"].get_absolute_url() in could
    assert "Why: shared theme: smart cards; same sub-region: East" in could
    for title in ("Its own", "Its partnership", "A draft", "Archived", "Another theme"):
        assert f">{title}<" not in could


@pytest.fixture
def east_group():
    """An East partnership of a local authority and an NHS trust."""
    east = region("east")
    borough = OrganisationFactory(name="Member Borough", sub_region=east)
    trust = OrganisationFactory(name="Member Trust", sector=sector("nhs"), sub_region=east)
    return GroupFactory(name="East Test Partnership", sub_region=east, members=[borough, trust])


def test_group_gaps_are_the_sectors_active_in_its_sub_region_without_a_member(client, east_group):
    east, west = region("east"), region("west")
    member = east_group.members.get(name="Member Borough")
    busy_police = OrganisationFactory(name="Busy Police", sector=sector("police"))
    quiet_police = OrganisationFactory(name="Quiet Police", sector=sector("police"))
    fire = OrganisationFactory(name="East Fire", sector=sector("fire"))
    housing = OrganisationFactory(name="Draft Housing", sector=sector("housing"))
    voluntary = OrganisationFactory(name="West Voluntary", sector=sector("voluntary"))
    PublishedProjectFactory(lead_organisation=member, partners=[busy_police], regions=[east])
    PublishedProjectFactory(lead_organisation=busy_police, partners=[fire], regions=[east])
    PublishedProjectFactory(lead_organisation=quiet_police, regions=[east, west])
    ProjectFactory(lead_organisation=housing, regions=[east])  # a draft
    PublishedProjectFactory(lead_organisation=voluntary, regions=[west])

    rows = sector_representation(east_group, list(east_group.members.all()))

    # Independently: the sectors of the organisations in East's published projects, less the
    # members' sectors.
    in_east = Project.objects.filter(publication_status="published", sub_regions=east)
    active = {project.lead_organisation.sector.slug for project in in_east} | {
        partner.sector.slug
        for project in in_east
        for partner in project.partner_organisations.all()
    }
    members = {organisation.sector.slug for organisation in east_group.members.all()}
    assert {row.sector.slug for row in rows if row.is_gap} == active - members == {"police", "fire"}
    police = next(row for row in rows if row.sector.slug == "police")
    assert [(c.name, c.projects) for c in police.candidates] == [
        ("Busy Police", 2),
        ("Quiet Police", 1),
    ]
    assert [row.sector.slug for row in rows] == ["local-authority", "nhs", "police", "fire"]

    page = client.get(east_group.get_absolute_url()).content.decode()
    gaps = page[page.index('id="gaps"') : page.index("Contacts</h2>")]
    assert "Police</dt>" in gaps and "Fire and rescue</dt>" in gaps
    assert f'href="{busy_police.get_absolute_url()}">Busy Police</a> (2 projects)' in gaps
    assert "Draft Housing" not in page and "West Voluntary" not in page
    assert "NHS</dt>" not in gaps


def test_a_group_with_every_active_sector_has_no_gaps(client, east_group):
    member = east_group.members.get(name="Member Borough")
    PublishedProjectFactory(lead_organisation=member, regions=[region("east")])

    page = client.get(east_group.get_absolute_url()).content.decode()

    assert 'id="gaps"' not in page
    assert "Every sector active in East" in page


def test_a_cross_sector_group_has_no_sector_table(client):
    group = GroupFactory(kind="cross-sector", members=[OrganisationFactory()])

    page = client.get(group.get_absolute_url()).content.decode()

    assert 'id="sectors"' not in page


def build_joint_work(newham, group, count):
    """``count`` published projects around Newham and the group's sub-region, each with its
    themes, partners from several sectors and sub-regions."""
    sectors = list(Sector.objects.all())
    east = region("east")
    for number in range(count):
        lead = OrganisationFactory(sector=sectors[number % len(sectors)], sub_region=east)
        partner = OrganisationFactory(sector=sectors[(number + 3) % len(sectors)])
        PublishedProjectFactory(
            lead_organisation=lead,
            partners=[partner, newham] if number % 2 else [partner],
            themes=["smart cards", f"theme {number % 4}"],
            regions=[east],
        )
        group.members.add(lead)


def page_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_organisation_and_group_pages_cost_the_same_queries_whatever_the_data_size(
    client, newham, east_group
):
    build_joint_work(newham, east_group, 4)
    small = (
        page_queries(client, newham.get_absolute_url()),
        page_queries(client, east_group.get_absolute_url()),
    )
    build_joint_work(newham, east_group, 8)  # 12 projects in all: three times as many

    large = (
        page_queries(client, newham.get_absolute_url()),
        page_queries(client, east_group.get_absolute_url()),
    )

    assert large == small
    page = client.get(newham.get_absolute_url()).content.decode()
    assert page.count("Why: shared theme") == 6  # the projects it is not in, all on its themes


def test_each_part_costs_a_fixed_number_of_queries(newham, east_group, django_assert_num_queries):
    build_joint_work(newham, east_group, 6)
    PublishedProjectFactory(
        lead_organisation=OrganisationFactory(sector=sector("police")), regions=[region("east")]
    )
    members = list(east_group.members.all())

    with django_assert_num_queries(1):
        works_with(newham)
    with django_assert_num_queries(3):  # its themes, the projects, their themes' names
        suggested_projects(newham)
    with django_assert_num_queries(3):  # the sectors, who is active there, the gaps' counts
        sector_representation(east_group, members)
