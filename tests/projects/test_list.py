import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import Sector, SubRegion
from projects.models import Programme, ProjectStatus
from tests.factories import (
    ArchivedProjectFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db
LIST = "/projects/"


def titles(response):
    return [project.title for project in response.context["projects"]]


def facet(response, name):
    found = next(f for f in response.context["facets"] if f.name == name)
    return {option.value: option.count for option in found.options}


def test_lists_only_published_projects(client):
    published = PublishedProjectFactory(title="Smart card pilot")
    ProjectFactory(title="Draft idea")
    ArchivedProjectFactory(title="Old archived scheme")

    response = client.get(LIST)

    assert response.status_code == 200
    assert titles(response) == [published.title]


def test_filters_by_programme_and_status_with_several_values(client):
    PublishedProjectFactory(title="A", programme=Programme.PATHFINDER, status=ProjectStatus.ACTIVE)
    PublishedProjectFactory(
        title="B", programme=Programme.INVEST_TO_SAVE, status=ProjectStatus.ACTIVE
    )
    PublishedProjectFactory(title="C", programme=Programme.EC_FUNDED, status=ProjectStatus.ACTIVE)
    PublishedProjectFactory(
        title="D", programme=Programme.PATHFINDER, status=ProjectStatus.COMPLETED
    )

    response = client.get(
        LIST, {"programme": ["pathfinder", "isb"], "status": "active", "sort": "title"}
    )

    assert titles(response) == ["A", "B"]


def test_filters_by_sector_sub_region_and_theme(client):
    east = SubRegion.objects.get(slug="east")
    west = SubRegion.objects.get(slug="west")
    nhs = Sector.objects.get(slug="nhs")
    PublishedProjectFactory(
        title="East NHS smart", regions=[east], in_sectors=[nhs], themes=["smart cards"]
    )
    PublishedProjectFactory(
        title="East NHS other", regions=[east], in_sectors=[nhs], themes=["e-democracy"]
    )
    PublishedProjectFactory(title="West smart", regions=[west], themes=["smart cards"])

    response = client.get(LIST, {"sub_region": "east", "sector": "nhs", "theme": "smart-cards"})

    assert titles(response) == ["East NHS smart"]


def test_organisation_filter_matches_lead_or_partner(client):
    newham = OrganisationFactory(slug="test-newham")
    PublishedProjectFactory(title="Led by Newham", lead_organisation=newham)
    PublishedProjectFactory(title="Newham as partner", partners=[newham])
    PublishedProjectFactory(title="Without Newham")

    response = client.get(LIST, {"organisation": "test-newham", "sort": "title"})

    assert titles(response) == ["Led by Newham", "Newham as partner"]
    assert facet(response, "organisation")["test-newham"] == 2


def test_facet_counts_ignore_their_own_selection(client):
    for programme, number in [(Programme.PATHFINDER, 3), (Programme.EC_FUNDED, 2)]:
        for _ in range(number):
            PublishedProjectFactory(programme=programme, status=ProjectStatus.ACTIVE)
    PublishedProjectFactory(programme=Programme.PATHFINDER, status=ProjectStatus.CLOSED)

    response = client.get(LIST, {"programme": "pathfinder", "status": "active"})

    # Other programmes still show what ticking them would add, under the status filter...
    assert facet(response, "programme")["pathfinder"] == 3
    assert facet(response, "programme")["ec"] == 2
    # ...and the status facet counts within the chosen programme.
    assert facet(response, "status")["active"] == 3
    assert facet(response, "status")["closed"] == 1
    assert len(response.context["projects"]) == 3


def test_search_matches_title_summary_and_themes(client):
    PublishedProjectFactory(title="Citizen smart card scheme")
    PublishedProjectFactory(title="Other", summary="Issuing smart cards to residents")
    PublishedProjectFactory(title="Tagged", themes=["smart cards"])
    PublishedProjectFactory(title="Unrelated web site")

    response = client.get(LIST, {"q": "smart card", "sort": "title"})

    assert sorted(titles(response)) == ["Citizen smart card scheme", "Other", "Tagged"]
    assert response.context["search_text"] == "smart card"


def test_search_combines_with_facets(client):
    PublishedProjectFactory(title="Smart cards east", programme=Programme.PATHFINDER)
    PublishedProjectFactory(title="Smart cards local", programme=Programme.LOCAL)

    response = client.get(LIST, {"q": "smart", "programme": "local"})

    assert titles(response) == ["Smart cards local"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("title", ["Alpha", "Beta", "Gamma"]), ("start", ["Beta", "Gamma", "Alpha"])],
)
def test_sorts(client, sort, expected):
    import datetime

    PublishedProjectFactory(title="Gamma", start_date=datetime.date(2002, 1, 1))
    PublishedProjectFactory(title="Alpha", start_date=datetime.date(2001, 1, 1))
    PublishedProjectFactory(title="Beta", start_date=datetime.date(2003, 1, 1))

    assert titles(client.get(LIST, {"sort": sort})) == expected


