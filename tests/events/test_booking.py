"""Booking services: places while there is room, then the waiting list in order; one booking
per person; the booking window; and a freed place going at once to the first in line, who is
mailed after the commit."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from events import booking
from events.models import Booking, BookingStatus
from tests.factories import MemberFactory, UserFactory

from .factories import BookingFactory, EventFactory, PartnersOnlyEventFactory, PublishedEventFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def status_of(event, user):
    found = Booking.objects.filter(event=event, user=user).first()
    return found.status if found else None


def test_places_are_booked_while_there_is_room_then_people_wait_in_order():
    event = PublishedEventFactory(capacity=2)
    people = [MemberFactory() for _ in range(5)]

    results = [booking.book(event=event, user=person) for person in people]

    assert [place.status for place, _made in results] == ["booked"] * 2 + ["waiting"] * 3
    assert all(made for _place, made in results)
    assert [booking.waiting_position(place) for place, _ in results[2:]] == [1, 2, 3]
    # The booking records the organisation the person came from.
    assert results[0][0].organisation == people[0].membership.organisation


def test_no_limit_means_everyone_gets_a_place():
    event = PublishedEventFactory(capacity=None)

    statuses = {booking.book(event=event, user=MemberFactory())[0].status for _ in range(4)}

    assert statuses == {BookingStatus.BOOKED}


def test_a_signed_in_account_of_no_partner_books_a_public_event():
    event = PublishedEventFactory(capacity=3)
    visitor = UserFactory()

    place, made = booking.book(event=event, user=visitor)

    assert made and place.status == BookingStatus.BOOKED and place.organisation is None


def test_booking_again_returns_the_same_booking_and_adds_no_row():
    event = PublishedEventFactory(capacity=1)
    first, second = MemberFactory(), MemberFactory()
    booking.book(event=event, user=first)
    waiting, _ = booking.book(event=event, user=second)

    again_booked, made_booked = booking.book(event=event, user=first)
    again_waiting, made_waiting = booking.book(event=event, user=second)

    assert not made_booked and again_booked.status == BookingStatus.BOOKED
    assert not made_waiting and again_waiting.pk == waiting.pk
    assert Booking.objects.filter(event=event).count() == 2


def test_the_database_holds_one_booking_per_person():
    place = BookingFactory()

    with pytest.raises(IntegrityError):
        BookingFactory(event=place.event, user=place.user, status=BookingStatus.WAITING)


def test_a_double_submit_that_meets_the_constraint_gets_the_booking_already_made(monkeypatch):
    """The race the lock cannot stop on SQLite: the other request's row is committed between
    this one's look-up and its insert. The constraint refuses a second row; the retry finds
    the first and returns it."""
    event = PublishedEventFactory(capacity=5)
    person = MemberFactory()
    other_request = BookingFactory(event=event, user=person)
    real_filter = Booking.objects.filter
    looks = []

    def look_before_the_other_request_committed(*args, **kwargs):
        looks.append(kwargs)
        found = real_filter(*args, **kwargs)
        return found.none() if len(looks) == 1 else found

    monkeypatch.setattr(Booking.objects, "filter", look_before_the_other_request_committed)

    place, made = booking.book(event=event, user=person)

    assert len(looks) == 2  # the first look missed it, the insert failed, the retry found it
    assert not made and place.pk == other_request.pk
    assert Booking.objects.filter(event=event, user=person).count() == 1


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"booking_opens_at": "tomorrow"}, "Booking opens on"),
        ({"booking_closes_at": "an hour ago"}, "Booking closed on"),
        ({"starts_at": "an hour ago"}, "This event has started, so booking is closed."),
        ({"starts_at": "a day ago", "ends_at": "an hour ago"}, "This event is over."),
    ],
)
def test_booking_outside_its_window_is_refused_with_the_reason(changes, reason):
    now = timezone.now()
    moments = {
        "tomorrow": now + 24 * HOUR,
        "an hour ago": now - HOUR,
        "a day ago": now - 24 * HOUR,
    }
    values = {field: moments[when] for field, when in changes.items()}
    if "starts_at" in values and "ends_at" not in values:
        values["ends_at"] = now + 5 * HOUR
    event = PublishedEventFactory(capacity=10, **values)

    with pytest.raises(booking.BookingRefused) as refused:
        booking.book(event=event, user=MemberFactory())

    assert refused.value.status == 409
    assert reason in refused.value.message
    assert not Booking.objects.exists()


def test_booking_opens_and_closes_at_the_times_given():
    now = timezone.now()
    event = PublishedEventFactory(booking_opens_at=now - HOUR, booking_closes_at=now + HOUR)

    assert booking.booking_window(event, now).is_open
    assert not booking.booking_window(event, now - 2 * HOUR).is_open
    assert booking.booking_window(event, now + HOUR).reason.startswith("Booking closed on")


def test_the_reason_gives_london_time():
    # 1 July: British Summer Time, an hour ahead of UTC.
    opens = datetime.datetime(2027, 7, 1, 8, 30, tzinfo=datetime.UTC)
    event = PublishedEventFactory(
        starts_at=datetime.datetime(2027, 7, 20, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 7, 20, 16, tzinfo=datetime.UTC),
        booking_opens_at=opens,
    )

    window = booking.booking_window(event, opens - HOUR)

    assert window.reason == "Booking opens on Thursday 1 July 2027, 9:30am."


@pytest.mark.parametrize(
    ("factory", "user_factory"),
    [(EventFactory, MemberFactory), (PartnersOnlyEventFactory, UserFactory)],
    ids=["draft", "partners only, not a partner"],
)
def test_an_event_the_user_may_not_see_cannot_be_booked(factory, user_factory):
    event = factory(capacity=10)

    with pytest.raises(booking.BookingRefused) as refused:
        booking.book(event=event, user=user_factory())

    assert refused.value.status == 404
    assert not Booking.objects.exists()


def test_a_partner_books_a_partners_only_event():
    event = PartnersOnlyEventFactory(capacity=10)

    place, _ = booking.book(event=event, user=MemberFactory())

    assert place.status == BookingStatus.BOOKED


def test_a_freed_place_goes_at_once_to_the_first_in_line_who_is_mailed_after_the_commit(
    django_capture_on_commit_callbacks,
):
    event = PublishedEventFactory(capacity=2, title="Smart cards workshop")
    holders = [MemberFactory() for _ in range(2)]
    first, second = MemberFactory(email="first@borough.example.org"), MemberFactory()
    for person in [*holders, first, second]:
        booking.book(event=event, user=person)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cancelled = booking.cancel(event=event, user=holders[0])
    assert mail.outbox == []  # nothing is sent before the commit

    assert cancelled.was == BookingStatus.BOOKED
    assert [given.user for given in cancelled.given_to] == [first]
    promoted = Booking.objects.get(event=event, user=first)
    assert promoted.status == BookingStatus.BOOKED and promoted.offered_at is not None
    assert status_of(event, holders[0]) is None
    assert status_of(event, second) == BookingStatus.WAITING
    assert booking.waiting_position(Booking.objects.get(event=event, user=second)) == 1
    assert event.bookings.booked().count() == 2  # never more than the capacity

    for callback in callbacks:
        callback()

    assert [message.to for message in mail.outbox] == [["first@borough.example.org"]]
    message = mail.outbox[0]
    assert message.subject == "LondonConnects: you have a place at Smart cards workshop"
    assert "it is now yours" in message.body
    assert f"https://londonconnects.test{event.get_absolute_url()}" in message.body


def test_a_place_freed_without_a_cancellation_goes_to_the_first_in_line_not_a_newcomer(
    django_capture_on_commit_callbacks,
):
    # An editor deletes the account of someone with a place (its booking goes with it): the
    # next to book must not take the place ahead of those already waiting for it.
    event = PublishedEventFactory(capacity=1)
    holder, first, newcomer = MemberFactory(), MemberFactory(), MemberFactory()
    for person in (holder, first):
        booking.book(event=event, user=person)
    holder.delete()

    with django_capture_on_commit_callbacks(execute=True):
        place, made = booking.book(event=event, user=newcomer)

    assert made and place.status == BookingStatus.WAITING
    assert booking.waiting_position(place) == 1
    assert status_of(event, first) == BookingStatus.BOOKED
    assert event.bookings.booked().count() == 1
    assert [message.to for message in mail.outbox] == [[first.email]]


def test_a_partners_only_place_goes_to_the_first_in_line_who_may_see_the_event(
    django_capture_on_commit_callbacks,
):
    # Someone of no partner joined the line while the event was public; it is now for
    # partners only, so the freed place (and its mail) goes to the partner behind them.
    event = PublishedEventFactory(capacity=1)
    holder, outsider, partner = MemberFactory(), UserFactory(), MemberFactory()
    for person in (holder, outsider, partner):
        booking.book(event=event, user=person)
    event.audience = "partners"
    event.save()

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = booking.cancel(event=event, user=holder)

    assert [given.user for given in cancelled.given_to] == [partner]
    assert status_of(event, partner) == BookingStatus.BOOKED
    assert status_of(event, outsider) == BookingStatus.WAITING
    assert [message.to for message in mail.outbox] == [[partner.email]]


def test_leaving_the_waiting_list_gives_nobody_a_place(django_capture_on_commit_callbacks):
    event = PublishedEventFactory(capacity=1)
    holder, first, second = MemberFactory(), MemberFactory(), MemberFactory()
    for person in (holder, first, second):
        booking.book(event=event, user=person)

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = booking.cancel(event=event, user=first)

    assert cancelled.was == BookingStatus.WAITING and cancelled.given_to == []
    assert status_of(event, second) == BookingStatus.WAITING
    assert mail.outbox == []


def test_the_place_mail_is_not_sent_to_someone_who_cancelled_before_it_went():
    place = BookingFactory(status=BookingStatus.BOOKED)
    place_id = place.pk
    place.delete()

    assert booking.send_place_given_mail(place_id) is False
    assert mail.outbox == []


def test_cancelling_nothing_changes_nothing():
    event = PublishedEventFactory(capacity=1)
    other = BookingFactory(event=event)

    cancelled = booking.cancel(event=event, user=MemberFactory())

    assert cancelled.was is None
    assert Booking.objects.get() == other


def test_a_place_cannot_be_cancelled_once_the_event_has_started():
    now = timezone.now()
    event = PublishedEventFactory(starts_at=now - HOUR, ends_at=now + HOUR)
    place = BookingFactory(event=event)

    with pytest.raises(booking.BookingRefused) as refused:
        booking.cancel(event=event, user=place.user)

    assert refused.value.status == 409
    assert Booking.objects.filter(pk=place.pk).exists()


def test_more_places_move_the_waiting_list_up_in_order(django_capture_on_commit_callbacks):
    event = PublishedEventFactory(capacity=1)
    people = [MemberFactory() for _ in range(4)]
    for person in people:
        booking.book(event=event, user=person)
    event.capacity = 3
    event.save()

    with django_capture_on_commit_callbacks(execute=True):
        given = booking.fill_free_places(event)

    assert [place.user for place in given] == people[1:3]
    assert status_of(event, people[3]) == BookingStatus.WAITING
    assert len(mail.outbox) == 2
