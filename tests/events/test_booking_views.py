"""Booking from the event's page: POST only, for the signed-in visitor themselves, redirected
back to the page with what happened said in the booking panel; refusals say why with a 409 or
a 404, never a 500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Booking, BookingStatus, EventKind
from tests.factories import MemberFactory, UserFactory

from .factories import BookingFactory, EventFactory, PartnersOnlyEventFactory, PublishedEventFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def book_url(event):
    return reverse("events:book", kwargs={"slug": event.slug})


def cancel_url(event):
    return reverse("events:cancel", kwargs={"slug": event.slug})


def panel(response) -> str:
    """The booking section of the event's page."""
    page = response.content.decode()
    start = page.index('id="booking"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def member(client):
    user = MemberFactory()
    client.force_login(user)
    return user


def test_booking_a_place(client, member):
    event = PublishedEventFactory(capacity=40)

    response = client.post(book_url(event), follow=True)

    assert response.redirect_chain == [(event.get_absolute_url() + "#booking-message", 302)]
    section = panel(response)
    assert 'id="booking-message"' in section and "You have a place." in section
    assert "Cancel my place" in section
    assert "39 of 40 places left" in section
    assert Booking.objects.get().user == member


def test_a_full_workshop_puts_you_on_the_waiting_list_with_your_number(client, member):
    event = PublishedEventFactory(capacity=2, kind=EventKind.WORKSHOP)
    BookingFactory.create_batch(2, event=event)
    BookingFactory(event=event, status=BookingStatus.WAITING)
    BookingFactory(event=event, status=BookingStatus.WAITING)

    response = client.post(book_url(event), follow=True)

    section = panel(response)
    assert "The workshop is full: you are number 3 on the waiting list." in section
    assert "You are number 3 on the waiting list" in section
    assert "Leave the waiting list" in section
    assert Booking.objects.get(user=member).status == BookingStatus.WAITING


def test_a_double_submit_books_once(client, member):
    event = PublishedEventFactory(capacity=5)

    client.post(book_url(event))
    again = client.post(book_url(event), follow=True)

    assert "You already have a place: nothing was changed." in panel(again)
    assert Booking.objects.filter(user=member).count() == 1


def test_cancelling_a_place(client, member):
    event = PublishedEventFactory(capacity=5)
    BookingFactory(event=event, user=member)

    response = client.post(cancel_url(event), follow=True)

    assert "Your place is cancelled." in panel(response)
    assert "Book a place" in panel(response)
    assert not Booking.objects.exists()


def test_cancelling_twice_says_there_was_nothing_to_cancel(client, member):
    event = PublishedEventFactory(capacity=5)
    BookingFactory(event=event, user=member)
    client.post(cancel_url(event))

    again = client.post(cancel_url(event), follow=True)

    assert again.status_code == 200
    assert "You had no place on this event, so there was nothing to cancel." in panel(again)


@pytest.mark.parametrize("url", [book_url, cancel_url], ids=["book", "cancel"])
def test_a_get_changes_nothing(client, member, url):
    event = PublishedEventFactory(capacity=5)
    BookingFactory(event=event, user=member)

    assert client.get(url(event)).status_code == 405
    assert Booking.objects.filter(user=member).exists()


def test_signed_out_a_post_is_sent_to_sign_in_and_books_nothing(client):
    event = PublishedEventFactory(capacity=5)

    response = client.post(book_url(event))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert event.get_absolute_url() in response["Location"]
    assert not Booking.objects.exists()


def test_a_post_naming_another_user_changes_nothing_for_them(client, member):
    event = PublishedEventFactory(capacity=1)
    other = BookingFactory(event=event)

    forged_cancel = client.post(cancel_url(event), {"user": other.user.pk})
    forged_book = client.post(book_url(event), {"user": other.user.pk})
    # The visitor's own cancel (no id) never touches anyone else's place.
    own_cancel = client.post(cancel_url(event))

    assert forged_cancel.status_code == 403 and forged_book.status_code == 403
    assert own_cancel.status_code == 302
    assert list(Booking.objects.values_list("user", "status")) == [(other.user.pk, "booked")]


def test_naming_yourself_is_allowed(client, member):
    event = PublishedEventFactory(capacity=1)

    assert client.post(book_url(event), {"user": member.pk}).status_code == 302
    assert Booking.objects.get().user == member


@pytest.mark.parametrize(
    ("when", "reason"),
    [
        ("closed", "Booking closed on"),
        ("not open", "Booking opens on"),
        ("started", "This event has started, so booking is closed."),
    ],
)
def test_booking_outside_the_window_is_refused_with_409_and_the_reason(
    client, member, when, reason
):
    now = timezone.now()
    values = {
        "closed": {"booking_closes_at": now - HOUR},
        "not open": {"booking_opens_at": now + HOUR},
        "started": {"starts_at": now - HOUR, "ends_at": now + HOUR},
    }[when]
    event = PublishedEventFactory(capacity=5, **values)

    response = client.post(book_url(event))

    assert response.status_code == 409
    page = response.content.decode()
    assert "<h1" in page and "You cannot book a place" in page and reason in page
    assert event.get_absolute_url() in page
    assert not Booking.objects.exists()


def test_cancelling_after_the_start_is_refused_with_409(client, member):
    now = timezone.now()
    event = PublishedEventFactory(starts_at=now - HOUR, ends_at=now + HOUR)
    BookingFactory(event=event, user=member)

    response = client.post(cancel_url(event))

    assert response.status_code == 409
    assert "You cannot cancel this place" in response.content.decode()
    assert Booking.objects.filter(user=member).exists()


@pytest.mark.parametrize(
    ("factory", "user_factory"),
    [
        (EventFactory, MemberFactory),
        (PartnersOnlyEventFactory, UserFactory),
    ],
    ids=["draft", "partners only"],
)
def test_an_event_the_visitor_may_not_see_is_a_404(client, factory, user_factory):
    event = factory(capacity=5)
    client.force_login(user_factory())

    assert client.post(book_url(event)).status_code == 404
    assert client.post(cancel_url(event)).status_code == 404
    assert not Booking.objects.exists()


def test_an_unknown_event_is_a_404(client, member):
    assert client.post(reverse("events:book", kwargs={"slug": "no-such-event"})).status_code == 404


def test_a_post_without_the_csrf_token_is_refused():
    from django.test import Client

    event = PublishedEventFactory(capacity=5)
    forger = Client(enforce_csrf_checks=True, HTTP_X_FORWARDED_PROTO="https")
    forger.force_login(MemberFactory())

    assert forger.post(book_url(event)).status_code == 403
    assert not Booking.objects.exists()
