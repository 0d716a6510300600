"""/open-data/: what can be downloaded, with which fields, under which licence."""

import re

import pytest

from projects.models import Programme
from tests.events.factories import PartnersOnlyEventFactory, PublishedEventFactory, london
from tests.factories import LinkFactory, PublishedProjectFactory, PublishedReviewFactory
from tests.pages import body

pytestmark = pytest.mark.django_db


def test_the_page_documents_every_download_and_each_one_works(client):
    PublishedProjectFactory()
    LinkFactory()
    PublishedReviewFactory(year=2025)

    page = body(client.get("/open-data/"))

    assert 'href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"' in (
        page
    )
    downloads = re.findall(r'href="([^"]+(?:\?format=(?:csv|json)|data\.csv|feed/))"', page)
    assert "/projects/?format=csv" in downloads
    assert "/contacts/?format=json" in downloads
    assert "/reviews/2025/data.csv" in downloads
    assert len(downloads) >= 4 * 3 + 4 * 2 + 1
    for path in downloads:
        assert client.get(path).status_code == 200, path
    # The fields are the exports' own columns.
    assert "<code>programme</code>" in page
    assert "<code>job_title</code>" in page
    assert "<code>possibly_out_of_date</code>" in page


def test_events_are_downloaded_upcoming_and_past_and_never_partners_only(client):
    PublishedEventFactory(title="Coming workshop")
    PublishedEventFactory(title="Held workshop", starts_at=london(2025, 6, 3))
    PartnersOnlyEventFactory(title="Partners' briefing")

    page = body(client.get("/open-data/"))

    assert '<a class="govuk-link" href="/events/?format=csv">Upcoming events as CSV</a>' in page
    assert (
        '<a class="govuk-link" href="/events/?when=past&amp;format=json">Past events as JSON</a>'
        in page
    )
    assert 'href="/events/feed/"' in page
    assert "<code>number_attended</code>" in page
    upcoming = body(client.get("/events/?format=csv"))
    past = body(client.get("/events/?when=past&format=csv"))
    assert "Coming workshop" in upcoming and "Held workshop" not in upcoming
    assert "Held workshop" in past and "Coming workshop" not in past
    assert "Partners' briefing" not in upcoming + past
    assert "Partners' briefing" not in body(client.get("/events/feed/"))


def test_the_api_docs_and_open_data_list_every_register(client):
    from api.registers import REGISTERS

    docs = body(client.get("/api/"))
    open_data = body(client.get("/open-data/"))

    for register in REGISTERS:
        assert f"/api/{register.name}/" in docs
    for path in ("/projects/", "/products/", "/events/", "/contacts/", "/funding/", "/papers/"):
        assert f'href="{path}?' in open_data, path
        assert f'href="{path}feed/"' in open_data, path


def test_a_list_feed_takes_the_list_filters(client):
    PublishedProjectFactory(title="A pathfinder", programme=Programme.PATHFINDER)
    PublishedProjectFactory(title="A local one", programme=Programme.LOCAL)

    feed = body(client.get("/projects/feed/", {"programme": "pathfinder"}))

    assert "A pathfinder" in feed
    assert "A local one" not in feed


def test_the_open_data_page_points_to_the_api_and_its_schema(client):
    html = body(client.get("/open-data/"))

    assert 'href="/api/"' in html
    assert 'href="/api/openapi.json"' in html
