"""The /events/ register: upcoming and past, the month filter, facets, exports, feed, the event
page in London time, its JSON-LD, partners-only events, and query caps."""

import csv
import datetime
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import EventKind
from registers.models import PublicationStatus
from tests.factories import (
    MemberFactory,
    OrganisationFactory,
    PaperFactory,
    SectorFactory,
    SubRegionFactory,
    UserFactory,
)
from tests.pages import body, error_summary

from .factories import EventFactory, PartnersOnlyEventFactory, PublishedEventFactory, london

pytestmark = pytest.mark.django_db

LIST = "/events/"


def titles(response):
    return [event.title for event in response.context["events"]]


def days_from_today(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return london(day.year, day.month, day.day, hour)


def published_on(days: int, title: str, **kwargs):
    starts = days_from_today(days)
    return PublishedEventFactory(
        title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=6), **kwargs
    )


@pytest.fixture
def partner(client):
    member = MemberFactory()
    client.force_login(member)
    return member


# -- upcoming and past -----------------------------------------------------------------------


def test_lists_upcoming_events_soonest_first_and_past_ones_latest_first(client):
    published_on(30, "In a month")
    published_on(2, "In two days")
    published_on(-3, "Three days ago")
    published_on(-40, "Forty days ago")
    EventFactory(title="A draft", starts_at=days_from_today(5))
    published_on(5, "Archived", publication_status=PublicationStatus.ARCHIVED)

    assert titles(client.get(LIST)) == ["In two days", "In a month"]
    past = client.get(LIST, {"when": "past"})
    assert titles(past) == ["Three days ago", "Forty days ago"]
    assert '<h1 class="govuk-heading-xl">Past events</h1>' in body(past)


def test_an_event_over_earlier_today_is_upcoming_until_midnight(client):
    # The pages are kept for the day: the line between upcoming and past is midnight.
    today = timezone.localdate()
    starts = london(today.year, today.month, today.day, 0, 5)
    PublishedEventFactory(title="This morning", starts_at=starts, ends_at=starts)

    assert titles(client.get(LIST)) == ["This morning"]
    assert titles(client.get(LIST, {"when": "past"})) == []


def test_the_upcoming_and_past_links_say_which_is_shown_and_keep_the_filters(client):
    published_on(3, "Soon", kind=EventKind.SEMINAR)

    page = body(client.get(LIST, {"kind": "seminar"}))

    assert 'href="?kind=seminar&amp;when=upcoming" aria-current="page">Upcoming events' in page
    assert 'href="?kind=seminar&amp;when=past">Past events' in page
    # The filter form carries the choice when other filters are applied.
    past = body(client.get(LIST, {"when": "past"}))
    assert re.search(r'<input type="hidden" name="when" value="past"[^>]*>', past)


def test_an_unknown_choice_of_upcoming_or_past_is_a_400_with_the_error_summary(client):
    published_on(3, "Soon")

    response = client.get(LIST, {"when": "soon"})

    assert response.status_code == 400
    assert titles(response) == ["Soon"]  # the bad filter is left out, as on every list
    assert [text for _href, text in error_summary(response)] == [
        "“soon” is not a known choice of upcoming or past events."
    ]


# -- the month filter ------------------------------------------------------------------------


def test_filters_by_month_in_london_time(client):
    # 23:30 on 31 May 2026 in London is 22:30 UTC, in May; 00:30 on 1 June is still 31 May
    # in UTC, but June in London.
    PublishedEventFactory(title="Last thing in May", starts_at=london(2026, 5, 31, 23, 30))
    PublishedEventFactory(title="First thing in June", starts_at=london(2026, 6, 1, 0, 30))
    PublishedEventFactory(title="July", starts_at=london(2026, 7, 2))

    may = client.get(LIST, {"month": "2026-05", "when": "past"})
    june = client.get(LIST, {"month": "2026-06", "when": "past"})

    assert titles(may) == ["Last thing in May"]
    assert titles(june) == ["First thing in June"]


def test_a_month_that_is_over_shows_its_events_without_asking_for_past_ones(client):
    published_on(-400, "Long ago")
    published_on(3, "Soon")
    month = days_from_today(-400).strftime("%Y-%m")

    response = client.get(LIST, {"month": month})

    assert titles(response) == ["Long ago"]
    assert response.context["showing_past"]


