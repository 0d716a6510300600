"""Every public page answers 200 with exactly one <h1>: each URL without arguments, and one of
each page that takes one. A new page must be added to DETAIL_PAGES (or NOT_PAGES) here."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from alerts.models import SavedSearch
from alerts.services import stop_token
from api.registers import REGISTERS as API_REGISTER_LIST
from jointwork.tables import TABLES as JOINT_WORK_TABLES
from registers.freshness import review_token
from tests.events.factories import PublishedEventFactory
from tests.factories import (
    ConsentingContactFactory,
    FundingSourceFactory,
    GroupFactory,
    LinkFactory,
    OrganisationFactory,
    PaperFactory,
    PublishedProjectFactory,
    PublishedReviewFactory,
    TopicFactory,
    UserFactory,
)
from tests.products.factories import PublishedProductFactory

pytestmark = pytest.mark.django_db

# URL name -> how to make one object and the kwargs of its page.
DETAIL_PAGES = {
    "alerts:stop": lambda: {"token": stop_token(SavedSearch.objects.create(user=UserFactory()))},
    "entry_reviewed": lambda: {"token": review_token(PublishedProjectFactory())},
    "projects:detail": lambda: {"slug": PublishedProjectFactory().slug},
    "products:detail": lambda: {"slug": PublishedProductFactory().slug},
    "events:detail": lambda: {"slug": PublishedEventFactory().slug},
    "contacts:detail": lambda: {"slug": ConsentingContactFactory().slug},
    "partners:organisation": lambda: {"slug": OrganisationFactory().slug},
    "partners:group": lambda: {"slug": GroupFactory(members=[OrganisationFactory()]).slug},
    "eindex:section": lambda: {"slug": LinkFactory().section.slug},
    "funding:detail": lambda: {"slug": FundingSourceFactory().slug},
    "papers:detail": lambda: {"slug": PaperFactory().slug},
    "forums:forum": lambda: {"slug": TopicFactory().forum.slug},
    "forums:topic": lambda: (lambda t: {"slug": t.forum.slug, "topic_id": t.pk})(TopicFactory()),
    "reviews:detail": lambda: {"year": PublishedReviewFactory().year},
}
# Not HTML pages for a GET: POST-only actions, feeds, and links that arrive by e-mail.
API_REGISTERS = [register.name for register in API_REGISTER_LIST]
NOT_PAGES = {
    "alerts:delete",  # POST only
    "mypage:still_correct",  # POST only
    "logout",
    "projects:interest",
    "projects:feed",
    "products:take_up",  # POST only
    "products:feed",
    "events:feed",
    "contacts:feed",
    "eindex:feed",
    "funding:feed",
    "funding:deadlines",
    "events:book",  # POST only
    "events:cancel",  # POST only
    "events:calendar",  # iCalendar files: tests/events/test_calendar.py
    "events:event_calendar",
    "papers:feed",
    "papers:download",
    "reviews:pdf",
    "reviews:data",
    # Forum actions: POST-only, or pages for signed-in members (tests/forums cover them).
    "forums:reply",
    "forums:new_topic",
    "forums:edit_post",
    "forums:delete_post",
    "forums:report_post",
    "forums:moderate_post",
    "forums:moderate_topic",
    "forums:record_decision",
    "forums:resolve_report",
    "forums:moderation",
    "forums:watch_topic",
    "forums:watch_forum",
    "forums:unsubscribe",
    "forums:forum_feed",
    "forums:topic_feed",
    # Consultations: opened by moderators and the steering group, answered by POST, the
    # results as CSV (tests/forums/test_consultations.py covers them).
    "forums:new_consultation",
    "forums:answer",
    "forums:consultation_results",
    "contacts:vcard",
    "contacts:email",
    "password_reset_confirm",
    "healthz",
    "live",
    "metrics",  # for a scraper with its token, a 404 to anyone else: tests/test_metrics.py
    # JSON for programs, not pages: tests/api/test_api.py checks every one against its schema.
    "api:openapi-json",
    *(f"api:{verb}_{name}" for verb in ("list", "get") for name in API_REGISTERS),
    *(f"api:joint_work_{name}" for name in JOINT_WORK_TABLES),
    # For crawlers, not people: tests/test_sitemap.py.
    "robots",
    "sitemap",
    "django.contrib.sitemaps.views.sitemap",
}


# Pages for signed-in staff; crawled signed in.
SIGNED_IN_PAGES = {
    "alerts:list",
    "accounts:two_factor",
    "password_change",
    "password_change_done",
    "forums:mail_settings",
    "mypage:page",
}


def site_url_names(patterns=None, namespace=""):
    """(name, takes arguments) for every named URL outside the admin."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from site_url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (
                f"{namespace}{entry.name}",
                bool(entry.pattern.converters or entry.pattern.regex.groups),
            )


def h1_count(response):
    return len(re.findall(r"<h1[\s>]", response.content.decode()))


def test_every_page_is_covered_by_this_crawl():
    with_arguments = {name for name, takes in site_url_names() if takes} - NOT_PAGES

    assert with_arguments == set(DETAIL_PAGES)


@pytest.mark.parametrize(
    "name", sorted(name for name, takes in site_url_names() if not takes and name not in NOT_PAGES)
)
def test_pages_without_arguments(client, name):
    PublishedProjectFactory()
    if name in SIGNED_IN_PAGES:
        client.force_login(UserFactory(is_staff=True))

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert h1_count(response) == 1


@pytest.mark.parametrize("name", sorted(DETAIL_PAGES))
def test_one_of_each_detail_page(client, name):
    response = client.get(reverse(name, kwargs=DETAIL_PAGES[name]()))

    assert response.status_code == 200
    assert h1_count(response) == 1


@pytest.mark.parametrize(
    "path", ["/no-such-page/", "/projects/no-such-project/", "/eindex/no-such-section/"]
)
def test_not_found_page_has_one_h1(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert h1_count(response) == 1
