"""/my/: what needs a signed-in partner officer. Only their organisation's entries and
projects, only their own watches and alerts; "Still correct" stamps the review date of their
own organisation's entries only; never cached; a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alerts.models import SavedSearch
from forums import notifications
from forums import services as forums
from forums.models import Visibility
from mypage.models import Visit
from products.models import TakeUp, TakeUpStatus
from projects.models import Project, ProjectInterest
from tests.factories import (
    ConsentingContactFactory,
    ForumFactory,
    FundingSourceFactory,
    MemberFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerOfficerFactory,
    ProjectFactory,
    ProjectInterestFactory,
    PublishedProjectFactory,
    TopicFactory,
    UserFactory,
)
from tests.pages import body, query_count
from tests.products.factories import PublishedProductFactory, TakeUpFactory

pytestmark = pytest.mark.django_db

MY_PAGE = "/my/"


def reviewed_days_ago(entry, days):
    day = timezone.localdate() - datetime.timedelta(days=days)
    type(entry).objects.filter(pk=entry.pk).update(last_reviewed_on=day)
    entry.refresh_from_db()
    return entry


def still_correct_url(entry) -> str:
    return reverse("mypage:still_correct", args=[entry._meta.label_lower, entry.pk])


@pytest.fixture
def newham():
    return OrganisationFactory(name="Newham Test Council")


@pytest.fixture
def camden():
    return OrganisationFactory(name="Camden Test Council")


@pytest.fixture
def officer(client, newham):
    user = PartnerOfficerFactory(organisation=newham)
    client.force_login(user)
    return user


# -- who sees it -----------------------------------------------------------------------------


def test_the_public_is_sent_to_sign_in(client):
    response = client.get(MY_PAGE)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/my/"


def test_an_account_of_no_organisation_is_told_why_there_is_nothing(client):
    client.force_login(UserFactory())

    response = client.get(MY_PAGE)

    assert response.status_code == 200
    assert "does not belong to a partner organisation" in body(response)
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert not Visit.objects.exists()


def test_the_page_is_never_cached(client, officer, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.SHARED_PAGE_CACHE_SECONDS = 3600

    response = client.get(MY_PAGE)

    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert "X-Shared-Page-Cache" not in response


def test_signed_in_visitors_find_it_in_the_header(client, newham):
    home = body(client.get("/"))
    assert 'href="/my/"' not in home

    client.force_login(MemberFactory(organisation=newham))

    home = body(client.get("/"))
    links = home[home.index('aria-label="Your account"') : home.index("</nav>")]
    assert (
        '<a class="govuk-header__link lc-header__account-link" href="/my/">Your page</a>' in links
    )


def test_the_shared_page_keeps_no_ones_link_but_each_visitor_gets_theirs(client, settings):
    settings.SHARED_PAGE_CACHE_SECONDS = 3600
    assert 'href="/my/"' not in body(client.get("/"))  # the public's page, now kept

    client.force_login(UserFactory())  # a signed-in class of its own: kept too
    assert 'href="/my/"' in body(client.get("/"))
    client.logout()

    response = client.get("/")
    assert response["X-Shared-Page-Cache"] == "hit"
    assert 'href="/my/"' not in body(response)


# -- entries to review -------------------------------------------------------------------------


def test_it_lists_only_the_organisations_published_entries_due_for_review(
    client, officer, newham, camden
):
    ours = [
        reviewed_days_ago(
            PublishedProjectFactory(title="Our stale project", lead_organisation=newham), 400
        ),
        reviewed_days_ago(
            ConsentingContactFactory(title="Our stale contact", organisation=newham), 400
        ),
        reviewed_days_ago(FundingSourceFactory(title="Our stale fund", owner=newham), 400),
        reviewed_days_ago(PaperFactory(title="Our stale paper", organisation=newham), 400),
    ]
    PublishedProjectFactory(title="Our fresh project", lead_organisation=newham)
    reviewed_days_ago(ProjectFactory(title="Our stale draft", lead_organisation=newham), 400)
    theirs = [
        reviewed_days_ago(
            PublishedProjectFactory(title="Their stale project", lead_organisation=camden), 400
        ),
        reviewed_days_ago(
            ConsentingContactFactory(title="Their stale contact", organisation=camden), 400
        ),
        reviewed_days_ago(FundingSourceFactory(title="Their stale fund", owner=camden), 400),
        reviewed_days_ago(PaperFactory(title="Their stale paper", organisation=camden), 400),
    ]
    # Camden partners in a Newham project: the project is still Newham's to review.
    reviewed_days_ago(
        PublishedProjectFactory(
            title="Their project we join", lead_organisation=camden, partners=[newham]
        ),
        400,
    )

    page = body(client.get(MY_PAGE))

    for entry in ours:
        assert entry.title in page
        assert f'action="{still_correct_url(entry)}"' in page
        info = entry._meta.app_label, entry._meta.model_name
        assert reverse("admin:{}_{}_change".format(*info), args=[entry.pk]) in page
    for title in ["Our fresh project", "Our stale draft", "Their project we join"]:
        assert title not in page
    for entry in theirs:
        assert entry.title not in page
        assert still_correct_url(entry) not in page


def test_a_member_who_is_not_an_officer_has_no_entries_to_review(client, newham):
    reviewed_days_ago(
        PublishedProjectFactory(title="Our stale project", lead_organisation=newham), 400
    )
    client.force_login(MemberFactory(organisation=newham))

    page = body(client.get(MY_PAGE))

    assert "Our stale project" not in page
    assert "your account is not one of them, so there is nothing for you to review" in page


def test_a_long_list_shows_the_oldest_and_links_to_the_rest_in_the_admin(
    client, officer, newham, settings
):
    from mypage.sections import LISTED

    for number in range(LISTED + 2):
        reviewed_days_ago(
            PublishedProjectFactory(title=f"Stale {number:02}", lead_organisation=newham),
            400 + number,
        )

    page = body(client.get(MY_PAGE))

    assert f"Stale {LISTED + 1:02}" in page  # the oldest review first
    assert "Stale 00" not in page and "Stale 01" not in page
    assert f"All {LISTED + 2} projects to review, in the admin" in page
    assert "/admin/projects/project/?review=due&amp;publication_status__exact=published" in page


def test_still_correct_stamps_only_the_review_date_and_the_entry_leaves_the_list(
    client, officer, newham
):
    project = reviewed_days_ago(
        PublishedProjectFactory(
            title="Our stale project", lead_organisation=newham, summary="As it was."
        ),
        400,
    )
    updated_at, versions = project.updated_at, project.history.count()
    assert "Our stale project" in body(client.get(MY_PAGE))

    response = client.post(still_correct_url(project))

    assert response.status_code == 302
    assert response["Location"] == "/my/#review-message"
    project.refresh_from_db()
    assert project.last_reviewed_on == timezone.localdate()
    assert project.updated_at == updated_at and project.summary == "As it was."
    assert project.history.count() == versions  # no new version: nothing was edited
    page = body(client.get(MY_PAGE))
    assert "“Our stale project” is marked as still correct" in page
    assert 'id="review-message"' in page
    assert f'action="{still_correct_url(project)}"' not in page


@pytest.mark.parametrize("make", ["project", "paper"])
def test_still_correct_refuses_another_organisations_entry(client, officer, camden, make):
    if make == "project":
        theirs = PublishedProjectFactory(lead_organisation=camden)
    else:
        theirs = PaperFactory(organisation=camden)
    theirs = reviewed_days_ago(theirs, 400)

    response = client.post(still_correct_url(theirs))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.last_reviewed_on < timezone.localdate() - datetime.timedelta(days=300)


def test_still_correct_refuses_who_may_not_edit_and_what_is_no_register(client, newham):
    project = reviewed_days_ago(PublishedProjectFactory(lead_organisation=newham), 400)
    client.force_login(MemberFactory(organisation=newham))  # not a partner officer
    assert client.post(still_correct_url(project)).status_code == 404

    client.force_login(UserFactory())  # no organisation
    assert client.post(still_correct_url(project)).status_code == 403

    client.force_login(PartnerOfficerFactory(organisation=newham))
    assert client.post(reverse("mypage:still_correct", args=["auth.user", 1])).status_code == 404
    assert client.get(still_correct_url(project)).status_code == 405  # never on a GET

    client.logout()
    response = client.post(still_correct_url(project))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    project.refresh_from_db()
    assert project.may_be_out_of_date


# -- new interest since the last visit ---------------------------------------------------------


def test_it_lists_only_interest_in_the_organisations_projects(client, officer, newham, camden):
    led = PublishedProjectFactory(title="Project we lead", lead_organisation=newham)
    joined = PublishedProjectFactory(
        title="Project we join", lead_organisation=camden, partners=[newham]
    )
    theirs = PublishedProjectFactory(title="Project of theirs", lead_organisation=camden)
    ealing = OrganisationFactory(name="Ealing Test Council")
    hounslow = OrganisationFactory(name="Hounslow Test Council")
    ProjectInterestFactory(project=led, organisation=ealing)
    ProjectInterestFactory(project=joined, organisation=hounslow)
    ProjectInterestFactory(
        project=theirs, organisation=OrganisationFactory(name="Brent Test Council")
    )
    ProjectInterestFactory(project=theirs, organisation=newham)  # ours, in their project

    page = body(client.get(MY_PAGE))
    section = page[page.index('id="interest"') : page.index('id="forums"')]

    assert "Ealing Test Council" in section and "Project we lead" in section
    assert "Hounslow Test Council" in section and "Project we join" in section
    assert "Brent Test Council" not in section and "Project of theirs" not in section
    assert "Newham Test Council</a> in" not in section


def test_new_interest_is_what_came_since_the_last_visit(client, officer, newham):
    project = PublishedProjectFactory(title="Project we lead", lead_organisation=newham)
    old = ProjectInterestFactory(
        project=project, organisation=OrganisationFactory(name="Old Friend")
    )
    ProjectInterest.objects.filter(pk=old.pk).update(
        registered_at=timezone.now() - datetime.timedelta(days=45)
    )
    ProjectInterestFactory(project=project, organisation=OrganisationFactory(name="Recent Friend"))

    first = body(client.get(MY_PAGE))  # a first visit: the last 30 days
    assert "In the last 30 days" in first
    assert "Recent Friend" in first and "Old Friend" not in first
    seen_at = Visit.objects.get(user=officer).seen_at

    second = body(client.get(MY_PAGE))
    assert "Since your last visit" in second and "Recent Friend" not in second
    assert Visit.objects.get(user=officer).seen_at > seen_at  # it moved again

    ProjectInterestFactory(project=project, organisation=OrganisationFactory(name="New Friend"))
    third = body(client.get(MY_PAGE))
    assert "New Friend" in third and "Recent Friend" not in third


def test_a_visit_is_each_persons_own(client, newham):
    project = PublishedProjectFactory(lead_organisation=newham)
    first, second = (PartnerOfficerFactory(organisation=newham) for _ in range(2))
    client.force_login(first)
    client.get(MY_PAGE)
    ProjectInterestFactory(project=project, organisation=OrganisationFactory(name="New Friend"))

    client.force_login(second)
    assert "New Friend" in body(client.get(MY_PAGE))
    client.force_login(first)
    assert "New Friend" in body(client.get(MY_PAGE))
    assert "New Friend" not in body(client.get(MY_PAGE))


# -- new take-up of the organisation's products --------------------------------------------------


def test_it_lists_only_take_up_of_the_organisations_products(client, officer, newham, camden):
    ours = PublishedProductFactory(
        title="Our specification", project=PublishedProjectFactory(lead_organisation=newham)
    )
    joined = PublishedProductFactory(
        title="Joint protocol",
        project=PublishedProjectFactory(lead_organisation=camden, partners=[newham]),
    )
    theirs = PublishedProductFactory(
        title="Their framework", project=PublishedProjectFactory(lead_organisation=camden)
    )
    TakeUpFactory(product=ours, organisation=OrganisationFactory(name="Ealing Adopter"))
    TakeUpFactory(
        product=joined,
        organisation=OrganisationFactory(name="Hounslow Evaluator"),
        status=TakeUpStatus.EVALUATING,
    )
    TakeUpFactory(product=theirs, organisation=OrganisationFactory(name="Brent Adopter"))
    TakeUpFactory(product=theirs, organisation=newham)  # ours, of their product

    page = body(client.get(MY_PAGE))
    section = page[page.index('id="take-up"') : page.index('id="forums"')]

    assert "Ealing Adopter" in section and "Our specification" in section
    assert "Adopted" in section
    assert "Hounslow Evaluator" in section and "Joint protocol" in section
    assert "Evaluating" in section
    assert "Brent Adopter" not in section and "Their framework" not in section
    assert "Newham Test Council</a>:" not in section


def test_new_take_up_is_what_came_or_moved_on_since_the_last_visit(client, officer, newham):
    product = PublishedProductFactory(
        title="Our specification", project=PublishedProjectFactory(lead_organisation=newham)
    )
    evaluating = TakeUpFactory(
        product=product,
        organisation=OrganisationFactory(name="Ealing Adopter"),
        status=TakeUpStatus.EVALUATING,
    )
    assert "Ealing Adopter" in body(client.get(MY_PAGE))
    assert "Ealing Adopter" not in body(client.get(MY_PAGE))

    evaluating.status = TakeUpStatus.ADOPTED  # it moved on: new again
    evaluating.save()

    page = body(client.get(MY_PAGE))
    section = page[page.index('id="take-up"') : page.index('id="forums"')]
    assert "Ealing Adopter" in section and "Adopted" in section
    assert TakeUp.objects.count() == 1


# -- projects to join ------------------------------------------------------------------------------


def test_it_suggests_projects_to_join_with_why_never_one_it_is_part_of(
    client, officer, newham, camden
):
    PublishedProjectFactory(lead_organisation=newham, themes=["smart cards"])
    PublishedProjectFactory(
        title="Camden smart card scheme", lead_organisation=camden, themes=["smart cards"]
    )
    PublishedProjectFactory(
        title="Smart cards we already join",
        lead_organisation=camden,
        partners=[newham],
        themes=["smart cards"],
    )
    PublishedProjectFactory(title="Camden housing", lead_organisation=camden, themes=["housing"])

    page = body(client.get(MY_PAGE))
    section = page[page.index('id="suggestions"') : page.index('id="forums"')]

    assert "Camden smart card scheme" in section
    assert "why: shared theme: smart cards" in section
    assert "Smart cards we already join" not in section and "Camden housing" not in section


# -- forums and alerts ---------------------------------------------------------------------------


def test_watched_topics_with_unread_posts(client, officer):
    forum = ForumFactory()
    watched = TopicFactory(forum=forum, subject="Watched and unread")
    read = TopicFactory(forum=forum, subject="Watched and read")
    muted = TopicFactory(forum=forum, subject="Watched then stopped")
    TopicFactory(forum=forum, subject="Not watched")
    for topic in (watched, read, muted):
        notifications.watch(officer, topic=topic)
    notifications.unwatch(officer.forum_subscriptions.get(topic=muted))
    forums.mark_read(officer, read)
    someone_elses = TopicFactory(forum=forum, subject="Someone else watches")
    notifications.watch(MemberFactory(), topic=someone_elses)

    page = body(client.get(MY_PAGE))
    section = page[page.index('id="forums"') : page.index('id="alerts"')]

    assert "Watched and unread" in section and watched.get_absolute_url() in section
    for subject in ["Watched and read", "Watched then stopped", "Not watched", "Someone else"]:
        assert subject not in section

    client.get(watched.get_absolute_url())  # reading it marks it read
    assert "Watched and unread" not in body(client.get(MY_PAGE))
    forums.reply(topic=watched, author=MemberFactory(), body="News")
    assert "Watched and unread" in body(client.get(MY_PAGE))


def test_a_watched_topic_the_reader_may_no_longer_read_is_not_listed(client, officer):
    topic = TopicFactory(forum=ForumFactory(visibility=Visibility.PARTNERS), subject="Partners")
    notifications.watch(officer, topic=topic)
    assert "Partners" in body(client.get(MY_PAGE)).split('id="forums"')[1]

    topic.is_hidden = True  # by a moderator
    topic.save(update_fields=["is_hidden"])

    assert "Partners" not in body(client.get(MY_PAGE)).split('id="forums"')[1]


def test_it_lists_the_users_own_alerts_with_a_way_to_manage_them(client, officer):
    SavedSearch.objects.create(user=officer, register="search", query="q=smart+cards")
    SavedSearch.objects.create(user=UserFactory(), register="search", query="q=someone+elses")

    page = body(client.get(MY_PAGE))
    section = page[page.index('id="alerts"') :]

    assert "smart cards" in section and "someone elses" not in section
    assert 'href="/alerts/"' in section


# -- cost ------------------------------------------------------------------------------------------


def fill(organisation, officer, size, start=0):
    """``size`` of everything the page lists, for the organisation and the officer."""
    friend = OrganisationFactory()  # of the same sector: its projects are suggested
    forum = ForumFactory()
    for number in range(start, start + size):
        project = reviewed_days_ago(
            PublishedProjectFactory(lead_organisation=organisation, themes=[f"theme {number}"]),
            400,
        )
        PublishedProjectFactory(lead_organisation=friend, themes=[f"theme {number}"])
        reviewed_days_ago(ConsentingContactFactory(organisation=organisation), 400)
        reviewed_days_ago(FundingSourceFactory(owner=organisation), 400)
        reviewed_days_ago(PaperFactory(organisation=organisation), 400)
        ProjectInterestFactory(project=project, organisation=friend)
        TakeUpFactory(product=PublishedProductFactory(project=project), organisation=friend)
        notifications.watch(officer, topic=TopicFactory(forum=forum))
        SavedSearch.objects.create(user=officer, register="search", query=f"q=topic+{number}")
        SavedSearch.objects.create(
            user=officer, register="projects", query=f"sector=local-authority&q=n{number}"
        )


def test_the_page_costs_a_fixed_number_of_queries(client, newham, django_assert_max_num_queries):
    from mypage.sections import ALERTS_LISTED, LISTED

    officer = PartnerOfficerFactory(organisation=newham)
    client.force_login(officer)
    client.get(MY_PAGE)  # the first visit creates the visit row; later ones update it
    rows = max(LISTED, ALERTS_LISTED)

    fill(newham, officer, rows)
    few = query_count(client, MY_PAGE)
    fill(newham, officer, rows * 2, start=rows)  # three times as many in all
    many = query_count(client, MY_PAGE)

    assert few == many
    with django_assert_max_num_queries(30):
        client.get(MY_PAGE)
    assert Project.objects.filter(lead_organisation=newham).count() == rows * 3


def test_a_product_is_due_to_its_projects_lead_and_still_correct_works_on_it(
    client, officer, newham, camden
):
    """A product is kept by its project's lead organisation: it is listed for review there,
    stamped from here, and refused to another organisation's officer."""
    ours = reviewed_days_ago(
        PublishedProductFactory(
            title="Our stale spec", project=PublishedProjectFactory(lead_organisation=newham)
        ),
        400,
    )
    theirs = reviewed_days_ago(
        PublishedProductFactory(
            title="Their stale spec",
            project=PublishedProjectFactory(lead_organisation=camden, partners=[newham]),
        ),
        400,
    )

    page = body(client.get(MY_PAGE))

    assert "Our stale spec" in page and f'action="{still_correct_url(ours)}"' in page
    assert "Their stale spec" not in page
    assert client.post(still_correct_url(theirs)).status_code == 404
    assert client.post(still_correct_url(ours)).status_code == 302
    ours.refresh_from_db()
    assert ours.last_reviewed_on == timezone.localdate()