def test_the_month_choices_are_the_months_of_the_events_in_view(client):
    published_on(-400, "Long ago")
    soon = published_on(3, "Soon")
    later = published_on(70, "Later")

    options = re.findall(r'<option value="(\d{4}-\d\d)"', body(client.get(LIST)))

    assert options == sorted({f"{timezone.localtime(e.starts_at):%Y-%m}" for e in (soon, later)})


@pytest.mark.parametrize("month", ["2026-13", "2026-5", "May 2026", "2026-05-01"])
def test_a_malformed_month_is_a_400_with_the_error_summary_and_refused_for_export(client, month):
    published_on(3, "Soon")

    response = client.get(LIST, {"month": month})

    assert response.status_code == 400
    assert [text for _href, text in error_summary(response)] == [
        f"“{month}” is not a month: give the year and month, for example 2026-05."
    ]
    assert titles(response) == ["Soon"]
    assert client.get(LIST, {"month": month, "format": "csv"}).status_code == 400


def test_a_month_without_events_shows_none_and_stays_chosen(client):
    published_on(3, "Soon")

    response = client.get(LIST, {"month": "2031-02"})

    assert response.status_code == 200
    assert titles(response) == []
    assert '<option value="2031-02" selected>February 2031</option>' in body(response)


# -- facets ----------------------------------------------------------------------------------


def test_filters_by_kind_theme_sub_region_and_organiser_with_facet_counts(client):
    nhs = OrganisationFactory(name="Test Trust", sector=SectorFactory(slug="nhs"))
    east = SubRegionFactory(slug="east")
    published_on(3, "Workshop", kind=EventKind.WORKSHOP, themes=["security"], regions=[east])
    published_on(4, "Seminar", kind=EventKind.SEMINAR, organiser=nhs, themes=["security"])
    published_on(5, "Seminar 2", kind=EventKind.SEMINAR)
    published_on(-5, "Past seminar", kind=EventKind.SEMINAR)

    seminars = client.get(LIST, {"kind": "seminar"})
    assert titles(seminars) == ["Seminar", "Seminar 2"]
    facet = next(f for f in seminars.context["facets"] if f.name == "kind")
    counts = {option.value: option.count for option in facet.options}
    # Disjunctive, and of the upcoming events only.
    assert counts["seminar"] == 2 and counts["workshop"] == 1

    assert titles(client.get(LIST, {"theme": "security"})) == ["Workshop", "Seminar"]
    assert titles(client.get(LIST, {"sub_region": "east"})) == ["Workshop"]
    assert titles(client.get(LIST, {"organiser_sector": "nhs"})) == ["Seminar"]
    assert titles(client.get(LIST, {"organiser": nhs.slug})) == ["Seminar"]


def test_the_audience_facet_is_offered_to_partners_only(client):
    published_on(3, "Open")
    PartnersOnlyEventFactory(title="Closed", starts_at=days_from_today(4))

    public = client.get(LIST)
    assert "audience" not in {facet.name for facet in public.context["facets"]}

    client.force_login(MemberFactory())
    partners = client.get(LIST, {"audience": "partners"})
    assert titles(partners) == ["Closed"]
    facet = next(f for f in partners.context["facets"] if f.name == "audience")
    assert {o.value: o.count for o in facet.options} == {"public": 1, "partners": 1}


def test_search_finds_title_and_summary(client):
    published_on(3, "Information governance clinic", summary="Bring your questions.")
    published_on(4, "Other", summary="About gazetteers.")

    assert titles(client.get(LIST, {"q": "clinic"})) == ["Information governance clinic"]
    assert titles(client.get(LIST, {"q": "gazetteers"})) == ["Other"]


def test_pages_of_25(client):
    for day in range(1, 28):
        published_on(day, f"Event {day:02d}")

    first, second = client.get(LIST), client.get(LIST, {"page": 2})

    assert len(titles(first)) == 25 and titles(second) == ["Event 26", "Event 27"]


# -- partners-only events --------------------------------------------------------------------


def partners_only():
    return PartnersOnlyEventFactory(
        title="Partners security briefing", starts_at=days_from_today(6)
    )


