"""The map of joint work: its figures are the register's own, counted independently here from
the project and partner rows; every number links to exactly the projects it counts."""

import csv
import datetime
import io
import itertools
import json
from collections import Counter

import pytest
from django.db.models import Q

from jointwork.analysis import filterset_for, joint_work
from partners.models import Organisation, Sector, SubRegion
from projects.models import Project, ProjectStatus
from reviews import services
from reviews.models import Review
from tests.factories import (
    ArchivedProjectFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
    ReviewFactory,
    SteeringMemberFactory,
)
from tests.pages import body

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def network():
    """Projects with overlapping leads and partners across three sectors, two sub-regions
    and two themes; a draft and an archived project that must count nowhere."""
    sector = {slug: Sector.objects.get(slug=slug) for slug in ("local-authority", "nhs", "police")}
    east, west = SubRegion.objects.get(slug="east"), SubRegion.objects.get(slug="west")
    # Three of the 33 London local authorities the reference data holds.
    newham, hackney, ealing = (
        Organisation.objects.get(slug=slug) for slug in ("newham", "hackney", "ealing")
    )
    health = OrganisationFactory(name="East Health", slug="east-health", sector=sector["nhs"])
    police = OrganisationFactory(name="Met Police", slug="met-police", sector=sector["police"])
    PublishedProjectFactory(
        lead_organisation=newham,
        partners=[hackney, health],
        regions=[east],
        themes=["smart cards"],
        start_date=D(2003, 1, 1),
    )
    PublishedProjectFactory(
        lead_organisation=hackney,
        partners=[newham],
        regions=[east],
        themes=["smart cards", "social inclusion"],
        start_date=D(2004, 1, 1),
    )
    PublishedProjectFactory(
        lead_organisation=health,
        partners=[newham, police],
        regions=[east, west],
        themes=["social inclusion"],
        status=ProjectStatus.COMPLETED,
        start_date=D(2001, 1, 1),
        end_date=D(2002, 6, 1),
    )
    PublishedProjectFactory(
        lead_organisation=ealing, partners=[police], regions=[west], themes=["social inclusion"]
    )
    PublishedProjectFactory(lead_organisation=ealing)  # alone: no pair
    # Never counted: a draft and an archived project joining everyone.
    everyone = [newham, hackney, health, police]
    ProjectFactory(lead_organisation=ealing, partners=everyone, regions=[west], themes=["x"])
    ArchivedProjectFactory(
        lead_organisation=ealing, partners=everyone, regions=[east], themes=["smart cards"]
    )
    return {"newham": newham, "hackney": hackney, "ealing": ealing, "police": police}


def members(projects) -> dict[int, set[int]]:
    """Each project's organisations, lead or partner, read row by row."""
    through = Project.partner_organisations.through.objects.filter(project__in=projects)
    found = {project.pk: {project.lead_organisation_id} for project in projects}
    for link in through:
        found[link.project_id].add(link.organisation_id)
    return found


def expected_pairs(projects) -> Counter:
    pairs = Counter()
    for organisations in members(projects).values():
        for first, second in itertools.combinations(sorted(organisations), 2):
            pairs[first, second] += 1
    return pairs


def figures(data: dict | None = None):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in (data or {}).items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return joint_work(filterset_for(query))


def listed(client, link: str) -> set[str]:
    """The projects the register lists at ``link`` (all pages, through its JSON export)."""
    response = client.get(link + "&format=json")
    assert response.status_code == 200, link
    return {row["url"] for row in json.loads(b"".join(response.streaming_content))}


def urls(projects) -> set[str]:
    return {project.get_absolute_url() for project in projects}


def test_pairs_and_weights_are_counted_from_published_projects_only(network):
    published = list(Project.objects.published())
    work = figures()

    counted = {tuple(sorted((pair.first.pk, pair.second.pk))): pair.projects for pair in work.pairs}
    assert counted == dict(expected_pairs(published))
    newham, hackney = network["newham"], network["hackney"]
    assert counted[tuple(sorted((newham.pk, hackney.pk)))] == 2
    # The draft and archived projects would have joined Ealing with Newham.
    assert tuple(sorted((network["ealing"].pk, newham.pk))) not in counted


