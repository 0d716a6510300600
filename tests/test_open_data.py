"""/open-data/: what can be downloaded, with which fields, under which licence."""

import re

import pytest

from projects.models import Programme
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