def test_partners_only_events_are_invisible_to_the_public_everywhere(client):
    published_on(3, "Open to all")
    hidden = partners_only()

    assert titles(client.get(LIST)) == ["Open to all"]
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Partners security briefing" not in body(client.get(reverse("events:feed")))
    assert "Partners security briefing" not in body(client.get(LIST, {"format": "csv"}))
    assert "Partners security briefing" not in body(client.get(LIST, {"format": "json"}))
    assert client.get(LIST).context["paginator"].count == 1
    assert "Partners security briefing" not in body(client.get("/"))


def test_a_signed_in_account_of_no_partner_does_not_see_them_either(client):
    hidden = partners_only()
    client.force_login(UserFactory())

    assert titles(client.get(LIST)) == []
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_a_signed_in_partner_sees_partners_only_events_everywhere(client, partner):
    published_on(3, "Open to all")
    hidden = partners_only()

    assert titles(client.get(LIST)) == ["Open to all", "Partners security briefing"]
    page = body(client.get(hidden.get_absolute_url()))
    assert "Workshop for partners only" in page
    assert "Partners security briefing" in body(client.get(reverse("events:feed")))
    assert "Partners security briefing" in body(client.get(LIST, {"format": "csv"}))
    assert "Partners security briefing" in body(client.get("/"))


def test_counts_and_facets_are_kept_apart_for_the_public_and_partners(client):
    # The totals and facets are cached per filter: a partner's must not be shown to the public.
    published_on(3, "Open to all")
    partners_only()
    member = MemberFactory()

    client.force_login(member)
    assert client.get(LIST).context["paginator"].count == 2
    client.logout()
    response = client.get(LIST)
    assert response.context["paginator"].count == 1
    kinds = next(f for f in response.context["facets"] if f.name == "kind")
    assert sum(option.count for option in kinds.options) == 1


def test_the_shared_page_cache_keeps_a_page_per_visibility_class(client, settings):
    settings.SHARED_PAGE_CACHE_SECONDS = 60
    hidden = partners_only()

    client.force_login(MemberFactory())
    assert "Partners security briefing" in body(client.get(LIST))
    client.logout()
    public = client.get(LIST)

    assert "Partners security briefing" not in body(public)
    assert client.get(hidden.get_absolute_url()).status_code == 404


# -- exports and feed ------------------------------------------------------------------------


def test_csv_and_json_exports_have_exactly_the_filtered_rows_in_london_time(client):
    PublishedEventFactory(
        title="Spring seminar",
        kind=EventKind.SEMINAR,
        starts_at=london(2026, 3, 30, 10),
        ends_at=london(2026, 3, 30, 16),
        themes=["security"],
        capacity=40,
    )
    PublishedEventFactory(title="Workshop", starts_at=london(2026, 3, 31))
    EventFactory(title="Draft", kind=EventKind.SEMINAR, starts_at=london(2026, 3, 31))
    params = {"when": "past", "kind": "seminar"}

    rows = list(csv.DictReader(io.StringIO(body(client.get(LIST, {**params, "format": "csv"})))))
    data = json.loads(body(client.get(LIST, {**params, "format": "json"})))

    assert [row["title"] for row in rows] == ["Spring seminar"]
    assert rows[0]["starts_at"] == "2026-03-30T10:00:00+01:00"
    assert data[0]["title"] == "Spring seminar"
    assert data[0]["kind"] == "Seminar"
    assert data[0]["themes"] == ["security"]
    assert data[0]["capacity"] == 40
    assert data[0]["ends_at"] == "2026-03-30T16:00:00+01:00"


def test_feed_lists_newly_published_upcoming_events(client):
    published_on(3, "New and public")
    EventFactory(title="Still a draft")

    feed = body(client.get(reverse("events:feed")))

    assert "New and public" in feed and "Still a draft" not in feed
    assert "10am to 4pm" in feed


# -- the event's page ------------------------------------------------------------------------


