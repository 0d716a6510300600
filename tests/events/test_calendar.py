"""Events in calendars: one event's event.ics and the feed of public events to come, parsed
back with icalendar, across the clocks changing."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories import MemberFactory, UserFactory
from tests.pages import body

from .factories import (
    EventFactory,
    PartnersOnlyEventFactory,
    PublishedEventFactory,
    london,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
FEED = "/events/calendar.ics"
HOUR = datetime.timedelta(hours=1)


def ics(event) -> str:
    return f"/events/{event.slug}/event.ics"


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def entries(response) -> dict:
    """The feed's entries by title."""
    return {str(entry["summary"]): entry for entry in parse(response).walk("VEVENT")}


@pytest.fixture
def clock(monkeypatch):
    """Sets the time it is now (UTC)."""

    def set_to(*args):
        moment = datetime.datetime(*args, tzinfo=UTC)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


@pytest.fixture
def in_march_2026(clock):
    """Before both changes of the clocks in 2026 (29 March forward, 25 October back)."""
    clock(2026, 3, 2, 9, 0)


def test_times_are_london_wall_clock_times_across_both_changes_of_the_clocks(client, in_march_2026):
    # 10:00 in London on the first day of summer time is 09:00 UTC; on the first day back on
    # GMT it is 10:00 UTC; in early March, before either, 10:00 UTC too.
    spring = PublishedEventFactory(
        title="Spring", starts_at=london(2026, 3, 29, 10), ends_at=london(2026, 3, 29, 16)
    )
    autumn = PublishedEventFactory(
        title="Autumn", starts_at=london(2026, 10, 25, 10), ends_at=london(2026, 10, 25, 12, 30)
    )
    PublishedEventFactory(
        title="Winter", starts_at=london(2026, 3, 10, 10), ends_at=london(2026, 3, 10, 11)
    )

    response = client.get(FEED)
    found = entries(response)

    assert found["Spring"].decoded("dtstart") == datetime.datetime(2026, 3, 29, 9, tzinfo=UTC)
    assert found["Spring"].decoded("dtend") == datetime.datetime(2026, 3, 29, 15, tzinfo=UTC)
    assert found["Autumn"].decoded("dtstart") == datetime.datetime(2026, 10, 25, 10, tzinfo=UTC)
    assert found["Autumn"].decoded("dtend") == datetime.datetime(2026, 10, 25, 12, 30, tzinfo=UTC)
    assert found["Winter"].decoded("dtstart") == datetime.datetime(2026, 3, 10, 10, tzinfo=UTC)
    # Written as London wall-clock times with the zone named, and the zone defined in the file
    # so that an app without its own copy of the rules reads them right.
    text = response.content.decode()
    assert "DTSTART;TZID=Europe/London:20260329T100000" in text
    assert "DTSTART;TZID=Europe/London:20261025T100000" in text
    assert [str(zone["tzid"]) for zone in parse(response).walk("VTIMEZONE")] == ["Europe/London"]
    # Each event's own file says the same.
    for event in (spring, autumn):
        one = parse(client.get(ics(event))).walk("VEVENT")
        assert [entry.decoded("dtstart") for entry in one] == [event.starts_at]


def test_the_files_own_time_zone_reads_the_times_back_across_the_clocks_changing(
    client, in_march_2026
):
    # An app with no time zone rules of its own reads TZID=Europe/London from the VTIMEZONE
    # in the file: its rules, not this machine's, must give the right UTC moment on both
    # sides of each change, years ahead too.
    moments = {
        "Before spring 2026": london(2026, 3, 28, 10),
        "Summer 2026": london(2026, 3, 29, 10),
        "Last of summer 2026": london(2026, 10, 24, 18),
        "Winter 2026": london(2026, 10, 25, 10),
        "Summer 2030": london(2030, 6, 3, 9, 30),
        "Winter 2030": london(2030, 12, 2, 9, 30),
    }
    for title, starts in moments.items():
        PublishedEventFactory(title=title, starts_at=starts, ends_at=starts + HOUR)

    calendar = parse(client.get(FEED))
    [zone] = calendar.walk("VTIMEZONE")
    own_rules = zone.to_tz()
    found = {str(entry["summary"]): entry for entry in calendar.walk("VEVENT")}

    assert set(found) == set(moments)
    for title, starts in moments.items():
        written = found[title]["dtstart"].dt  # the wall-clock time as written in the file
        as_read = written.replace(tzinfo=None).replace(tzinfo=own_rules)
        assert as_read.astimezone(UTC) == starts.astimezone(UTC), title
        ends = found[title]["dtend"].dt.replace(tzinfo=None).replace(tzinfo=own_rules)
        assert ends - as_read == HOUR, title


def test_an_events_file_describes_it_and_is_offered_as_a_download(client):
    event = PublishedEventFactory(
        title="Connectivity workshop",
        summary="Broadband for NHS and borough sites.",
        venue="City Hall",
        address="Kamal Chunchie Way\nLondon E16 1ZE",
    )

    response = client.get(ics(event))
    (entry,) = parse(response).walk("VEVENT")

    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    assert str(entry["uid"]) == f"event-{event.pk}@londonconnects.org.uk"
    assert str(entry["summary"]) == "Connectivity workshop"
    assert str(entry["location"]) == "City Hall, Kamal Chunchie Way, London E16 1ZE"
    assert str(entry["url"]).endswith(event.get_absolute_url())
    assert "Broadband for NHS and borough sites." in str(entry["description"])
    assert [str(c) for c in entry["categories"].cats] == ["Workshop"]
    event.refresh_from_db()
    changed = event.updated_at.replace(microsecond=0)  # iCalendar counts whole seconds
    assert entry.decoded("last-modified") == entry.decoded("dtstamp") == changed
    # In UTC, as RFC 5545 wants.
    assert f"LAST-MODIFIED:{changed:%Y%m%dT%H%M%SZ}" in response.content.decode()


