"""The read-only JSON API: the same rows, filters, fields and consent rules as the register
pages, its own OpenAPI schema honoured (schemathesis), and bad input answered with 400/404."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from api.api import api, joint_work_filters
from api.registers import REGISTERS
from events.models import EventKind
from funding.models import Currency
from partners.models import Group
from projects.models import ProjectStatus
from tests.events.factories import (
    EventFactory,
    PartnersOnlyEventFactory,
    PublishedEventFactory,
    london,
)
from tests.factories import (
    ConsentingContactFactory,
    GroupFactory,
    MemberFactory,
    PaperFactory,
    ProjectFactory,
    PublishedContactFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


def get(client, path, **params):
    return client.get(path, params, **HTTPS)


def test_lists_hold_only_published_entries_with_the_pages_fields(client):
    PublishedProjectFactory(title="Published project", budget=1250)
    ProjectFactory(title="Draft project")

    response = get(client, "/api/projects/")

    assert response.status_code == 200
    data = response.json()
    assert [row["title"] for row in data["results"]] == ["Published project"]
    assert data["results"][0]["budget_gbp"] == "1250.00"
    page_columns = [
        c.name for c in __import__("projects.views").views.ProjectListView.export_columns
    ]
    assert list(data["results"][0]) == page_columns


def test_filters_are_the_pages_filters(client):
    PublishedProjectFactory(title="Pathfinder one", programme="pathfinder")
    PublishedProjectFactory(title="Local one", programme="local")

    api = get(client, "/api/projects/", programme="pathfinder").json()
    page = client.get(reverse("projects:list"), {"programme": "pathfinder"}, **HTTPS)

    assert [row["title"] for row in api["results"]] == ["Pathfinder one"]
    assert [p.title for p in page.context["projects"]] == ["Pathfinder one"]


def test_a_filter_not_understood_is_refused_not_ignored(client):
    PublishedProjectFactory()

    response = get(client, "/api/projects/", programme="bogus")

    assert response.status_code == 400
    assert response.json()["errors"] == ["“bogus” is not a known programme."]


def test_pages_link_to_each_other_and_stop_at_the_last(client):
    for number in range(5):
        PublishedProjectFactory(title=f"Project {number}")

    first = get(client, "/api/projects/", page_size=2).json()
    last = get(client, "/api/projects/", page_size=2, page=3).json()

    assert (first["count"], first["pages"], first["previous"]) == (5, 3, None)
    assert first["next"].endswith("page_size=2&page=2")
    assert last["next"] is None and len(last["results"]) == 1
    assert get(client, "/api/projects/", page_size=2, page=4).status_code == 404
    assert get(client, "/api/projects/", page_size=101).status_code == 400
    assert get(client, "/api/projects/", page="first").status_code == 400


def test_an_entry_by_slug_and_unknown_or_draft_slugs_are_404(client):
    project = PublishedProjectFactory(title="Shared CRM")
    draft = ProjectFactory()

    assert get(client, f"/api/projects/{project.slug}/").json()["title"] == "Shared CRM"
    assert get(client, f"/api/projects/{draft.slug}/").status_code == 404
    assert get(client, "/api/projects/no-such-project/").status_code == 404


def test_contacts_personal_fields_follow_consent_even_for_a_signed_in_partner(client):
    from tests.factories import MemberFactory

    PublishedContactFactory(title="Private Person", email="private@example.org")
    ConsentingContactFactory(title="Public Person", email="public@example.org")
    client.force_login(MemberFactory())  # a partner sees more on the pages, never in the API

    rows = {row["name"]: row for row in get(client, "/api/contacts/").json()["results"]}

    assert rows["Private Person"]["email"] == "" and rows["Private Person"]["telephone"] == ""
    assert rows["Public Person"]["email"] == "public@example.org"


def test_papers_groups_and_organisations_are_served(client):
    group = GroupFactory(name="North London Partnership")
    PaperFactory(title="Strategy", group=group)

    assert get(client, "/api/papers/").json()["results"][0]["group"] == "North London Partnership"
    groups = get(client, "/api/groups/").json()["results"]
    assert "North London Partnership" in [g["name"] for g in groups]
    assert get(client, "/api/organisations/", sector="no-such-sector").status_code == 400


def test_the_docs_page_lists_every_register_and_the_schema(client):
    html = client.get("/api/", **HTTPS).content.decode()
    schema = get(client, "/api/openapi.json").json()

    for name in (
        "projects",
        "products",
        "events",
        "contacts",
        "funding",
        "papers",
        "eindex",
        "organisations",
        "groups",
    ):
        assert f"/api/{name}/" in html
        assert f"/api/{name}/" in schema["paths"]
        assert f"/api/{name}/{{slug}}/" in schema["paths"]
    assert 'href="/api/openapi.json"' in html


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [row["title"] for row in response.json()["results"]]


def test_events_are_the_publics_only_whoever_asks(client):
    PublishedEventFactory(title="Open workshop")
    PublishedEventFactory(title="Seminar", kind=EventKind.SEMINAR)
    PublishedEventFactory(title="Held workshop", starts_at=london(2025, 6, 3, 10))
    secret = PartnersOnlyEventFactory(title="Partners' briefing")
    EventFactory(title="Draft workshop")
    client.force_login(MemberFactory())  # a partner sees partners-only events on the pages

    assert titles(get(client, "/api/events/")) == ["Open workshop", "Seminar"]
    assert titles(get(client, "/api/events/", kind="workshop")) == ["Open workshop"]
    assert titles(get(client, "/api/events/", when="past")) == ["Held workshop"]
    assert titles(get(client, "/api/events/", month="2025-06")) == ["Held workshop"]
    # Asking for partners-only events changes nothing: the public has no such filter.
    assert secret.title not in titles(get(client, "/api/events/", audience="partners"))
    assert get(client, f"/api/events/{secret.slug}/").status_code == 404
    held = get(client, "/api/events/held-workshop/").json()
    assert held["starts_at"].startswith("2025-06-03T10:00:00+01:00")  # London summer time
    for month in ("2025-13", "0000-01", "9999-12", "2025-06\n"):
        assert get(client, "/api/events/", month=month).status_code == 400, month


def test_the_events_month_is_described_and_the_audience_is_not_offered(client):
    parameters = list_parameters(get(client, "/api/openapi.json").json(), "events")

    assert "audience" not in parameters
    month = parameters["month"]["schema"]["anyOf"][0]
    assert month["type"] == "string" and month["pattern"].startswith("^")
    assert {"enum": ["upcoming", "past"], "type": "string"} in parameters["when"]["schema"]["anyOf"]


# -- the API against its own schema ----------------------------------------------------------


@pytest.fixture
def api_data(settings):
    # schemathesis calls the WSGI app with the host "localhost".
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    PublishedProjectFactory(title="Joined-up project", budget=1000)
    ConsentingContactFactory()
    PaperFactory()
    GroupFactory()
    PublishedEventFactory()
    PartnersOnlyEventFactory()
    # The WSGI handler closes the database connection after each request, as in production;
    # the test's transaction lives on that connection (Django's test client does the same).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


def refused_by_design(case) -> bool:
    """Schema-valid requests the API refuses on purpose, with 400: a value of a filter whose
    values are the site's own slugs (organisations, sectors, themes: an open set the schema
    cannot list, so no generated value is known), and sorting by relevance with nothing to
    search for."""
    register = case.operation.path.strip("/").split("/")[1]
    parameters = (
        joint_work_filters() if register == "joint-work" else REGISTERS_BY_NAME[register].filters()
    )
    query = case.query or {}
    if any(parameters[name].open_set for name in query if name in parameters):
        return True
    return query.get("sort") == "relevance" and not " ".join(str(query.get("q", "")).split())


REGISTERS_BY_NAME = {register.name: register for register in REGISTERS}


@schema.parametrize()
@hypothesis_settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_the_api_honours_its_own_schema(case, api_data):
    """No server error, no undocumented status, every response as the schema says, anything
    the schema calls valid accepted and anything it calls invalid refused."""
    case.call_and_validate(
        headers={"X-Forwarded-Proto": "https", "Host": "localhost"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance]
        if refused_by_design(case)
        else [],
    )


# -- the schema tells the truth about filters ------------------------------------------------


def list_parameters(schema, register):
    operation = schema["paths"][f"/api/{register}/"]["get"]
    return {parameter["name"]: parameter for parameter in operation["parameters"]}


def test_filters_with_fixed_choices_are_enums_and_others_say_what_is_refused(client):
    schema = get(client, "/api/openapi.json").json()
    projects = list_parameters(schema, "projects")
    funding = list_parameters(schema, "funding")
    groups = list_parameters(schema, "groups")

    assert projects["status"]["schema"]["type"] == "array"
    assert set(projects["status"]["schema"]["items"]["enum"]) == set(ProjectStatus.values)
    assert set(funding["currency"]["schema"]["items"]["enum"]) == set(Currency.values)
    assert {"enum": list(Group.Kind.values), "type": "string"} in groups["kind"]["schema"]["anyOf"]
    sort = next(s for s in projects["sort"]["schema"]["anyOf"] if "enum" in s)
    assert set(sort["enum"]) == {"newest", "title", "start", "relevance"}
    assert projects["started_in"]["schema"]["anyOf"][0] == {
        "type": "integer",
        "minimum": 1990,
        "maximum": 2100,
    }
    # Slugs of the site's own data cannot be listed: the parameter says a stranger is refused.
    for name in ("sector", "organisation", "theme"):
        assert projects[name]["schema"]["items"] == {"type": "string"}
        assert "not known is refused with 400" in projects[name]["description"]


def test_every_list_documents_its_400_and_the_body_it_comes_with(client):
    schema = get(client, "/api/openapi.json").json()

    for register in REGISTERS:
        refused = schema["paths"][f"/api/{register.name}/"]["get"]["responses"]["400"]
        assert "not understood" in refused["description"]
        body = refused["content"]["application/json"]["schema"]
        assert body == {"$ref": "#/components/schemas/Problem"}
    assert set(schema["components"]["schemas"]["Problem"]["properties"]) == {"detail", "errors"}


@pytest.mark.parametrize(
    ("register", "parameter", "value", "error"),
    [
        ("projects", "status", "finished", "“finished” is not a known status."),
        ("funding", "currency", "USD", "“USD” is not a known currency."),
        (
            "groups",
            "kind",
            "club",
            "Select a valid choice. club is not one of the available choices.",
        ),
        ("papers", "year", "1066", "“1066” is not a known year."),
        (
            "projects",
            "sort",
            "oldest",
            "Select a valid choice. oldest is not one of the available choices.",
        ),
    ],
)
def test_a_value_outside_the_schema_is_refused(client, register, parameter, value, error):
    schema = get(client, "/api/openapi.json").json()
    declared = list_parameters(schema, register)[parameter]["schema"]
    one_value = declared.get("items") or declared["anyOf"][0]
    if one_value["type"] == "integer":
        assert not one_value["minimum"] <= int(value) <= one_value["maximum"]
    else:
        assert value not in one_value["enum"]

    response = get(client, f"/api/{register}/", **{parameter: value})

    assert response.status_code == 400
    assert response.json()["errors"] == [error]


def test_sorting_by_relevance_needs_something_to_search_for(client):
    PublishedProjectFactory(title="Shared services")

    searched = get(client, "/api/projects/", q="shared", sort="relevance")
    refused = get(client, "/api/projects/", sort="relevance")

    assert [row["title"] for row in searched.json()["results"]] == ["Shared services"]
    assert refused.status_code == 400
