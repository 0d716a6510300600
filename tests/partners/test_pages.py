import datetime

import pytest
from django.contrib.auth.models import Group as Role

from partners.models import Organisation, SubRegion
from partners.roles import ROLES
from tests.factories import (
    GroupFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedContactFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_the_33_london_authorities_are_in_their_sub_regions():
    authorities = Organisation.objects.local_authorities()

    assert authorities.count() == 33
    counts = {region.slug: region.organisations.count() for region in SubRegion.objects.all()}
    assert counts == {"central": 7, "east": 10, "north": 3, "south": 7, "west": 6}
    assert authorities.get(slug="newham").sub_region.slug == "east"


def test_every_role_exists():
    assert set(Role.objects.filter(name__in=ROLES).values_list("name", flat=True)) == set(ROLES)


def test_organisation_page_lists_its_published_projects_as_lead_and_partner(client):
    organisation = OrganisationFactory(name="Test Borough", website="https://borough.example.org/")
    PublishedProjectFactory(title="Led project", lead_organisation=organisation)
    PublishedProjectFactory(title="Partner project", partners=[organisation])
    ProjectFactory(title="Draft project", lead_organisation=organisation)

    response = client.get(organisation.get_absolute_url())

    assert [p.title for p in response.context["led_projects"]] == ["Led project"]
    assert [p.title for p in response.context["partner_projects"]] == ["Partner project"]
    assert "Draft project" not in response.content.decode()
    assert organisation.website in response.content.decode()


def test_organisation_list_filters_by_sub_region(client):
    response = client.get("/organisations/", {"sub_region": "north"})

    names = [org.name for org in response.context["organisations"]]
    assert sorted(names) == [
        "London Borough of Barnet",
        "London Borough of Enfield",
        "London Borough of Haringey",
    ]


def test_organisation_list_explains_an_unknown_sub_region(client):
    response = client.get("/organisations/", {"sub_region": "atlantis"})

    assert response.status_code == 200
    assert "“atlantis” is not a known sub-region." in response.content.decode()
    assert len(response.context["organisations"]) >= 33


def test_group_page_lists_its_members(client):
    member = OrganisationFactory(name="Member Borough")
    group = GroupFactory(name="West Test Alliance", members=[member])

    body = client.get(group.get_absolute_url()).content.decode()

    assert "West Test Alliance" in body
    assert member.get_absolute_url() in body


def test_a_large_group_page_shows_the_first_contacts_and_links_to_the_rest(client):
    group = GroupFactory(name="Big Partnership", slug="big-partnership")
    for number in range(22):
        PublishedContactFactory(title=f"Person {number:02}", in_groups=[group])

    response = client.get(group.get_absolute_url())
    body = response.content.decode()

    assert len(response.context["group"].published_contacts) == 20
    assert "Person 19" in body and "Person 20" not in body
    assert '/contacts/?group=big-partnership">See every contact in Big Partnership' in body
    listed = client.get("/contacts/", {"group": "big-partnership"}).context["paginator"]
    assert listed.count == 22


def test_unknown_organisation_and_group_are_404(client):
    assert client.get("/organisations/nowhere/").status_code == 404
    assert client.get("/groups/nothing/").status_code == 404


def test_organisation_list_filters_by_sector_and_the_year_of_their_projects(client):
    borough = Organisation.objects.get(slug="camden")
    partner = Organisation.objects.get(slug="hackney")
    PublishedProjectFactory(
        lead_organisation=borough,
        partners=[partner],
        start_date=datetime.date(2025, 3, 1),
    )
    ProjectFactory(lead_organisation=Organisation.objects.get(slug="ealing"))  # a draft

    response = client.get("/organisations/", {"active_in": "2025", "sector": "local-authority"})

    names = sorted(org.name for org in response.context["organisations"])
    assert names == ["London Borough of Camden", "London Borough of Hackney"]
    bad = client.get("/organisations/", {"active_in": "next year"})
    assert "Enter a year as four digits" in bad.content.decode()
    assert len(bad.context["organisations"]) >= 33


def test_organisation_page_shows_the_first_people_and_links_to_the_rest(
    client, django_assert_max_num_queries
):
    from tests.factories import OrganisationFactory, PublishedContactFactory

    organisation = OrganisationFactory()
    for n in range(25):
        PublishedContactFactory(organisation=organisation, title=f"Person {n:02d}")

    # 12 for the page, 4 for its joint work: works with (1), could work with (3).
    with django_assert_max_num_queries(16):
        page = client.get(organisation.get_absolute_url()).content.decode()

    assert page.count('href="/contacts/person-') == 20
    assert "Person 00" in page and "Person 19" in page and "Person 20" not in page
    assert f"/contacts/?organisation={organisation.slug}" in page
    assert "See all 25 people" in page


def test_organisation_page_lists_the_published_projects_it_registered_interest_in(client):
    from tests.factories import ProjectInterestFactory

    newham = OrganisationFactory(name="Test Newham")
    shown = PublishedProjectFactory(title="Smart card pilot")
    draft = ProjectFactory(title="Draft kiosk project")
    for project in (shown, draft):
        ProjectInterestFactory(project=project, organisation=newham)
    ProjectInterestFactory(project=PublishedProjectFactory(title="Someone else's interest"))

    page = client.get(newham.get_absolute_url()).content.decode()

    listed = page[page.index("Projects it registered interest in") :]
    assert "(1)" in listed and shown.get_absolute_url() in listed
    assert "Draft kiosk project" not in page
    assert "Someone else's interest" not in page


def test_organisation_page_bounds_its_interests(client, django_assert_max_num_queries):
    from jointwork.organisations import OrganisationDetailView
    from tests.factories import ProjectInterestFactory

    newham = OrganisationFactory()
    for _ in range(OrganisationDetailView.projects_shown + 2):
        ProjectInterestFactory(project=PublishedProjectFactory(), organisation=newham)

    # 14 for the page, 4 for its joint work: works with (1), could work with (3).
    with django_assert_max_num_queries(18):
        page = client.get(newham.get_absolute_url()).content.decode()

    listed = page[page.index("Projects it registered interest in") : page.index("</main>")]
    assert listed.count('href="/projects/') == OrganisationDetailView.projects_shown
    assert f"({OrganisationDetailView.projects_shown + 2})" in listed
    assert f"The {OrganisationDetailView.projects_shown} most recent are shown" in listed
