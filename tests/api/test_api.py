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

from api.api import api
from tests.factories import (
    ConsentingContactFactory,
    GroupFactory,
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

    for name in ("projects", "contacts", "funding", "papers", "eindex", "organisations", "groups"):
        assert f"/api/{name}/" in html
        assert f"/api/{name}/" in schema["paths"]
        assert f"/api/{name}/{{slug}}/" in schema["paths"]
    assert 'href="/api/openapi.json"' in html


# -- the API against its own schema ----------------------------------------------------------


@pytest.fixture
def api_data(settings):
    # schemathesis calls the WSGI app with the host "localhost".
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    PublishedProjectFactory(title="Joined-up project", budget=1000)
    ConsentingContactFactory()
    PaperFactory()
    GroupFactory()
    # The WSGI handler closes the database connection after each request, as in production;
    # the test's transaction lives on that connection (Django's test client does the same).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@schema.parametrize()
@hypothesis_settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_the_api_honours_its_own_schema(case, api_data):
    """No server error, no undocumented status, every response as the schema says.

    One check is left out: "schema-valid data accepted". A filter's values are the register's
    own slugs and choices (organisations, themes, years), an open set the schema types as
    text; a value the register does not know is refused with 400 by design, never ignored.
    """
    case.call_and_validate(
        headers={"X-Forwarded-Proto": "https", "Host": "localhost"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
