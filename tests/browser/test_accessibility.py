"""WCAG 2.2 A/AA (axe-core), no CSP violations, and reflow at 320 px on every page type.

To put a new page under these gates, add one line to PAGES (or ADMIN_PAGES)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eindex.models import Section
from partners.models import Sector, SubRegion
from projects.models import Programme
from registers.freshness import review_token
from scheduler.models import JobRun
from tests.browser.conftest import check_each
from tests.factories import (
    ConsentingContactFactory,
    EditorFactory,
    ForumFactory,
    FundingSourceFactory,
    GroupFactory,
    LinkFactory,
    MemberFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerOfficerFactory,
    ProjectInterestFactory,
    ProjectLinkFactory,
    PublishedContactFactory,
    PublishedProjectFactory,
    SubCategoryFactory,
    TopicFactory,
)

# The live server sees only committed data; serialized rollback keeps the reference data
# (sub-regions, sectors, roles) that the data migrations load.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def register():
    """Enough of a register for every page type: facets, two pages of results, relations."""
    east = SubRegion.objects.get(slug="east")
    newham = OrganisationFactory(name="Test Newham", slug="test-newham", sub_region=east)
    partner = OrganisationFactory(name="Test Hackney", slug="test-hackney", sub_region=east)
    # In a sub-region, so that its page sets its members' sectors against East's projects': the
    # police partner of one project is a gap, with who could fill it.
    group = GroupFactory(name="Thames Test Partnership", sub_region=east, members=[newham, partner])
    police = OrganisationFactory(
        name="Test Police", slug="test-police", sector=Sector.objects.get(slug="police")
    )
    projects = []
    for number in range(30):
        projects.append(
            PublishedProjectFactory(
                title=f"Smart card pilot {number}"
                if number % 3 == 0
                else f"Joined-up service {number}",
                programme=[Programme.PATHFINDER, Programme.LOCAL, Programme.EC_FUNDED][number % 3],
                lead_organisation=newham if number % 2 else partner,
                partners=[partner] if number % 2 else [police] if number == 0 else [],
                regions=[east],
                themes=["smart cards", "social inclusion"][: 1 + number % 2],
                start_date=datetime.date(2001, 1, 1) + datetime.timedelta(days=30 * number),
                budget=250000 if number % 4 == 0 else None,
            )
        )
    featured = projects[1]
    long_ago = timezone.now() - datetime.timedelta(days=60)
    ProjectLinkFactory(project=featured, label="Pilot web site")
    ProjectLinkFactory(project=featured, label="Old evaluation", failing_since=long_ago)
    ProjectInterestFactory(project=featured, organisation=OrganisationFactory(name="Test Ealing"))
    contact = ConsentingContactFactory(
        title="Olu Open", organisation=newham, in_groups=[group], themes=["smart cards"]
    )
    PublishedContactFactory(title="Priya Private", organisation=partner)
    research = Section.objects.get(slug="surveys-and-research")
    statistics = SubCategoryFactory(section=research, name="Statistics", slug="statistics")
    for number in range(30):
        link = LinkFactory(
            section=research,
            title=f"Household survey {number}",
            sub_category=statistics if number % 2 else None,
            themes=["social inclusion", "smart cards"][: 1 + number % 2],
            failing_since=long_ago if number == 1 else None,
        )
    today = timezone.localdate()
    for number, closes_in in enumerate([-5, 3, 20, 45, 90, None]):
        fund = FundingSourceFactory(
            title=f"E-government fund {number}",
            owner=newham,
            amount_min=10000,
            amount_max=250000 * (number + 1),
            closes_on=None if closes_in is None else today + datetime.timedelta(days=closes_in),
            themes=["smart cards"],
        )
    featured.funding_sources.add(fund)
    for number in range(4):
        paper = PaperFactory(
            title=f"Smart card pilot paper {number}",
            organisation=newham,
            group=group if number % 2 else None,
            kind=["strategy", "minutes", "research", "guidance"][number],
            visibility="partners" if number == 1 else "public",
            themes=["smart cards"],
        )
        if number == 1:
            private_paper = paper
    # Names and descriptions as long as the demo forums' (the forums table must reflow too).
    forum = ForumFactory(
        name="Joint procurement",
        description="Buying once for many: frameworks, consortia and shared contracts.",
    )
    topic = TopicFactory(
        forum=forum, subject="Smart card framework: who wants in?", body="Which **standard**?"
    )
    # A product of the featured project (held in the papers library), taken up, evaluated and
    # declined; and a software product on its own.
    from tests.products.factories import PublishedProductFactory, TakeUpFactory

    product = PublishedProductFactory(
        title="Smart card interoperability specification",
        project=featured,
        paper=paper,
        licence="Open Government Licence v3.0",
    )
    for status, name in [("adopted", "Test Lambeth"), ("evaluating", "Test Camden")]:
        TakeUpFactory(product=product, status=status, organisation=OrganisationFactory(name=name))
    TakeUpFactory(
        product=product,
        status="declined",
        organisation=police,
        note="We use the national police card standard instead.",
    )
    PublishedProductFactory(
        title="Smart card reader software", kind="software", project=projects[3]
    )
    # Events: upcoming ones (one online, one for partners only) and a past one with its papers
    # and attendance, all organised by Newham so that its officer edits them.
    from tests.events.factories import PartnersOnlyEventFactory, PublishedEventFactory

    soon = today + datetime.timedelta(days=10)
    event = PublishedEventFactory(
        title="Smart card interoperability workshop",
        organiser=newham,
        group=group,
        themes=["smart cards"],
        regions=[east],
        capacity=40,
        starts_at=datetime.datetime.combine(
            soon, datetime.time(10), timezone.get_current_timezone()
        ),
        ends_at=datetime.datetime.combine(soon, datetime.time(16), timezone.get_current_timezone()),
    )
    PublishedEventFactory(
        title="Social inclusion webinar", kind="webinar", online=True, venue="", address=""
    )
    PartnersOnlyEventFactory(title="Partners' procurement briefing", organiser=newham)
    past_event = PublishedEventFactory(
        title="London e-Government Conference 2025",
        kind="conference",
        organiser=newham,
        starts_at=datetime.datetime(2025, 6, 10, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 6, 10, 16, tzinfo=datetime.UTC),
        attended=212,
        with_papers=[paper, private_paper],
    )
    return {
        "event": event,
        "past event": past_event,
        "product": product,
        "topic": topic,
        "paper": paper,
        "private paper": private_paper,
        "fund": fund,
        "newham": newham,
        "group": group,
        "project": featured,
        "contact": contact,
        "section": research,
        "link": link,
    }


PAGES = {
    "home": lambda data: "/",
    "site search": lambda data: "/search/?q=smart+card",
    "API documentation": lambda data: "/api/",
    "review reminder link": lambda data: reverse(
        "entry_reviewed", args=[review_token(data["project"])]
    ),
    "site search, one register": lambda data: "/search/?q=smart&register=projects",
    "site search, nothing found": lambda data: "/search/?q=nothing-matches-this",
    "site search, did you mean": lambda data: "/search/?q=smart+crads",
    "project list": lambda data: "/projects/",
    "project list, filtered": lambda data: "/projects/?programme=pathfinder&sub_region=east",
    "project list, searched": lambda data: "/projects/?q=smart+card",
    "project list, page 2": lambda data: "/projects/?page=2",
    "project list, empty": lambda data: "/projects/?q=nothing-matches-this",
    "project list, did you mean": lambda data: "/projects/?q=smart+crads",
    "project list, malformed filter": lambda data: "/projects/?programme=bogus&sort=random",
    "project detail": lambda data: data["project"].get_absolute_url(),
    "products": lambda data: "/products/",
    "products, filtered": lambda data: (
        "/products/?type=specification&adopter_sector=local-authority&taken_up_by=1"
    ),
    "products, malformed filter": lambda data: "/products/?taken_up_by=2&listed_in=soon",
    "product": lambda data: data["product"].get_absolute_url(),
    "events": lambda data: "/events/",
    "events, past": lambda data: "/events/?when=past",
    "events, filtered": lambda data: (
        f"/events/?kind=workshop&sub_region=east&theme=smart-cards"
        f"&month={timezone.localtime(data['event'].starts_at):%Y-%m}"
    ),
    "event": lambda data: data["event"].get_absolute_url(),
    "event, over, with papers": lambda data: data["past event"].get_absolute_url(),
    "contact list": lambda data: "/contacts/",
    "contact list, filtered": lambda data: "/contacts/?sector=local-authority",
    "contact detail": lambda data: data["contact"].get_absolute_url(),
    "e-index": lambda data: "/eindex/",
    "e-index section": lambda data: data["section"].get_absolute_url(),
    "e-index section, filtered": lambda data: (
        f"{data['section'].get_absolute_url()}?sub_category=statistics&theme=smart-cards"
    ),
    "e-index section, malformed filter": lambda data: (
        f"{data['section'].get_absolute_url()}?sub_category=bogus"
    ),
    "funding": lambda data: "/funding/",
    "funding, filtered": lambda data: "/funding/?status=closing-soon&amount_from=100000",
    "funding, malformed amount": lambda data: "/funding/?amount_from=lots&amount_to=-1",
    "funding source": lambda data: data["fund"].get_absolute_url(),
    "papers": lambda data: "/papers/",
    "papers, filtered": lambda data: "/papers/?kind=minutes&theme=smart-cards",
    "papers, malformed filter": lambda data: "/papers/?year=never",
    "paper": lambda data: data["paper"].get_absolute_url(),
    "paper, partners only": lambda data: data["private paper"].get_absolute_url(),
    "forums": lambda data: "/forums/",
    "forum": lambda data: data["topic"].forum.get_absolute_url(),
    "forum topic": lambda data: data["topic"].get_absolute_url(),
    "organisations": lambda data: "/organisations/",
    "organisations, one sub-region": lambda data: "/organisations/?sub_region=east",
    "organisations, by sector and year": lambda data: (
        "/organisations/?sector=local-authority&active_in=2001"
    ),
    "organisations, malformed year": lambda data: "/organisations/?active_in=soon",
    "project list, by year and partnership": lambda data: (
        "/projects/?active_in=2001&partnership=single-sector"
    ),
    "project list, malformed year": lambda data: "/projects/?started_in=19",
    "organisation": lambda data: data["newham"].get_absolute_url(),
    "groups": lambda data: "/groups/",
    "group": lambda data: data["group"].get_absolute_url(),
    "joint work": lambda data: "/joint-work/",
    "joint work, one theme": lambda data: "/joint-work/?theme=smart-cards&sub_region=east",
    "joint work, malformed filter": lambda data: "/joint-work/?status=bogus&active_in=soon",
    "sign in": lambda data: "/accounts/login/",
    "password reset": lambda data: "/accounts/password_reset/",
    "accessibility statement": lambda data: "/accessibility/",
    "open data": lambda data: "/open-data/",
}
NOT_FOUND = {"not found": "/projects/no-such-project/"}
ADMIN_PAGES = {
    "admin index": lambda data: "/admin/",
    "admin project list": lambda data: "/admin/projects/project/",
    "admin project change form": lambda data: (
        f"/admin/projects/project/{data['project'].pk}/change/"
    ),
    "admin project add form": lambda data: "/admin/projects/project/add/",
    "admin project history": lambda data: f"/admin/projects/project/{data['project'].pk}/history/",
    "admin project version": lambda data: (
        f"/admin/projects/project/{data['project'].pk}/history/"
        f"{data['project'].history.earliest('history_date').history_id}/"
    ),
    "admin deleted projects": lambda data: "/admin/projects/project/deleted/",
    "admin product list": lambda data: "/admin/products/product/",
    "admin product change form": lambda data: (
        f"/admin/products/product/{data['product'].pk}/change/"
    ),
    "admin event list": lambda data: "/admin/events/event/",
    "admin event change form": lambda data: f"/admin/events/event/{data['event'].pk}/change/",
    "admin event add form": lambda data: "/admin/events/event/add/",
    "admin contact list": lambda data: "/admin/contacts/contact/",
    "admin contact change form": lambda data: (
        f"/admin/contacts/contact/{data['contact'].pk}/change/"
    ),
    "two-factor enrolment": lambda data: "/accounts/two-factor/",
    "admin funding list": lambda data: "/admin/funding/fundingsource/",
    "admin paper list": lambda data: "/admin/papers/paper/",
    "admin paper change form": lambda data: f"/admin/papers/paper/{data['paper'].pk}/change/",
    "admin paper add form": lambda data: "/admin/papers/paper/add/",
    "admin funding change form": lambda data: (
        f"/admin/funding/fundingsource/{data['fund'].pk}/change/"
    ),
}
EDITOR_ADMIN_PAGES = {
    "admin e-index list, broken links": lambda data: "/admin/eindex/link/?broken=yes",
    "admin e-index change form": lambda data: f"/admin/eindex/link/{data['link'].pk}/change/",
    "admin e-index add form": lambda data: "/admin/eindex/link/add/",
    "admin e-index section": lambda data: f"/admin/eindex/section/{data['section'].pk}/change/",
    "admin job runs": lambda data: "/admin/scheduler/jobrun/",
    "admin job run, failed": lambda data: f"/admin/scheduler/jobrun/{data['job run'].pk}/change/",
}


def accessible(tab, path, label):
    def check():
        tab.go(path)
        tab.assert_accessible(label)

    return check


def test_public_pages_are_accessible(visit, register):
    tab = visit()
    check_each((label, accessible(tab, page(register), label)) for label, page in PAGES.items())


def test_not_found_page_is_accessible(visit, register):
    tab = visit()
    tab.go(NOT_FOUND["not found"], expect_status=404)

    tab.assert_accessible("not found")


def test_events_with_a_malformed_month_are_accessible_and_reflow(visit, register):
    # A filter the events list cannot use answers 400, with the error summary and the list.
    path = "/events/?month=2026-13&kind=workshop"
    tab = visit()
    tab.go(path, expect_status=400)
    tab.assert_accessible("events, malformed month")
    narrow = visit(width=320, height=800)
    narrow.go(path, expect_status=400)
    overflow = narrow.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"scrolls sideways by {overflow}px at 320px wide"


def test_events_as_a_partner_sees_them_are_accessible(visit, register):
    # With the audience facet, and a partners-only event's page.
    tab = visit(user=MemberFactory(organisation=register["newham"]))
    partners_only = "/events/?audience=partners"
    check_each(
        [
            ("events, partners only", accessible(tab, partners_only, "events, partners only")),
            (
                "partners-only event",
                accessible(
                    tab,
                    "/events/partners-procurement-briefing/",
                    "partners-only event",
                ),
            ),
        ]
    )


def test_sign_in_form_with_errors_is_accessible(visit, register):
    tab = visit()
    page = tab.go("/accounts/login/")
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong password")
    page.click("button[type=submit]")

    assert page.locator(".govuk-error-summary").is_visible()
    tab.assert_accessible("sign in with errors")


def test_admin_pages_partner_officers_use_are_accessible(visit, register):
    officer = PartnerOfficerFactory(organisation=register["project"].lead_organisation)
    tab = visit(user=officer)
    check_each(
        (label, accessible(tab, page(register), label)) for label, page in ADMIN_PAGES.items()
    )


def test_my_page_is_accessible_and_reflows(visit, register):
    """/my/ with something in every section: entries due for review, new interest, a watched
    topic with an unread post, an alert; and for an account of no organisation."""
    from alerts.models import SavedSearch
    from forums import notifications
    from projects.models import Project
    from tests.factories import UserFactory
    from tests.products.factories import PublishedProductFactory, TakeUpFactory

    newham = register["newham"]
    long_ago = timezone.localdate() - datetime.timedelta(days=500)
    Project.objects.filter(lead_organisation=newham).update(last_reviewed_on=long_ago)
    officer = PartnerOfficerFactory(organisation=newham)
    notifications.watch(officer, topic=register["topic"])
    SavedSearch.objects.create(user=officer, register="projects", query="sub_region=east")
    ProjectInterestFactory(
        project=register["project"], organisation=OrganisationFactory(name="Test Hounslow")
    )
    TakeUpFactory(
        product=PublishedProductFactory(project=register["project"]),
        organisation=OrganisationFactory(name="Test Brent"),
    )
    wide, narrow = visit(user=officer), visit(user=officer, width=320, height=800)
    nobody = visit(user=UserFactory())
    check_each(
        [
            ("my page", accessible(wide, "/my/", "my page")),
            ("my page at 320px", reflows(narrow, "/my/")),
            ("my page, no organisation", accessible(nobody, "/my/", "my page, no organisation")),
        ]
    )


MODERATOR_PAGES = {
    "forum topic, as a moderator": lambda data: data["topic"].get_absolute_url(),
    "forum moderation": lambda data: "/forums/moderation/",
    "forum mail settings": lambda data: "/forums/settings/",
}


def test_pages_moderators_use_are_accessible(visit, register):
    from django.contrib.auth.models import Group as Role

    from forums import services
    from partners.roles import MODERATOR
    from tests.factories import MemberFactory

    moderator = MemberFactory()
    moderator.groups.add(Role.objects.get(name=MODERATOR))
    post = register["topic"].posts.get()
    services.report_post(post=post, reporter=MemberFactory(), reason="Check this")
    services.moderate_topic(
        topic=register["topic"], moderator=moderator, kind="pin", reason="Important"
    )
    tab = visit(user=moderator)
    check_each(
        (label, accessible(tab, page(register), label)) for label, page in MODERATOR_PAGES.items()
    )


def test_admin_pages_editors_use_are_accessible(visit, register):
    started = timezone.now() - datetime.timedelta(hours=2)
    register["job run"] = JobRun.objects.create(
        job="check_links",
        scheduled_for=started,
        started_at=started,
        finished_at=started + datetime.timedelta(minutes=9),
        outcome=JobRun.Outcome.FAILED,
        output="1 link checked",
        error="Traceback (most recent call last):\nOperationalError: the database went away",
    )
    tab = visit(user=EditorFactory())
    check_each(
        (label, accessible(tab, page(register), label))
        for label, page in EDITOR_ADMIN_PAGES.items()
    )


def test_admin_form_with_errors_is_accessible(visit, register):
    officer = PartnerOfficerFactory(organisation=register["newham"])
    tab = visit(user=officer)
    page = tab.go("/admin/projects/project/add/")
    page.click("input[name=_save]")
    page.wait_for_load_state()

    assert page.locator(".lc-error-summary").is_visible(), page.content()[:3000]
    tab.assert_accessible("admin add form with errors")


def reflows(tab, path):
    def check():
        page = tab.go(path)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"scrolls sideways by {overflow}px at 320px wide"

    return check


def test_pages_reflow_at_320_pixels(visit, register):
    tab = visit(width=320, height=800)
    check_each((label, reflows(tab, page(register))) for label, page in PAGES.items())


# The annual review: published (public), and as the steering group sees and publishes it.
REVIEW_PAGES = {
    "annual reviews": ("/reviews/", None),
    "annual review": ("/reviews/2001/", None),
    "annual review, draft": ("/reviews/2002/", "steering"),
    "annual review, draft of a published one": ("/reviews/2001/?preview=draft", "steering"),
    "admin review change form": ("/admin/reviews/review/{draft}/change/", "steering"),
    "admin review publish": ("/admin/reviews/review/{draft}/publish/", "steering"),
    "admin review publish, a correction's differences": (
        "/admin/reviews/review/{published}/publish/",
        "steering",
    ),
    "admin review list": ("/admin/reviews/review/", "steering"),
}


def test_annual_review_pages_are_accessible(visit, register):
    from tests.factories import PublishedReviewFactory, ReviewFactory, SteeringMemberFactory

    published = PublishedReviewFactory(year=2001)
    section = published.sections.get()  # edited since: the publish page shows differences
    section.body = "Boroughs shared *more* services than ever: 42,000."
    section.save()
    draft = ReviewFactory(year=2002)
    tabs = {None: visit(), "steering": visit(user=SteeringMemberFactory())}
    check_each(
        (label, accessible(tabs[who], path.format(draft=draft.pk, published=published.pk), label))
        for label, (path, who) in REVIEW_PAGES.items()
    )


def test_annual_review_pages_reflow_at_320_pixels(visit, register):
    from tests.factories import PublishedReviewFactory

    PublishedReviewFactory(year=2001)
    tab = visit(width=320, height=800)
    check_each((path, reflows(tab, path)) for path in ["/reviews/", "/reviews/2001/"])