def test_every_pair_links_to_exactly_the_projects_it_shares(client, network):
    projects = list(Project.objects.published())
    organisations = members(projects)
    work = figures()
    assert work.pairs
    for pair in work.pairs:
        shared = [p for p in projects if {pair.first.pk, pair.second.pk} <= organisations[p.pk]]
        assert listed(client, pair.link) == urls(shared), pair.link
        assert pair.projects == len(shared)


def test_a_sector_cell_links_to_exactly_its_active_projects(client, network):
    work = figures()
    projects = list(Project.objects.published().filter(status=ProjectStatus.ACTIVE))
    organisations = members(projects)
    sector_of = dict(Organisation.objects.values_list("pk", "sector__slug"))
    sectors_of = {pk: {sector_of[org] for org in orgs} for pk, orgs in organisations.items()}
    matrix = work.sectors
    checked = 0
    for (row, _name), cells in zip(matrix.rows, matrix.cells, strict=True):
        for (column, _column_name), cell in zip(matrix.columns, cells, strict=True):
            if row == column:
                wanted = [
                    p for p in projects if row in sectors_of[p.pk] and len(sectors_of[p.pk]) > 1
                ]
            else:
                wanted = [p for p in projects if {row, column} <= sectors_of[p.pk]]
            assert cell.value == len(wanted), (row, column)
            if wanted or row in {"local-authority", "nhs", "police"}:
                assert listed(client, cell.link) == urls(wanted), cell.link
                checked += 1
    by_slug = {slug: index for index, (slug, _name) in enumerate(matrix.rows)}
    # Newham (local authority) and East Health (NHS) share one active project.
    assert matrix.cells[by_slug["local-authority"]][by_slug["nhs"]].value == 1
    assert matrix.cells[by_slug["local-authority"]][by_slug["police"]].value == 1  # Ealing
    assert checked >= 9


def test_the_active_rule_gives_way_to_a_chosen_status_or_year(client, network):
    completed = figures({"status": "completed"})
    index = {slug: i for i, (slug, _n) in enumerate(completed.sectors.rows)}
    cell = completed.sectors.cells[index["nhs"]][index["police"]]
    assert cell.value == 1
    assert "status=active" not in cell.link
    assert len(listed(client, cell.link)) == 1

    in_2002 = figures({"active_in": "2002"})
    assert in_2002.sectors.cells[index["nhs"]][index["police"]].value == 1
    assert in_2002.sectors.cells[index["local-authority"]][index["nhs"]].value == 1  # Newham


def test_a_gap_is_empty_exactly_where_no_project_exists(client, network):
    work = figures()
    projects = Project.objects.published().filter(status=ProjectStatus.ACTIVE)
    themes = [name for _slug, name in work.gaps.rows]
    assert themes == ["smart cards", "social inclusion"]  # of published projects only
    for (theme, _name), cells in zip(work.gaps.rows, work.gaps.cells, strict=True):
        for (region, _region_name), cell in zip(work.gaps.columns, cells, strict=True):
            exists = projects.filter(tags__slug=theme, sub_regions__slug=region)
            assert cell.gap == (not exists.exists()), (theme, region)
            assert cell.value == exists.distinct().count()
            assert listed(client, cell.link) == urls(exists.distinct())
    rows = dict(zip([slug for slug, _n in work.gaps.rows], work.gaps.cells, strict=True))
    columns = [slug for slug, _n in work.gaps.columns]
    assert rows["smart-cards"][columns.index("west")].gap
    assert not rows["social-inclusion"][columns.index("west")].gap

    page = body(client.get("/joint-work/"))
    assert 'class="govuk-table__cell govuk-table__cell--numeric lc-gap"' in page


def test_for_a_chosen_theme_the_boroughs_with_no_project_in_it(client, network):
    work = figures({"theme": "smart-cards"})

    boroughs = [borough.url for borough in work.boroughs["smart cards"]]
    everyone = Organisation.objects.local_authorities()
    assert sorted(boroughs) == sorted(
        borough.get_absolute_url() for borough in everyone.exclude(slug__in=["newham", "hackney"])
    )
    assert len(boroughs) == 31
    page = body(client.get("/joint-work/?theme=smart-cards"))
    assert "Boroughs with no active project on smart cards" in page
    assert '<a class="govuk-link" href="/organisations/ealing/">' in page
    assert (
        '<a class="govuk-link" href="/organisations/newham/">'
        not in page.split("Boroughs with no active project")[1]
    )


