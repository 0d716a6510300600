"""Query caps for the events pages the list's and page's caps leave out: the feed, the
downloads, the past events, and the organiser's admin (its events and who booked): none may
cost a query per row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import MemberFactory, OrganisationFactory, PartnerOfficerFactory

from .factories import BookingFactory, PublishedEventFactory, london

pytestmark = pytest.mark.django_db


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def make_events(count: int, organiser, *, past: bool = False, spread: int = 20):
    """Events on ``spread`` days (the admin's date hierarchy asks more of one month's)."""
    today = timezone.localdate()
    for number in range(count):
        day = today + datetime.timedelta(days=(-1 if past else 1) * (number % spread + 2))
        starts = london(day.year, day.month, day.day)
        event = PublishedEventFactory(
            organiser=organiser,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            themes=["security", f"theme {number}"],
        )
        event.sub_regions.set([])


@pytest.mark.parametrize(
    "url, params",
    [
        ("/events/feed/", {}),
        ("/events/", {"format": "csv"}),
        ("/events/", {"format": "json"}),
        ("/events/", {"when": "past"}),
        ("/events/calendar.ics", {}),
    ],
)
def test_the_feed_downloads_and_past_events_cost_the_same_queries_however_many(
    client, url, params, django_capture_on_commit_callbacks
):
    organiser = OrganisationFactory()
    past = params.get("when") == "past"
    with django_capture_on_commit_callbacks(execute=True):  # a new data version: no cache hit
        make_events(3, organiser, past=past)
    few = count_queries(client, url, params)
    with django_capture_on_commit_callbacks(execute=True):
        make_events(30, organiser, past=past)
    many = count_queries(client, url, params)

    assert few == many
    assert many <= 20


def test_the_organisers_admin_costs_the_same_queries_however_many_events_and_bookings(
    client, staff_login
):
    organiser = OrganisationFactory()
    staff_login(PartnerOfficerFactory(organisation=organiser))
    event = PublishedEventFactory(organiser=organiser, capacity=3)
    changelist = reverse("admin:events_event_changelist")
    bookings = reverse("admin:events_event_bookings", args=[event.pk])
    download = reverse("admin:events_event_bookings_download", args=[event.pk])

    def book(number: int):
        for _ in range(number):
            BookingFactory(event=event, user=MemberFactory(), status="booked")

    make_events(2, organiser, spread=1)
    book(2)
    client.get(changelist)  # the first request of a session does its own bookkeeping
    few = [count_queries(client, url) for url in (changelist, bookings, download)]
    make_events(20, organiser, spread=1)
    book(15)
    many = [count_queries(client, url) for url in (changelist, bookings, download)]

    assert few == many
    assert max(many) <= 25
