"""What each visitor sees of booking on an event's page, and that the shared page cache never
shows one visitor's booking (or the joining link only people booked get) to another."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

import registers.pagecache
from events.booking_views import booking_panel
from events.models import BookingStatus
from tests.factories import MemberFactory, UserFactory

from .factories import BookingFactory, PublishedEventFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def visitor(user=None):
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    if user is not None:
        client.force_login(user)
    return client


def panel(client, event) -> str:
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('id="booking"')
    return page[start : page.index("</section>", start)]


def test_signed_out_visitors_are_asked_to_sign_in_to_book():
    event = PublishedEventFactory(capacity=40)
    BookingFactory.create_batch(28, event=event)

    section = panel(visitor(), event)

    assert "Sign in to book" in section and f"next={event.get_absolute_url()}" in section
    assert "12 of 40 places left" in section
    assert "<form" not in section


def test_a_signed_in_visitor_with_no_place_can_book():
    event = PublishedEventFactory(capacity=40)

    section = panel(visitor(UserFactory()), event)

    assert "Book a place" in section and "40 of 40 places left" in section
    assert "You have a place" not in section


def test_a_full_event_offers_the_waiting_list():
    event = PublishedEventFactory(capacity=2)
    BookingFactory.create_batch(2, event=event)
    BookingFactory(event=event, status=BookingStatus.WAITING)

    section = panel(visitor(MemberFactory()), event)

    assert "Full — join the waiting list (1 waiting)" in section
    assert "Join the waiting list" in section


def test_someone_booked_sees_their_place_and_can_cancel():
    event = PublishedEventFactory(capacity=10)
    place = BookingFactory(event=event)

    section = panel(visitor(place.user), event)

    assert "You have a place" in section and "Cancel my place" in section
    assert "Book a place</button>" not in section


def test_someone_waiting_sees_their_number_and_can_leave():
    event = PublishedEventFactory(capacity=1)
    BookingFactory(event=event)
    BookingFactory(event=event, status=BookingStatus.WAITING)
    mine = BookingFactory(event=event, status=BookingStatus.WAITING)

    section = panel(visitor(mine.user), event)

    assert "You are number 2 on the waiting list" in section
    assert "Leave the waiting list" in section


def test_unlimited_places():
    section = panel(visitor(MemberFactory()), PublishedEventFactory(capacity=None))

    assert "Places are not limited." in section and "Book a place" in section


def test_before_booking_opens_and_after_it_closes_the_page_says_so():
    now = timezone.now()
    not_yet = PublishedEventFactory(booking_opens_at=now + 24 * HOUR)
    closed = PublishedEventFactory(booking_closes_at=now - HOUR)

    waiting_to_open = panel(visitor(MemberFactory()), not_yet)
    too_late = panel(visitor(MemberFactory()), closed)

    assert "Booking opens on" in waiting_to_open and "<form" not in waiting_to_open
    assert "Booking closed on" in too_late and "<form" not in too_late


def test_the_joining_link_is_shown_only_to_those_booked():
    event = PublishedEventFactory(
        online=True, venue="", address="", joining_url="https://meet.example.org/secret-room"
    )
    place = BookingFactory(event=event)

    assert "meet.example.org/secret-room" in panel(visitor(place.user), event)
    assert "meet.example.org/secret-room" not in panel(visitor(MemberFactory()), event)
    assert "meet.example.org/secret-room" not in panel(visitor(), event)


def test_the_shared_page_cache_never_shows_one_visitors_booking_to_another(settings, monkeypatch):
    settings.SHARED_PAGE_CACHE_SECONDS = 3600
    kept = []
    real = registers.pagecache.cache

    class Recording:
        def get(self, key, *args, **kwargs):
            return real.get(key, *args, **kwargs)

        def set(self, key, value, *args, **kwargs):
            kept.append(value[0])
            return real.set(key, value, *args, **kwargs)

    monkeypatch.setattr(registers.pagecache, "cache", Recording())
    event = PublishedEventFactory(
        capacity=40, online=True, venue="", joining_url="https://meet.example.org/secret-room"
    )
    booked = BookingFactory(event=event)  # a partner, as the other visitor is
    other = MemberFactory()
    path = event.get_absolute_url()

    first = visitor(booked.user).get(path)
    second = visitor(other).get(path)

    assert first["X-Shared-Page-Cache"] == "miss" and second["X-Shared-Page-Cache"] == "hit"
    assert "You have a place" in first.content.decode()
    seen = second.content.decode()
    assert "You have a place" not in seen and "Cancel my place" not in seen
    assert "secret-room" not in seen
    assert "Book a place" in seen and "39 of 40 places left" in seen
    # What was kept for everyone holds nothing of the first visitor's.
    assert kept and not any(
        "You have a place" in page or "secret-room" in page or "places left" in page
        for page in kept
    )


def test_places_left_are_current_on_a_cached_page(settings):
    """A booking is not register data (it does not renew the cache's data version), so the
    count is a part of the page filled for each request."""
    settings.SHARED_PAGE_CACHE_SECONDS = 3600
    event = PublishedEventFactory(capacity=5)
    assert "5 of 5 places left" in panel(visitor(), event)

    BookingFactory(event=event)
    response = visitor().get(event.get_absolute_url())

    assert response["X-Shared-Page-Cache"] == "hit"
    assert "4 of 5 places left" in response.content.decode()


def test_the_booking_panel_costs_a_fixed_number_of_queries(rf, django_assert_max_num_queries):
    event = PublishedEventFactory(capacity=3)
    BookingFactory.create_batch(3, event=event)
    waiting = BookingFactory.create_batch(12, event=event, status=BookingStatus.WAITING)
    request = rf.get(event.get_absolute_url())
    request.user = waiting[-1].user

    # The event, the places taken, the visitor's booking, their place in line, those waiting.
    with django_assert_max_num_queries(5):
        html = booking_panel(request, event_id=event.pk)

    assert "You are number 12 on the waiting list" in html
    assert "Full (12 waiting)" in html


def test_a_drafts_preview_offers_no_booking(client, staff_login):
    from django.urls import reverse

    from tests.factories import PartnerOfficerFactory

    from .factories import EventFactory

    draft = EventFactory(capacity=10)
    staff_login(PartnerOfficerFactory(organisation=draft.organiser))

    response = client.get(reverse("admin:events_event_preview", args=[draft.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "places can be booked once it is" in page and "Book a place</button>" not in page


def test_an_event_over_has_no_booking_section():
    now = timezone.now()
    over = PublishedEventFactory(starts_at=now - 50 * HOUR, ends_at=now - 48 * HOUR)
    place = BookingFactory(event=over)

    page = visitor(place.user).get(over.get_absolute_url()).content.decode()

    assert 'id="booking"' not in page and "You have a place" not in page


def test_the_publics_event_page_costs_no_query_from_the_shared_cache_until_a_booking(
    settings, django_assert_num_queries
):
    """Everyone not signed in sees the same booking panel: kept with the event's bookings
    version, so the shared page answers them without the database, and a booking made, moved
    or cancelled (a cascade included) shows at once."""
    settings.SHARED_PAGE_CACHE_SECONDS = 3600
    event = PublishedEventFactory(capacity=5)
    public = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_COOKIE="a=1")  # no page cache
    assert "5 of 5 places left" in panel(public, event)

    with django_assert_num_queries(0):
        again = public.get(event.get_absolute_url())
    assert again["X-Shared-Page-Cache"] == "hit" and "5 of 5 places left" in again.text

    booking = BookingFactory(event=event)
    assert "4 of 5 places left" in panel(public, event)
    booking.user.delete()  # the booking goes with the account
    assert "5 of 5 places left" in panel(public, event)