def test_newest_first_by_default(client):
    first = PublishedProjectFactory(title="First published")
    second = PublishedProjectFactory(title="Second published")

    assert titles(client.get(LIST))[:2] == [second.title, first.title]


def test_pages_of_25_keep_the_filters(client):
    PublishedProjectFactory.create_batch(30, programme=Programme.PATHFINDER)
    PublishedProjectFactory.create_batch(3, programme=Programme.LOCAL)

    first = client.get(LIST, {"programme": "pathfinder"})
    second = client.get(LIST, {"programme": "pathfinder", "page": 2})

    assert len(first.context["projects"]) == 25
    assert len(second.context["projects"]) == 5
    assert "programme=pathfinder&amp;page=2" in first.content.decode()


def test_active_filters_each_link_to_the_list_without_them(client):
    PublishedProjectFactory(programme=Programme.PATHFINDER, themes=["smart cards"])

    response = client.get(LIST, {"programme": "pathfinder", "theme": "smart-cards", "q": "card"})

    chips = {(label, value): url for label, value, url in response.context["active_filters"]}
    assert chips[("Programme", "Pathfinder")] == "?theme=smart-cards&q=card"
    assert chips[("Theme", "smart cards")] == "?programme=pathfinder&q=card"
    assert chips[("Search", "“card”")] == "?programme=pathfinder&theme=smart-cards"


def test_empty_state_is_helpful(client):
    response = client.get(LIST, {"q": "nothing-matches-this"})

    assert response.status_code == 200
    assert "No projects match" in response.content.decode()


def test_malformed_filter_values_are_reported_not_fatal(client):
    PublishedProjectFactory(title="Still listed")

    response = client.get(
        LIST, {"programme": "teleportation", "sector": "<script>", "sort": "random"}
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "“teleportation” is not a known programme." in body
    assert "&lt;script&gt;" in body and "<script>" not in body.split("</header>")[-1]
    assert titles(response) == ["Still listed"]


@pytest.mark.parametrize("page", ["999", "abc", "-1"])
def test_page_out_of_range_is_404(client, page):
    PublishedProjectFactory()

    assert client.get(LIST, {"page": page}).status_code == 404


def test_overlong_search_is_reported(client):
    response = client.get(LIST, {"q": "x" * 500})

    assert response.status_code == 200
    assert "200 characters or fewer" in response.content.decode()


def _list_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"programme": "pathfinder", "sub_region": "east", "theme": "smart-cards", "q": "service"}],
)
def test_list_query_count_does_not_grow_with_rows(
    client, params, django_capture_on_commit_callbacks
):
    east = SubRegion.objects.get(slug="east")

    def make(number):
        for _ in range(number):
            PublishedProjectFactory(
                programme=Programme.PATHFINDER,
                regions=[east],
                themes=["smart cards", "e-learning"],
                partners=[OrganisationFactory()],
            )

    with django_capture_on_commit_callbacks(execute=True):
        make(5)
    few = _list_queries(client, params)
    with django_capture_on_commit_callbacks(execute=True):
        make(195)  # committing new entries makes the cached counts stale
    many = _list_queries(client, params)

    assert few == many
    # A cache miss: the page, the total and seven facet counts. A hit costs far fewer.
    assert many <= 20


def _rows(response):
    return b"".join(response.streaming_content).decode()


def test_csv_export_has_exactly_the_filtered_rows_across_pages(client):
    PublishedProjectFactory.create_batch(30, programme=Programme.PATHFINDER)
    PublishedProjectFactory.create_batch(2, programme=Programme.LOCAL)
    ProjectFactory(programme=Programme.PATHFINDER)  # draft: never exported

    response = client.get(LIST, {"programme": "pathfinder", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_rows(response))))
    assert len(rows) == 30
    assert {row["programme"] for row in rows} == {"Pathfinder"}


def test_json_export_matches_the_page_filters(client):
    east = SubRegion.objects.get(slug="east")
    PublishedProjectFactory(title="In the east", regions=[east], themes=["smart cards"])
    PublishedProjectFactory(title="Elsewhere")

    response = client.get(LIST, {"sub_region": "east", "format": "json"})

    data = json.loads(_rows(response))
    assert [row["title"] for row in data] == ["In the east"]
    assert data[0]["sub_regions"] == ["East"]
    assert data[0]["themes"] == ["smart cards"]


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client):
    PublishedProjectFactory(title='=HYPERLINK("http://evil")')

    rows = list(csv.DictReader(io.StringIO(_rows(client.get(LIST, {"format": "csv"})))))

    assert rows[0]["title"].startswith("'=")


