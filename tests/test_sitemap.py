"""/sitemap.xml and /robots.txt: every public page for crawlers, and nothing else."""

from urllib.parse import urlsplit

import pytest
from defusedxml import ElementTree

from forums.models import Topic, Visibility
from tests.events.factories import EventFactory, PartnersOnlyEventFactory, PublishedEventFactory
from tests.factories import (
    ForumFactory,
    ProjectFactory,
    PublishedProjectFactory,
    PublishedReviewFactory,
    ReviewFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client, path) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    # Absolute addresses on the host asked for (https behind the load balancer); compare paths.
    assert all(node.text.startswith("https://") for node in root.iterfind(".//s:loc", NS))
    return [urlsplit(node.text).path for node in root.iterfind(".//s:loc", NS)]


def test_the_index_lists_a_sitemap_per_register(client):
    found = locations(client, "/sitemap.xml")

    assert {"/sitemap-projects.xml", "/sitemap-reviews.xml", "/sitemap-topics.xml"} <= set(found)


def test_sitemaps_hold_public_entries_only(client):
    published = PublishedProjectFactory()
    draft = ProjectFactory()
    public_topic = TopicFactory(forum=ForumFactory(slug="open"))
    partners_topic = TopicFactory(forum=ForumFactory(slug="closed", visibility=Visibility.PARTNERS))
    hidden = TopicFactory(forum=public_topic.forum)
    Topic.objects.filter(pk=hidden.pk).update(is_hidden=True)
    PublishedReviewFactory(year=2025)
    ReviewFactory(year=2026)

    projects = locations(client, "/sitemap-projects.xml")
    topics = locations(client, "/sitemap-topics.xml")
    reviews = locations(client, "/sitemap-reviews.xml")

    assert projects == [published.get_absolute_url()]
    assert draft.get_absolute_url() not in " ".join(projects)
    assert topics == [public_topic.get_absolute_url()]
    assert partners_topic.get_absolute_url() not in " ".join(topics)
    assert reviews == ["/reviews/2025/"]


def test_the_events_sitemap_holds_published_public_events_only(client):
    public = PublishedEventFactory()
    partners_only = PartnersOnlyEventFactory()
    draft = EventFactory()

    events = locations(client, "/sitemap-events.xml")

    assert events == [public.get_absolute_url()]
    assert partners_only.get_absolute_url() not in events and draft.get_absolute_url() not in events
    assert "/sitemap-events.xml" in locations(client, "/sitemap.xml")
    assert "/events/" in locations(client, "/sitemap-pages.xml")


def test_an_unknown_section_or_page_is_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-projects.xml", {"p": "99"}).status_code == 404


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    # Search results are endless and personal links are not pages.
    assert {"Disallow: /search/", "Disallow: /alerts/", "Disallow: /reviewed/"} <= set(lines)
    sitemap = next(line for line in lines if line.startswith("Sitemap: "))
    assert sitemap.startswith("Sitemap: https://") and sitemap.endswith("/sitemap.xml")