def test_filters_narrow_every_figure(network):
    everything, east = figures(), figures({"sub_region": "east", "theme": "smart-cards"})
    east_projects = Project.objects.published().filter(
        sub_regions__slug="east", tags__slug="smart-cards"
    )

    assert {p.projects for p in east.pairs} <= {p.projects for p in everything.pairs}
    assert sum(p.projects for p in east.pairs) == sum(expected_pairs(east_projects).values())
    assert len(east.pairs) < len(everything.pairs)
    assert [slug for slug, _n in east.gaps.rows] == ["smart-cards"]
    assert [slug for slug, _n in east.gaps.columns] == ["east"]
    total = sum(cell.value for cells in everything.sectors.cells for cell in cells)
    narrowed = sum(cell.value for cells in east.sectors.cells for cell in cells)
    assert narrowed < total


def test_a_filter_not_understood_is_reported_and_left_out(client, network):
    response = client.get("/joint-work/?status=bogus&theme=no-such-theme&active_in=soon")

    assert response.status_code == 200
    page = body(response)
    assert "Some of your filters were not understood" in page
    assert "“bogus” is not a known status." in page
    assert "Enter a year as four digits" in page
    assert response.context["work"].pairs == figures().pairs  # the bad ones are left out

    download = client.get("/joint-work/?status=bogus&table=pairs&format=csv")
    assert download.status_code == 400
    assert "“bogus” is not a known status." in body(download)
    assert client.get("/joint-work/?table=nothing&format=csv").status_code == 400
    assert client.get("/joint-work/?table=pairs&format=xml").status_code == 400


def test_downloads_and_api_match_the_page(client, network):
    query = "theme=social-inclusion"
    work = client.get(f"/joint-work/?{query}").context["work"]

    pairs = csv.DictReader(
        io.StringIO(
            b"".join(
                client.get(f"/joint-work/?{query}&table=pairs&format=csv").streaming_content
            ).decode()
        )
    )
    assert [
        (row["organisation"], row["partner"], int(row["shared_projects"])) for row in pairs
    ] == [(pair.first.name, pair.second.name, pair.projects) for pair in work.pairs]
    sectors = json.loads(
        b"".join(client.get(f"/joint-work/?{query}&table=sectors&format=json").streaming_content)
    )
    index = {name: i for i, (_slug, name) in enumerate(work.sectors.rows)}
    for row in sectors:
        column = row["sector"] if row["with_sector"] == "Any other sector" else row["with_sector"]
        cell = work.sectors.cells[index[row["sector"]]][index[column]]
        assert (row["projects"], row["projects_url"]) == (cell.value, cell.link)
    gaps = client.get(f"/api/joint-work/gaps/?{query}").json()
    assert [(row["theme"], row["sub_region"], row["projects"]) for row in gaps] == [
        (theme, region, cell.value)
        for (_t, theme), cells in zip(work.gaps.rows, work.gaps.cells, strict=True)
        for (_r, region), cell in zip(work.gaps.columns, cells, strict=True)
    ]
    refused = client.get("/api/joint-work/pairs/?status=bogus")
    assert refused.status_code == 400
    assert "“bogus” is not a known status." in refused.json()["errors"]


def test_the_network_figure_is_drawn_stably_with_words_and_a_legend(client, network):
    first = body(client.get("/joint-work/"))
    from django.core.cache import cache

    cache.clear()  # the layout computed again, from scratch
    second = body(client.get("/joint-work/"))

    svg = first[
        first.index('<svg class="lc-chart"') : first.index(
            "</svg>", first.index('<svg class="lc-chart"')
        )
    ]
    assert (
        svg
        == second[
            second.index('<svg class="lc-chart"') : second.index(
                "</svg>", second.index('<svg class="lc-chart"')
            )
        ]
    )
    assert 'role="img"' in svg
    assert '<title id="network-title">' in svg and '<desc id="network-desc">' in svg
    assert svg.count("<circle") == 5  # Ealing's lone project makes a pair with the police
    assert "Local authority" in first and "Police" in first


