"""The home page: what is new in every register, in a fixed number of queries."""

import pytest
from django.core.cache import cache

from forums.models import Topic, Visibility
from tests.factories import (
    ForumFactory,
    PaperFactory,
    ProjectFactory,
    PublishedProjectFactory,
    PublishedReviewFactory,
    TopicFactory,
)
from tests.pages import body, query_count

pytestmark = pytest.mark.django_db


def test_home_shows_the_newest_of_each_register_the_public_may_see(client):
    PublishedProjectFactory(title="A published project")
    ProjectFactory(title="A draft project")
    PaperFactory(title="A new paper")
    PaperFactory(title="A draft paper", publication_status="draft")
    TopicFactory(forum=ForumFactory(slug="open"), subject="An open discussion")
    TopicFactory(
        forum=ForumFactory(slug="closed", visibility=Visibility.PARTNERS), subject="A closed one"
    )
    hidden = TopicFactory(forum=Topic.objects.get(subject="An open discussion").forum)
    Topic.objects.filter(pk=hidden.pk).update(is_hidden=True, subject="A hidden one")
    PublishedReviewFactory(year=2025, title="E-activity in London, 2025")

    page = body(client.get("/"))

    for shown in ("A published project", "A new paper", "An open discussion"):
        assert shown in page
    for hidden_text in ("A draft project", "A draft paper", "A closed one", "A hidden one"):
        assert hidden_text not in page
    assert 'href="/reviews/2025/">E-activity in London, 2025</a>' in page
    counts = {noun: count for noun, count, _url in client.get("/").context["counts"]}
    assert counts["projects"] == 1
    assert counts["papers"] == 1
    assert counts["forum topics"] == 1


def test_home_costs_the_same_few_queries_however_much_is_new(client):
    PublishedProjectFactory()
    PaperFactory()
    TopicFactory()
    cache.clear()  # as after a publish: the register totals are counted again
    few = query_count(client, "/")

    for _ in range(6):
        PublishedProjectFactory()
        PaperFactory()
        TopicFactory()
    PublishedReviewFactory(year=2025)
    cache.clear()
    many = query_count(client, "/")

    assert many == few
    assert many <= 16
