"""Public pages for cookieless visitors come from the shared cache, and a publish is seen
at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PublishedProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_a_second_visit_is_served_from_the_cache_with_its_headers(client):
    PublishedProjectFactory(title="Cached pilot")
    client.get("/projects/")
    client.cookies.clear()

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/projects/")

    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert "Cached pilot" in response.content.decode()
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=")
    assert response["X-Request-ID"]


def test_publishing_is_seen_at_once(client, django_capture_on_commit_callbacks):
    client.get("/projects/")
    client.cookies.clear()

    with django_capture_on_commit_callbacks(execute=True):
        PublishedProjectFactory(title="Just published")
    response = client.get("/projects/")

    assert "X-Page-Cache" not in response
    assert "Just published" in response.content.decode()


def test_signed_in_visitors_never_get_a_cached_page(client):
    PublishedProjectFactory()
    client.get("/projects/")
    client.force_login(UserFactory(first_name="Priya", last_name="Shah"))

    response = client.get("/projects/")

    assert "X-Page-Cache" not in response
    assert "Priya Shah" in response.content.decode()


def test_pages_that_set_a_cookie_are_not_kept(client):
    client.get("/accounts/login/")
    client.cookies.clear()

    assert "X-Page-Cache" not in client.get("/accounts/login/")


def test_errors_are_not_kept(client):
    client.get("/projects/no-such-project/")

    assert "X-Page-Cache" not in client.get("/projects/no-such-project/")


def test_feeds_are_kept_too(client):
    PublishedProjectFactory(title="Feed pilot")
    client.get("/projects/feed/")

    response = client.get("/projects/feed/")

    assert response["X-Page-Cache"] == "hit"
    assert "Feed pilot" in response.content.decode()


def test_a_csrf_cookie_alone_still_gets_the_cached_page(client, settings):
    PublishedProjectFactory()
    client.get("/projects/")
    client.cookies.clear()
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32

    assert client.get("/projects/")["X-Page-Cache"] == "hit"