def test_only_the_most_connected_are_drawn_and_the_rest_said_in_words(client, network):
    from jointwork.network import draw

    figure = draw(figures(), drawn=3)

    assert len(figure.dots) == 3
    assert figure.not_drawn == 2
    assert all(
        {line.pair.first.pk, line.pair.second.pk} <= {dot.node.pk for dot in figure.dots}
        for line in figure.lines
    )
    assert "the most connected of 5" in figure.description


def test_a_fixed_number_of_queries_whatever_the_data(
    client, network, django_assert_max_num_queries
):
    for number in range(20):
        PublishedProjectFactory(
            lead_organisation=OrganisationFactory(),
            partners=[OrganisationFactory(), network["newham"]],
            themes=[f"theme {number}"],
        )
    with django_assert_max_num_queries(16):
        response = client.get("/joint-work/?theme=smart-cards&sub_region=east&sector=nhs")
    assert response.status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/joint-work/").status_code == 200


def test_the_with_organisation_filter_needs_every_organisation(client, network):
    newham, hackney, police = network["newham"], network["hackney"], network["police"]
    both = (
        Project.objects.published()
        .filter(Q(lead_organisation=newham) | Q(partner_organisations=newham))
        .filter(Q(lead_organisation=hackney) | Q(partner_organisations=hackney))
        .distinct()
    )

    assert listed(client, "/projects/?with_organisation=newham&with_organisation=hackney") == urls(
        both
    )
    assert (
        listed(client, "/projects/?with_organisation=hackney&with_organisation=met-police") == set()
    )
    page = body(client.get("/projects/?with_organisation=newham&with_organisation=hackney"))
    assert 'type="hidden" name="with_organisation" value="newham"' in page
    assert "With every one of these organisations (lead or partner)" in page  # a chip
    bad = client.get("/projects/?with_organisation=nobody")
    assert "“nobody” is not a known organisation." in body(bad)
    assert police  # used above by slug


def test_the_joint_work_page_is_in_the_site_navigation(client, network):
    assert 'href="/joint-work/"' in body(client.get("/"))


def test_the_review_edition_freezes_the_joint_working_figures(client, network):
    steering = SteeringMemberFactory()
    review = ReviewFactory(year=2004)
    services.publish(review, by=steering)
    before = body(client.get("/reviews/2004/"))
    assert 'id="table-joint-working"' in before

    def nhs_with_any_other(page: str) -> str:
        start = page.index('id="table-joint-working"')
        row = page.index(">NHS</th>", start)
        return page[row : page.index("</tr>", row)]

    # Another NHS project active in 2004, joining the police, after publishing.
    PublishedProjectFactory(
        lead_organisation=Organisation.objects.get(slug="east-health"),
        partners=[network["police"]],
        start_date=D(2004, 2, 1),
    )
    after = body(client.get("/reviews/2004/"))
    assert nhs_with_any_other(after) == nhs_with_any_other(before)
    draft = services.draft_document(Review.objects.get(year=2004))
    table = next(t for t in draft["figures"]["tables"] if t["key"] == "joint-working")
    frozen = next(t for t in review.editions.get().figures["tables"] if t["key"] == "joint-working")
    assert table != frozen  # the registers moved on; the edition did not


def test_the_downloads_are_described_as_a_dataset(client, network):
    page = body(client.get("/joint-work/?theme=smart-cards"))
    start = page.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(page[start : page.index("</script>", start)])

    assert data["@type"] == "Dataset"
    downloads = {item["contentUrl"] for item in data["distribution"]}
    assert "https://londonconnects.test/joint-work/?theme=smart-cards&table=pairs&format=csv" in (
        downloads
    )
    assert len(downloads) == 8


def test_the_api_docs_and_open_data_list_the_joint_work_tables(client):
    docs = body(client.get("/api/"))
    open_data = body(client.get("/open-data/"))

    for table in ("pairs", "sectors", "gaps", "boroughs"):
        assert f"/api/joint-work/{table}/" in docs
        assert f"/joint-work/?table={table}&amp;format=csv" in open_data