def test_times_are_shown_in_london_time_across_the_change_to_summer_time(client):
    # The clocks went forward at 1am on Sunday 29 March 2026: 10am that day is 09:00 UTC,
    # 10am the day before 10:00 UTC.
    before = PublishedEventFactory(
        starts_at=datetime.datetime(2026, 3, 28, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 3, 28, 16, tzinfo=datetime.UTC),
    )
    after = PublishedEventFactory(
        starts_at=datetime.datetime(2026, 3, 29, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 3, 29, 15, 30, tzinfo=datetime.UTC),
    )

    assert "Saturday 28 March 2026, 10am to 4pm" in body(client.get(before.get_absolute_url()))
    assert "Sunday 29 March 2026, 10am to 4:30pm" in body(client.get(after.get_absolute_url()))
    past = body(client.get(LIST, {"when": "past", "month": "2026-03"}))
    assert "Sunday 29 March 2026, 10am to 4:30pm" in past


def test_times_over_two_days_and_at_midday(client):
    event = PublishedEventFactory(
        starts_at=london(2026, 10, 24, 12), ends_at=london(2026, 10, 26, 9, 15)
    )

    page = body(client.get(event.get_absolute_url()))

    # 26 October 2026 is after the clocks go back: still 9:15am in London.
    assert "Saturday 24 October 2026, midday to Monday 26 October 2026, 9:15am" in page


def test_the_page_shows_the_event_with_its_organiser_and_venue(client):
    organiser = OrganisationFactory(name="Test Borough")
    event = PublishedEventFactory(
        title="Smart cards workshop",
        organiser=organiser,
        kind=EventKind.WORKSHOP,
        venue="Guildhall",
        address="Gresham Street\nLondon EC2V 7HH",
        capacity=30,
        themes=["smart cards"],
        regions=[SubRegionFactory(slug="central")],
        booking_closes_at=london(2031, 1, 2, 17),
        starts_at=london(2031, 1, 7, 9, 30),
        ends_at=london(2031, 1, 7, 13),
    )

    page = body(client.get(event.get_absolute_url()))

    for shown in (
        "Smart cards workshop",
        "Tuesday 7 January 2031, 9:30am to 1pm",
        "Test Borough",
        "Guildhall<br>Gresham Street<br>London EC2V 7HH",
        "Open to the public",
        ">30<",
        "Closes Thursday 2 January 2031, 5pm.",
        'href="/events/?theme=smart-cards">smart cards</a>',
        'href="/events/?sub_region=central">Central</a>',
    ):
        assert shown in page


def test_an_online_event_says_so_and_never_shows_the_joining_link(client):
    event = PublishedEventFactory(
        online=True, venue="", address="", joining_url="https://meet.example.org/secret"
    )

    page = body(client.get(event.get_absolute_url()))

    assert "Online" in page
    assert "meet.example.org/secret" not in page


def test_after_the_event_its_papers_and_attendance_partners_only_papers_for_partners(client):
    slides = PaperFactory(title="The slides")
    notes = PaperFactory(title="Partners' notes", visibility="partners")
    draft = PaperFactory(title="A draft paper", publication_status="draft")
    event = PublishedEventFactory(
        starts_at=london(2026, 5, 12), attended=42, with_papers=[slides, notes, draft]
    )

    public = body(client.get(event.get_absolute_url()))
    client.force_login(MemberFactory())
    partners = body(client.get(event.get_absolute_url()))

    assert "42 people attended" in public
    assert f'href="{slides.get_absolute_url()}">The slides</a>' in public
    assert "Partners&#x27; notes" not in public and "A draft paper" not in public
    assert "Partners&#x27; notes" in partners and "A draft paper" not in partners
    assert "This event is over" in public
    assert ">Booking</dt>" not in public  # its booking window is of no more use


@pytest.mark.parametrize(
    "make",
    [
        lambda: EventFactory(),
        lambda: PublishedEventFactory(publication_status=PublicationStatus.ARCHIVED),
    ],
)
def test_drafts_and_archived_events_are_not_found(client, make):
    assert client.get(make().get_absolute_url()).status_code == 404


def test_an_unknown_slug_is_not_found(client):
    assert client.get("/events/no-such-event/").status_code == 404


# -- JSON-LD ---------------------------------------------------------------------------------


def json_ld(response) -> dict:
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', body(response), re.DOTALL
    )
    return json.loads(found[1])


