"""The admin's "view on site" shortcut (/admin/r/<content type>/<id>/) redirects only to
pages the signed-in account may see: it must not reveal a draft's address, whose slug is its
title, to staff who may not see the draft."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from forums.models import Post, Topic
from registers.models import PublicationStatus
from tests.factories import (
    ContactFactory,
    EditorFactory,
    FundingSourceFactory,
    LinkFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerOfficerFactory,
    ProjectFactory,
    PublishedContactFactory,
    PublishedProjectFactory,
    PublishedReviewFactory,
    ReviewFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT
SECRET = "Secret merger plan"


def hidden_post():
    post = TopicFactory().posts.get()
    Post.objects.filter(pk=post.pk).update(is_hidden=True)
    return post


def post_in_hidden_topic():
    topic = TopicFactory(subject=SECRET, is_hidden=True)
    return topic.posts.get()


# Another organisation's entries, or entries no reader of the site may see.
UNSEEN = {
    "draft project": lambda: ProjectFactory(title=SECRET),
    "draft contact": lambda: ContactFactory(title=SECRET),
    "draft fund": lambda: FundingSourceFactory(title=SECRET, publication_status=DRAFT),
    "draft paper": lambda: PaperFactory(title=SECRET, publication_status=DRAFT),
    "draft e-index link": lambda: LinkFactory(title=SECRET, publication_status=DRAFT),
    "hidden forum topic": lambda: TopicFactory(subject=SECRET, is_hidden=True),
    "hidden forum post": hidden_post,
    "post in a hidden topic": post_in_hidden_topic,
    "unpublished review": lambda: ReviewFactory(title=SECRET),
}

# What everyone may read on the site.
PUBLIC = {
    "published project": lambda: PublishedProjectFactory(title=SECRET),
    "published contact": lambda: PublishedContactFactory(title=SECRET),
    "published fund": lambda: FundingSourceFactory(title=SECRET),
    "published paper": lambda: PaperFactory(title=SECRET),
    "published e-index link": lambda: LinkFactory(title=SECRET),
    "forum topic": lambda: TopicFactory(subject=SECRET),
    "forum post": lambda: TopicFactory(subject=SECRET).posts.get(),
    "published review": lambda: PublishedReviewFactory(title=SECRET),
}


def view_on_site(entry) -> str:
    content_type = ContentType.objects.get_for_model(entry)
    return reverse("admin:view_on_site", args=[content_type.pk, entry.pk])


@pytest.fixture
def officer(staff_login):
    return staff_login(PartnerOfficerFactory(organisation=OrganisationFactory()))


@pytest.mark.parametrize("make", UNSEEN.values(), ids=UNSEEN.keys())
def test_an_officer_is_not_sent_to_what_they_may_not_see(client, officer, make):
    entry = make()

    response = client.get(view_on_site(entry))

    assert response.status_code == 404  # as for an entry that does not exist
    assert "Location" not in response
    assert "secret" not in response.content.decode().lower()


@pytest.mark.parametrize("make", PUBLIC.values(), ids=PUBLIC.keys())
def test_an_officer_is_sent_to_what_the_public_sees(client, officer, make):
    entry = make()

    response = client.get(view_on_site(entry))

    assert response.status_code == 302
    assert response["Location"].endswith(entry.get_absolute_url())


@pytest.mark.parametrize(
    "make",
    [
        lambda organisation: ProjectFactory(lead_organisation=organisation),
        lambda organisation: ContactFactory(organisation=organisation),
        lambda organisation: FundingSourceFactory(owner=organisation, publication_status=DRAFT),
        lambda organisation: PaperFactory(organisation=organisation, publication_status=DRAFT),
    ],
    ids=["project", "contact", "fund", "paper"],
)
def test_an_officer_may_view_their_own_organisations_draft(client, officer, make):
    entry = make(officer.membership.organisation)

    response = client.get(view_on_site(entry))

    assert response.status_code == 302
    assert response["Location"].endswith(entry.get_absolute_url())


@pytest.mark.parametrize(
    "make",
    [UNSEEN["draft project"], UNSEEN["draft e-index link"], UNSEEN["unpublished review"]],
    ids=["project", "e-index link", "review"],
)
def test_an_editor_may_view_any_draft(client, staff_login, make):
    staff_login(EditorFactory())
    entry = make()

    response = client.get(view_on_site(entry))

    assert response.status_code == 302
    assert response["Location"].endswith(entry.get_absolute_url())


def test_the_admin_change_page_links_to_the_shortcut(client, officer):
    # A published one: a draft's "View on site" is its preview (tests/registers/test_preview.py).
    project = PublishedProjectFactory(lead_organisation=officer.membership.organisation)

    page = client.get(reverse("admin:projects_project_change", args=[project.pk]))

    assert view_on_site(project) in page.content.decode()


@pytest.mark.parametrize(
    "address",
    [
        "/admin/r/999999/1/",
        lambda: f"/admin/r/{ContentType.objects.get_for_model(Topic).pk}/not-a-number/",
        lambda: f"/admin/r/{ContentType.objects.get_for_model(Topic).pk}/999999/",
    ],
    ids=["unknown type", "malformed id", "unknown id"],
)
def test_a_wrong_address_is_404(client, officer, address):
    response = client.get(address() if callable(address) else address)

    assert response.status_code == 404


def test_a_visitor_is_asked_to_sign_in(client):
    entry = ProjectFactory(title=SECRET)

    response = client.get(view_on_site(entry))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
