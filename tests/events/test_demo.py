"""``manage.py load_demo`` loads the events the strategy plans, through the events app's own
declaration, and a second run writes nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.demo import EVENTS, check_data
from events.models import Audience, Booking, BookingStatus, Event, EventKind

pytestmark = pytest.mark.django_db


def test_the_demo_data_are_consistent():
    assert check_data() == []


def test_load_demo_loads_past_and_upcoming_events_with_bookings_and_writes_nothing_again(
    capsys,
):
    call_command("load_demo")
    first = capsys.readouterr().out

    assert f"events: {len(EVENTS)} created" in first
    now = timezone.now()
    conference = Event.objects.get(title="London e-Government Conference 2026")
    assert conference.kind == EventKind.CONFERENCE and conference.is_published
    assert timezone.localtime(conference.starts_at).month in (5, 6)
    assert conference.ends_at < now and conference.attended
    assert conference.papers.count() >= 2
    # Past workshops have their papers and how many came; the upcoming ones have neither.
    past = Event.objects.past(now).filter(kind=EventKind.WORKSHOP)
    assert past.count() >= 2
    assert all(event.attended and event.papers.exists() for event in past)
    upcoming = Event.objects.public().upcoming(now)
    assert upcoming.count() >= 3
    assert not upcoming.filter(attended__isnull=False).exists()
    # One upcoming workshop is full, with a waiting list behind it in the order people asked.
    full = [
        event
        for event in upcoming.filter(capacity__isnull=False)
        if event.bookings.booked().count() == event.capacity
    ]
    assert len(full) == 1 and full[0].kind == EventKind.WORKSHOP
    waiting = list(full[0].bookings.waiting())
    assert waiting
    assert min(w.created_at for w in waiting) > max(b.created_at for b in full[0].bookings.booked())
    assert all(booking.created_at < now for booking in Booking.objects.all())
    assert not Booking.objects.filter(organisation__isnull=True).exists()
    # One for partners only, to come; one webinar, online.
    partners_only = Event.objects.published().filter(audience=Audience.PARTNERS)
    assert partners_only.count() == 1 and partners_only.get().ends_at > now
    webinar = Event.objects.get(kind=EventKind.WEBINAR)
    assert webinar.online and webinar.joining_url and not webinar.venue

    bookings = set(Booking.objects.values_list("pk", "status", "created_at"))
    changed = Event.objects.order_by("-updated_at").values_list("updated_at", flat=True)[0]
    history = Event.history.count()

    call_command("load_demo")
    second = capsys.readouterr().out

    assert f"events: {len(EVENTS)} unchanged" in second
    booked = sum(len(item.get("bookings", [])) for item in EVENTS)
    assert f"event bookings: {booked} unchanged" in second
    assert "event themes" not in second and "event paper lists" not in second
    assert set(Booking.objects.values_list("pk", "status", "created_at")) == bookings
    assert Event.objects.order_by("-updated_at").values_list("updated_at", flat=True)[0] == changed
    assert Event.history.count() == history
    assert Booking.objects.filter(status=BookingStatus.WAITING).count() == 1