def test_json_ld_describes_the_event_with_its_london_offsets_and_place(client):
    organiser = OrganisationFactory(name="Test Borough")
    event = PublishedEventFactory(
        title="Conference",
        organiser=organiser,
        starts_at=london(2026, 3, 28, 10),
        ends_at=london(2026, 3, 29, 16),  # over the change to summer time
        venue="City Hall",
        address="Kamal Chunchie Way\nLondon E16 1ZE",
    )

    data = json_ld(client.get(event.get_absolute_url()))

    assert data["@type"] == "Event"
    assert data["name"] == "Conference"
    assert data["startDate"] == "2026-03-28T10:00:00+00:00"
    assert data["endDate"] == "2026-03-29T16:00:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "City Hall"
    assert data["location"]["address"]["streetAddress"] == "Kamal Chunchie Way, London E16 1ZE"
    assert data["organizer"]["name"] == "Test Borough"


def test_json_ld_of_an_online_event_is_a_virtual_location_without_the_joining_link(client):
    event = PublishedEventFactory(
        online=True, venue="", address="", joining_url="https://meet.example.org/secret"
    )

    data = json_ld(client.get(event.get_absolute_url()))

    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://londonconnects.test" + event.get_absolute_url(),
    }


# -- the home page and the navigation --------------------------------------------------------


def test_the_home_page_shows_the_next_three_events_the_visitor_may_see(client):
    published_on(-1, "Yesterday")
    for day, title in ((9, "Fourth"), (2, "First"), (4, "Second"), (6, "Third")):
        published_on(day, title)
    PartnersOnlyEventFactory(title="For partners", starts_at=days_from_today(1))

    page = body(client.get("/"))

    assert [title for title in ("First", "Second", "Third", "Fourth") if title in page] == [
        "First",
        "Second",
        "Third",
    ]
    assert "Yesterday" not in page and "For partners" not in page
    assert 'href="/events/">See all events</a>' in page
    client.force_login(MemberFactory())
    assert "For partners" in body(client.get("/"))


def test_the_navigation_links_the_events_register(client):
    assert 'href="/events/"' in body(client.get("/projects/"))


# -- query caps ------------------------------------------------------------------------------


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def make_listed(count: int):
    nhs = OrganisationFactory(sector=SectorFactory(slug="nhs"))
    for number in range(count):
        published_on(
            number % 20 + 1,
            f"Security workshop {number}",
            organiser=nhs,
            themes=["security"],
            regions=[SubRegionFactory(slug="east")],
        )
        PartnersOnlyEventFactory(starts_at=days_from_today(number % 20 + 1), organiser=nhs)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"when": "past"},
        {"kind": "workshop", "theme": "security", "sub_region": "east", "q": "security"},
        {"organiser_sector": "nhs", "month": days_from_today(5).strftime("%Y-%m")},
    ],
)
@pytest.mark.parametrize("signed_in", [False, True])
def test_list_query_count_does_not_grow_with_rows(
    client, params, signed_in, django_capture_on_commit_callbacks
):
    if signed_in:
        client.force_login(MemberFactory())
        client.get("/")  # the first request of a session does its own bookkeeping
    with django_capture_on_commit_callbacks(execute=True):
        make_listed(3)
    few = count_queries(client, LIST, params)
    with django_capture_on_commit_callbacks(execute=True):
        make_listed(30)
    many = count_queries(client, LIST, params)

    assert few == many
    assert many <= 20


def test_detail_query_count_does_not_grow_with_themes_regions_and_papers(client):
    event = PublishedEventFactory(
        starts_at=london(2026, 5, 12), themes=["a"], with_papers=[PaperFactory()]
    )
    few = count_queries(client, event.get_absolute_url())
    event.tags.add("b", "c", "d")
    event.sub_regions.set([SubRegionFactory(slug=slug) for slug in ("east", "west", "north")])
    event.papers.add(*PaperFactory.create_batch(5))

    assert count_queries(client, event.get_absolute_url()) == few
    assert few <= 14


def test_the_audience_is_refused_for_an_unknown_value_for_partners(client, partner):
    published_on(3, "Open")

    response = client.get(LIST, {"audience": "everyone"})

    assert response.status_code == 400
    assert "“everyone” is not a known audience." in body(response)
