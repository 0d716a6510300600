"""Concurrent bookings on PostgreSQL: each thread has its own connection and all start at
once, so only the event row's lock stands between them and an overbooked event."""

import threading

import pytest
from django.db import connection

from events import booking
from events.models import Booking, BookingStatus
from tests.factories import MemberFactory

from .factories import PublishedEventFactory

# Threads need committed rows; the serialized rollback leaves the reference data (roles,
# content types) as later tests expect it.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def all_at_once(calls) -> list:
    """Run each call in its own thread (and connection), released together by a barrier;
    returns what each returned or raised."""
    start = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the test asserts on it
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_people_asking_for_the_last_place_at_once_never_overbook():
    event = PublishedEventFactory(capacity=3)
    for _ in range(2):
        booking.book(event=event, user=MemberFactory())
    first, second = MemberFactory(), MemberFactory()

    outcomes = all_at_once(
        [
            lambda: booking.book(event=event, user=first),
            lambda: booking.book(event=event, user=second),
        ]  # fmt: skip
    )

    statuses = sorted(place.status for place, _made in outcomes)
    assert statuses == [BookingStatus.BOOKED, BookingStatus.WAITING]
    assert event.bookings.booked().count() == 3


def test_n_people_at_once_on_k_places_give_k_places_and_the_rest_wait_in_order():
    capacity, people = 4, 12
    event = PublishedEventFactory(capacity=capacity)
    users = [MemberFactory() for _ in range(people)]

    outcomes = all_at_once(
        [lambda user=user: booking.book(event=event, user=user) for user in users]
    )

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    rows = list(Booking.objects.filter(event=event).order_by("created_at", "pk"))
    assert len(rows) == people
    # The first K rows made (under the lock, one after another) have the places.
    assert [row.status for row in rows] == ["booked"] * capacity + ["waiting"] * (people - capacity)
    # The rows were made in the order the lock let them in: pk and time agree.
    assert [row.pk for row in rows] == sorted(row.pk for row in rows)
    waiting = [row for row in rows if row.status == BookingStatus.WAITING]
    assert [booking.waiting_position(row) for row in waiting] == list(range(1, len(waiting) + 1))


def test_a_double_submit_at_once_makes_one_booking():
    event = PublishedEventFactory(capacity=10)
    person = MemberFactory()

    outcomes = all_at_once([lambda: booking.book(event=event, user=person)] * 4)

    assert sorted(made for _place, made in outcomes) == [False, False, False, True]
    assert Booking.objects.filter(event=event, user=person).count() == 1


def test_cancellations_and_bookings_at_once_never_overbook():
    event = PublishedEventFactory(capacity=3)
    holders = [MemberFactory() for _ in range(3)]
    for holder in holders:
        booking.book(event=event, user=holder)
    newcomers = [MemberFactory() for _ in range(6)]

    calls = [lambda user=user: booking.cancel(event=event, user=user) for user in holders[:2]]
    calls += [lambda user=user: booking.book(event=event, user=user) for user in newcomers]
    outcomes = all_at_once(calls)

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert event.bookings.booked().count() == 3
    assert event.bookings.waiting().count() == 4
