"""The shared page cache (registers.pagecache): pages kept per visibility class with holes for
the personal parts. Never stale after a change to the data, never another visitor's page."""

import pytest
from django.test import Client
from django.urls import reverse

import registers.pagecache
from forums.models import Visibility as ForumVisibility
from papers.models import Visibility as PaperVisibility
from projects.models import Project
from registers.models import PublicationStatus
from tests.factories import (
    ConsentingContactFactory,
    ForumFactory,
    MemberFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerOfficerFactory,
    PublishedContactFactory,
    PublishedProjectFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shared_pages(settings):
    settings.SHARED_PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def stored(monkeypatch):
    """Every page the shared cache keeps, as the bytes it keeps."""
    pages = []
    real = registers.pagecache.cache

    class Recording:
        def get(self, key, *args, **kwargs):
            return real.get(key, *args, **kwargs)

        def set(self, key, value, *args, **kwargs):
            pages.append(value[0])
            return real.set(key, value, *args, **kwargs)

    monkeypatch.setattr(registers.pagecache, "cache", Recording())
    return pages


def visitor(user=None):
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    if user is not None:
        client.force_login(user)
    return client


def page(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, path
    return response


def text(response) -> str:
    return response.content.decode()


# -- it is a cache ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/projects/", "PROJECT", "/search/?q=smart", "/", "/projects/feed/", "/eindex/"]
)
def test_the_second_visitor_of_a_class_is_served_from_the_cache(
    path, django_assert_max_num_queries
):
    project = PublishedProjectFactory(title="Smart card pilot")
    path = project.get_absolute_url() if path == "PROJECT" else path
    first = visitor().get(path)
    assert first["X-Shared-Page-Cache"] == "miss"

    with django_assert_max_num_queries(0):
        second = visitor().get(path)

    assert second["X-Shared-Page-Cache"] == "hit"
    assert text(second) == text(first)


def test_a_signed_in_partner_on_a_cached_page_costs_only_their_own_parts(
    django_assert_max_num_queries,
):
    page(visitor(PartnerOfficerFactory()), "/projects/")
    partner = visitor(PartnerOfficerFactory())

    partner.get("/healthz/live")  # the staff last-seen time is written once a minute at most

    with django_assert_max_num_queries(3):  # the session, the user, their membership (class)
        response = partner.get("/projects/")

    assert response["X-Shared-Page-Cache"] == "hit"


def test_the_order_of_parameters_and_tracking_tags_share_one_page():
    PublishedProjectFactory()
    page(visitor(), "/projects/?programme=pathfinder&status=active")

    again = visitor().get("/projects/?utm_source=mail&status=active&programme=pathfinder")

    assert again["X-Shared-Page-Cache"] == "hit"


def test_an_export_and_a_bad_filter_are_never_kept(stored):
    PublishedProjectFactory()

    visitor().get("/projects/?format=csv")
    bad = visitor().get("/projects/?format=xls")

    assert bad.status_code == 400
    assert stored == []


# -- never stale -------------------------------------------------------------------------------


def test_a_publish_edit_and_unpublish_show_at_once_everywhere(django_capture_on_commit_callbacks):
    project = PublishedProjectFactory(title="Newham contact centre", themes=["kiosks"])
    addresses = lambda: [  # noqa: E731
        "/",
        "/projects/",
        "/projects/?theme=kiosks",
        "/search/?q=contact+centre",
        project.get_absolute_url(),
    ]
    for who in (None, MemberFactory()):
        for address in addresses():
            page(visitor(who), address)  # every page cached, for both classes

    with django_capture_on_commit_callbacks(execute=True):
        project.title = "Newham one-stop shop and contact centre"
        project.save()
    for who in (None, MemberFactory()):
        for address in addresses():
            assert "one-stop shop" in text(page(visitor(who), address)), address

    with django_capture_on_commit_callbacks(execute=True):
        project.publication_status = PublicationStatus.DRAFT
        project.save()
    for who in (None, MemberFactory()):
        assert visitor(who).get(project.get_absolute_url()).status_code == 404
        for address in ["/", "/projects/", "/search/?q=contact+centre"]:
            assert "one-stop shop" not in text(page(visitor(who), address)), address


def test_a_delete_shows_at_once(django_capture_on_commit_callbacks):
    project = PublishedProjectFactory(title="Short-lived pilot")
    page(visitor(), "/projects/")

    with django_capture_on_commit_callbacks(execute=True):
        Project.objects.get(pk=project.pk).delete()

    assert "Short-lived pilot" not in text(page(visitor(), "/projects/"))


def test_registering_interest_shows_the_new_interest_and_the_message(
    client, staff_login, django_capture_on_commit_callbacks
):
    newham = OrganisationFactory(name="Test Newham Council")
    project = PublishedProjectFactory()
    page(visitor(), project.get_absolute_url())
    staff_login(PartnerOfficerFactory(organisation=newham))
    page(client, project.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("projects:interest", args=[project.slug]), {"action": "register"}, follow=True
        )

    body = text(response)
    assert "is now listed as interested" in body  # the message, in its hole
    assert "Withdraw Test Newham Council's interest" in body
    assert "Test Newham Council" in text(page(visitor(), project.get_absolute_url()))


# -- never leaked -------------------------------------------------------------------------------


def test_no_cached_page_holds_a_csrf_token_or_a_name(stored):
    project = PublishedProjectFactory(title="Smart card pilot")
    officer = PartnerOfficerFactory(first_name="Zebedee", last_name="Quuxworth")
    officer_client = visitor(officer)

    for address in ["/", "/projects/", project.get_absolute_url(), "/search/?q=smart"]:
        response = page(officer_client, address)
        assert "Zebedee Quuxworth" in text(response)  # the header's hole, filled
        assert "csrfmiddlewaretoken" in text(response)  # sign out, alert or interest form

    assert len(stored) == 4
    for body in stored:
        assert "csrfmiddlewaretoken" not in body
        assert "Zebedee" not in body and "Quuxworth" not in body
        assert "Register" not in body or "interest</button>" not in body


def test_each_partner_gets_their_own_organisations_interest_form():
    project = PublishedProjectFactory()
    first = OrganisationFactory(name="First Borough")
    second = OrganisationFactory(name="Second Borough")
    page(visitor(PartnerOfficerFactory(organisation=first)), project.get_absolute_url())

    response = page(visitor(PartnerOfficerFactory(organisation=second)), project.get_absolute_url())

    assert response["X-Shared-Page-Cache"] == "hit"
    assert "Register Second Borough's interest" in text(response)
    assert "First Borough" not in text(response)


def test_a_partners_view_of_a_contact_never_reaches_the_public():
    contact = PublishedContactFactory(email="private.person@newham.example.org")
    page(visitor(MemberFactory()), contact.get_absolute_url())
    assert "private.person" in text(page(visitor(MemberFactory()), contact.get_absolute_url()))

    for who in (None, UserFactory()):  # the public, and a signed-in account of no partner
        response = page(visitor(who), contact.get_absolute_url())
        assert "private.person" not in text(response)
        response = page(visitor(who), "/contacts/")
        assert "private.person" not in text(response)


def test_a_consented_detail_is_public():
    contact = ConsentingContactFactory()
    page(visitor(MemberFactory()), contact.get_absolute_url())

    local_part = contact.email.partition("@")[0]  # the page writes the address in two parts
    assert local_part in text(page(visitor(), contact.get_absolute_url()))


def test_a_partners_only_paper_is_downloadable_only_on_partners_pages():
    paper = PaperFactory(visibility=PaperVisibility.PARTNERS)
    partner_page = page(visitor(MemberFactory()), paper.get_absolute_url())
    assert "Download the paper" in text(partner_page)

    public_page = page(visitor(), paper.get_absolute_url())

    assert "Download the paper" not in text(public_page)
    assert "for partner organisations only" in text(public_page)


def test_a_partners_only_forum_never_reaches_the_publics_search():
    private = ForumFactory(visibility=ForumVisibility.PARTNERS)
    TopicFactory(forum=private, subject="Caldicott guardians meeting")
    assert "Caldicott" in text(page(visitor(MemberFactory()), "/search/", q="caldicott"))

    for who in (None, UserFactory()):
        assert "Caldicott guardians" not in text(page(visitor(who), "/search/", q="caldicott"))


# -- warm after a change --------------------------------------------------------------------


def test_a_change_warms_the_first_pages_for_the_first_visitor(
    settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    settings.WARM_PAGES_AFTER_CHANGE = True
    settings.ALLOWED_HOSTS = ["londonconnects.test"]  # SITE_URL's host, as in production
    project = PublishedProjectFactory(title="Before the change")

    with django_capture_on_commit_callbacks(execute=True):
        project.title = "After the change"
        project.save()

    first_visitor = Client(HTTP_HOST="londonconnects.test", HTTP_X_FORWARDED_PROTO="https")
    first_visitor.cookies["lc_other"] = "1"  # any cookie: the view's own path, not the page cache
    for path in ["/", "/projects/", "/funding/", "/papers/"]:
        with django_assert_max_num_queries(0):
            response = first_visitor.get(path)
        assert response["X-Shared-Page-Cache"] == "hit", path
    assert "After the change" in text(first_visitor.get("/projects/"))


def test_only_the_newest_change_is_warmed(settings):
    from registers.cache import VERSION_KEY
    from registers.tasks import warm_pages

    settings.ALLOWED_HOSTS = ["londonconnects.test"]
    registers.pagecache.cache.set(VERSION_KEY, 2, None)

    assert warm_pages.call(1) == "superseded"
    assert warm_pages.call(2) == "warmed"
    assert warm_pages.call(2) == "already warm"


def test_an_officers_public_page_never_loads_the_second_factor(client, staff_login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    PublishedProjectFactory()
    staff_login(PartnerOfficerFactory())
    page(client, "/projects/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/projects/")

    assert response["X-Shared-Page-Cache"] == "hit"
    assert not [q for q in queries.captured_queries if "otp_totp" in q["sql"]]
    assert client.get("/admin/").status_code == 200  # the admin still sees the device


# -- every register, both caches, both kinds of visitor ------------------------------------


def _link_section_url(link):
    return reverse("eindex:section", args=[link.section.slug])


REGISTER_PAGES = {
    # register: (factory, its list, its feed, its entry's own page or None)
    "projects": (PublishedProjectFactory, "/projects/", "/projects/feed/", True),
    "contacts": (PublishedContactFactory, "/contacts/", "/contacts/feed/", True),
    "funding": ("FundingSourceFactory", "/funding/", "/funding/feed/", True),
    "papers": (PaperFactory, "/papers/", "/papers/feed/", True),
    "eindex": ("LinkFactory", None, "/eindex/feed/", False),
}


@pytest.mark.parametrize("register", REGISTER_PAGES)
def test_each_change_is_seen_at_once_on_every_page_by_every_visitor(
    register, settings, django_capture_on_commit_callbacks
):
    import tests.factories

    settings.PAGE_CACHE_SECONDS = 300  # the anonymous page cache too
    factory, list_url, feed_url, has_page = REGISTER_PAGES[register]
    if isinstance(factory, str):
        factory = getattr(tests.factories, factory)
    with django_capture_on_commit_callbacks(execute=True):
        entry = factory(title="Zanzibar original wording")
    list_url = list_url or _link_section_url(entry)
    search_url = "/search/?q=zanzibar"
    visitors = {"cookieless": None, "signed in": MemberFactory()}

    def pages():
        found = [list_url, feed_url, search_url]
        return found + ([entry.get_absolute_url()] if has_page else [])

    def everywhere(words):
        for name, who in visitors.items():
            for address in pages():
                response = visitor(who).get(address)
                yield name, address, response.status_code, words in response.content.decode()

    assert all(shown for *_, shown in everywhere("Zanzibar original wording"))

    with django_capture_on_commit_callbacks(execute=True):
        entry.title = "Zanzibar corrected wording"
        entry.save()
    assert all(shown for *_, shown in everywhere("Zanzibar corrected wording"))

    for status in (PublicationStatus.ARCHIVED, PublicationStatus.DRAFT):
        with django_capture_on_commit_callbacks(execute=True):
            entry.publication_status = status
            entry.save()
        for name, address, code, shown in everywhere("Zanzibar corrected wording"):
            assert not shown, (status, name, address)
            if has_page and address == entry.get_absolute_url():
                assert code == 404

    with django_capture_on_commit_callbacks(execute=True):
        entry.publication_status = PublicationStatus.PUBLISHED
        entry.save()
    assert all(shown for *_, shown in everywhere("Zanzibar corrected wording"))
    with django_capture_on_commit_callbacks(execute=True):
        type(entry).objects.filter(pk=entry.pk).get().delete()
    for name, address, _code, shown in everywhere("Zanzibar corrected wording"):
        assert not shown, ("deleted", name, address)


def test_a_hidden_post_leaves_the_site_search_at_once(django_capture_on_commit_callbacks):
    from forums import services

    moderator = UserFactory(is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        topic = TopicFactory(forum=ForumFactory(), body="Zanzibar kiosks are a bad idea")
    post = topic.posts.get()
    found = {"q": "zanzibar", "register": "posts"}
    assert post.get_absolute_url() in text(page(visitor(), "/search/", **found))

    with django_capture_on_commit_callbacks(execute=True):
        services.moderate_post(post=post, moderator=moderator, kind="hide-post", reason="Abuse")

    assert post.get_absolute_url() not in text(page(visitor(), "/search/", **found))


def test_a_broken_link_found_by_check_links_shows_at_once(
    monkeypatch, django_capture_on_commit_callbacks
):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    import registers.management.commands.check_links as check_links
    from registers.linkcheck import Outcome
    from tests.factories import ProjectLinkFactory

    project = PublishedProjectFactory()
    link = ProjectLinkFactory(project=project, url="https://gone.example.org/")
    assert "Possibly out of date" not in text(page(visitor(), project.get_absolute_url()))
    # Failing for a month already, as the checker recorded on earlier days.
    type(link).objects.filter(pk=link.pk).update(
        failing_since=timezone.now() - datetime.timedelta(days=30), last_status=404
    )
    monkeypatch.setattr(
        check_links,
        "check_addresses",
        lambda holders, **options: [Outcome(address, status=404) for address in holders],
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_links", stdout=__import__("io").StringIO())

    assert "Possibly out of date" in text(page(visitor(), project.get_absolute_url()))


def test_a_page_marked_for_one_visitor_is_never_kept(rf, stored):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from registers.pagecache import shared_page

    @shared_page
    def personal_view(request):
        response = HttpResponse("<p>Only yours</p>")
        response["Cache-Control"] = "private, no-store"
        return response

    request = rf.get("/anything/", HTTP_X_FORWARDED_PROTO="https")
    request.user = AnonymousUser()

    assert personal_view(request).content == b"<p>Only yours</p>"
    assert stored == []