def test_unknown_format_is_400(client):
    response = client.get(LIST, {"format": "xml"})

    assert response.status_code == 400
    assert "not a download format" in response.content.decode()


def test_export_with_malformed_filter_is_400_not_a_wider_export(client):
    PublishedProjectFactory()

    response = client.get(LIST, {"programme": "nonsense", "format": "csv"})

    assert response.status_code == 400
    assert "not a known programme" in response.content.decode()


def test_a_selected_value_with_no_entries_stays_visible_to_untick(client):
    PublishedProjectFactory(programme=Programme.EC_FUNDED, themes=["e-learning"])
    PublishedProjectFactory(themes=["smart cards"])

    response = client.get(LIST, {"programme": "ec", "sub_region": "south", "theme": "smart-cards"})

    assert facet(response, "sub_region")["south"] == 0
    assert facet(response, "theme")["smart-cards"] == 0
    chips = [value for _label, value, _url in response.context["active_filters"]]
    assert "South" in chips and "smart cards" in chips


def test_short_reference_facets_keep_their_own_order(client):
    east = SubRegion.objects.get(slug="east")
    PublishedProjectFactory.create_batch(3, regions=[east])

    options = next(f for f in client.get(LIST).context["facets"] if f.name == "sub_region").options

    assert [option.value for option in options] == ["central", "east", "north", "south", "west"]


def test_counts_are_cached_until_register_data_changes(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PublishedProjectFactory.create_batch(3, programme=Programme.PATHFINDER)
    first = _list_queries(client, {})
    cached = _list_queries(client, {})
    assert cached < first  # facet and total counts come from the shared cache

    with django_capture_on_commit_callbacks(execute=True):
        PublishedProjectFactory(programme=Programme.PATHFINDER)
    response = client.get(LIST)

    assert facet(response, "programme")["pathfinder"] == 4
    assert response.context["paginator"].count == 4


def test_unpublishing_is_seen_at_once(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        project = PublishedProjectFactory(programme=Programme.PATHFINDER)
    assert client.get(LIST).context["paginator"].count == 1

    with django_capture_on_commit_callbacks(execute=True):
        project.publication_status = "archived"
        project.save()

    response = client.get(LIST)
    assert response.context["paginator"].count == 0
    assert facet(response, "programme")["pathfinder"] == 0


def test_year_and_partnership_filters(client):
    """The filters the annual review's figures link to: by the project's dates and by the
    sectors of its organisations."""
    borough = OrganisationFactory(sector=Sector.objects.get(slug="local-authority"))
    trust = OrganisationFactory(sector=Sector.objects.get(slug="nhs"))
    PublishedProjectFactory(
        title="Joint",
        lead_organisation=borough,
        partners=[trust],
        start_date=datetime.date(2025, 12, 31),
    )
    PublishedProjectFactory(
        title="Borough only",
        lead_organisation=borough,
        status=ProjectStatus.COMPLETED,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2025, 1, 1),
    )
    PublishedProjectFactory(title="Later", start_date=datetime.date(2026, 1, 1))

    assert sorted(titles(client.get(LIST, {"active_in": "2025"}))) == ["Borough only", "Joint"]
    assert titles(client.get(LIST, {"started_in": "2025"})) == ["Joint"]
    assert titles(client.get(LIST, {"completed_in": "2025"})) == ["Borough only"]
    joint = client.get(LIST, {"active_in": "2025", "partnership": "cross-sector"})
    assert titles(joint) == ["Joint"]
    chips = {(label, value) for label, value, _url in joint.context["active_filters"]}
    assert ("Partnership", "Organisations from two or more sectors") in chips
    single = client.get(LIST, {"active_in": "2025", "partnership": "single-sector"})
    assert titles(single) == ["Borough only"]


@pytest.mark.parametrize("params", [{"active_in": "20x5"}, {"started_in": "1066"}])
def test_a_malformed_year_is_reported_and_refused_for_export(client, params):
    PublishedProjectFactory(title="Still listed")

    response = client.get(LIST, params)

    assert response.status_code == 200
    assert "Enter a year as four digits, from 1990 to 2100." in response.content.decode()
    assert titles(response) == ["Still listed"]
    assert client.get(LIST, {**params, "format": "csv"}).status_code == 400


def test_an_unknown_partnership_is_reported(client):
    response = client.get(LIST, {"partnership": "mystery"})

    assert response.status_code == 200
    assert "“mystery” is not a known kind of partnership." in response.content.decode()