def test_an_online_event_is_online_and_its_joining_link_is_never_in_a_calendar(client):
    event = PublishedEventFactory(
        online=True, venue="", address="", joining_url="https://meet.example.org/secret-room"
    )

    for response in (client.get(ics(event)), client.get(FEED)):
        (entry,) = parse(response).walk("VEVENT")
        assert str(entry["location"]) == "Online"
        assert b"secret-room" not in response.content


def test_uids_are_stable_between_requests_and_survive_a_new_title(
    client, django_capture_on_commit_callbacks
):
    event = PublishedEventFactory(title="Old title")

    first = str(parse(client.get(FEED)).walk("VEVENT")[0]["uid"])
    single = str(parse(client.get(ics(event))).walk("VEVENT")[0]["uid"])
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "New title"
        event.slug = ""
        event.save()
    again = parse(client.get(FEED)).walk("VEVENT")[0]

    assert first == single == str(again["uid"]) == f"event-{event.pk}@londonconnects.org.uk"
    assert str(again["summary"]) == "New title"


def test_the_feed_holds_public_published_events_to_come_only(client):
    PublishedEventFactory(title="Coming")
    PublishedEventFactory(
        title="Under way",
        starts_at=timezone.now() - datetime.timedelta(days=1),
        ends_at=timezone.now() + datetime.timedelta(days=1),
    )
    PublishedEventFactory(
        title="Over", starts_at=london(2025, 5, 1, 10), ends_at=london(2025, 5, 1, 12)
    )
    EventFactory(title="Draft")
    PartnersOnlyEventFactory(title="Partners' briefing")

    assert set(entries(client.get(FEED))) == {"Coming", "Under way"}
    # Not even for a signed-in partner: calendar apps fetch the feed with no session, and
    # the address may be passed on.
    client.force_login(MemberFactory())
    assert set(entries(client.get(FEED))) == {"Coming", "Under way"}


def test_an_event_over_earlier_today_stays_in_todays_feed_and_goes_tomorrow(client, clock):
    clock(2026, 6, 10, 15, 0)
    PublishedEventFactory(
        title="This morning", starts_at=london(2026, 6, 10, 9), ends_at=london(2026, 6, 10, 11)
    )
    assert set(entries(client.get(FEED))) == {"This morning"}

    clock(2026, 6, 11, 8, 0)
    assert set(entries(client.get(FEED))) == set()


def test_a_partners_only_event_or_a_draft_is_404_to_the_public(client):
    partners_only = PartnersOnlyEventFactory()
    draft = EventFactory()

    assert client.get(ics(partners_only)).status_code == 404
    assert client.get(ics(draft)).status_code == 404
    assert client.get("/events/no-such-event/event.ics").status_code == 404
    client.force_login(UserFactory())  # signed in, of no partner organisation
    assert client.get(ics(partners_only)).status_code == 404


def test_a_partner_adds_a_partners_only_event_to_their_own_calendar(client):
    partners_only = PartnersOnlyEventFactory(title="Steering group briefing")
    client.force_login(MemberFactory())

    response = client.get(ics(partners_only))

    assert [str(e["summary"]) for e in parse(response).walk("VEVENT")] == [
        "Steering group briefing"
    ]
    assert "private" in response["Cache-Control"]
    assert client.get(ics(EventFactory())).status_code == 404  # a draft, still


def test_an_empty_feed_is_still_a_valid_calendar_that_apps_refresh(client):
    calendar = parse(client.get(FEED))

    assert calendar.walk("VEVENT") == []
    assert str(calendar["x-wr-calname"]) == "LondonConnects: events"
    assert calendar["refresh-interval"].to_ical() == b"PT6H"
    assert str(calendar["version"]) == "2.0"


def test_a_feed_poll_with_nothing_new_gets_a_304_and_a_change_a_new_feed(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PublishedEventFactory(title="First")
    first = client.get(FEED)

    assert client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        PublishedEventFactory(title="Second")
    second = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert set(entries(second)) == {"First", "Second"}


def test_the_calendars_cost_a_fixed_few_queries(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        events = [PublishedEventFactory(regions=[]) for _ in range(15)]

    with django_assert_max_num_queries(2):
        assert len(entries(client.get(FEED))) == 15
    with django_assert_max_num_queries(3):
        client.get(ics(events[0]))
    # Built once per day and change of the data: the next poll reads no table.
    with django_assert_max_num_queries(0):
        client.get(FEED)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_calendars_answer_reads_only(client, method):
    event = PublishedEventFactory()

    assert getattr(client, method)(FEED).status_code == 405
    assert getattr(client, method)(ics(event)).status_code == 405


def test_an_events_page_offers_it_and_the_feed_for_a_calendar(client):
    event = PublishedEventFactory()
    partners_only = PartnersOnlyEventFactory()

    page = body(client.get(event.get_absolute_url()))

    assert f'href="/events/{event.slug}/event.ics"' in page
    assert f'href="{FEED}"' in page
    # A partners-only event is not in the feed: its page does not send partners there.
    client.force_login(MemberFactory())
    partners_page = body(client.get(partners_only.get_absolute_url()))
    assert f'href="/events/{partners_only.slug}/event.ics"' in partners_page
    assert f'href="{FEED}"' not in partners_page
