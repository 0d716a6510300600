"""Booking places on events: booking, cancelling, the waiting list moving up, and the reminder
the day before.

Every booking and cancellation runs in one transaction that first locks the event's row
(``select_for_update``; SQLite's transaction locks the whole database), so two people asking
for the last place at once are served one after the other and the event is never overbooked.
One booking per person and event is also a database constraint: a double submit that slips
past the lock (SQLite) meets it and is answered with the booking already made.

A place that frees up goes at once to the first on the waiting list (in the order they asked:
``created_at``, then ``pk``), who is told by mail after the commit and can cancel like anyone
else. Nobody has to accept an offer in time, so a freed place is never left empty waiting for
an answer.
"""

import datetime
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone

from registers.admin import organisation_of
from registers.models import PublicationStatus

from . import times
from .models import Audience, Booking, BookingStatus, Event


class BookingRefused(Exception):
    """A booking or cancellation the rules do not allow now; the message says why, in words
    for the visitor, and ``status`` is the HTTP status the refusal answers with."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.message = message
        self.status = status


def london(moment: datetime.datetime) -> str:
    """A moment as the event pages write it: "Tuesday 12 May 2026, 10am" (London time)."""
    return f"{times.day(moment)}, {times.clock(moment)}"


# -- when booking is open ------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """Whether an event takes bookings at a moment, and if not, why (in words)."""

    is_open: bool
    reason: str = ""


def booking_window(event: Event, now: datetime.datetime | None = None) -> Window:
    now = now or timezone.now()
    if now >= event.ends_at:
        return Window(False, "This event is over.")
    if now >= event.starts_at:
        return Window(False, "This event has started, so booking is closed.")
    if event.booking_opens_at is not None and now < event.booking_opens_at:
        return Window(False, f"Booking opens on {london(event.booking_opens_at)}.")
    if event.booking_closes_at is not None and now >= event.booking_closes_at:
        return Window(False, f"Booking closed on {london(event.booking_closes_at)}.")
    return Window(True)


def places_left(event: Event, booked: int) -> int | None:
    """Free places with ``booked`` taken; None when places are not limited."""
    if event.capacity is None:
        return None
    return max(event.capacity - booked, 0)


def waiting_position(booking: Booking) -> int:
    """Where a waiting booking stands in line: 1 for the first."""
    ahead = Q(created_at__lt=booking.created_at) | Q(
        created_at=booking.created_at, pk__lt=booking.pk
    )
    return Booking.objects.waiting().filter(ahead, event_id=booking.event_id).count() + 1


def upcoming_bookings(user, now: datetime.datetime | None = None):
    """The user's places, and places in line, on events not yet over that they may still see,
    soonest first; each carries ``position``, its place in line (for a waiting one). One
    query, however many."""
    now = now or timezone.now()
    ahead = (
        Booking.objects.filter(event=OuterRef("event"), status=BookingStatus.WAITING)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Booking.objects.filter(
            user=user,
            event__in=Event.objects.visible_to(user).filter(ends_at__gte=now).values("pk"),
        )
        .annotate(position=Coalesce(Subquery(ahead), Value(0)) + 1)
        .select_related("event")
        .order_by("event__starts_at", "event_id")
    )


def may_see_event(bookings):
    """Only the bookings whose person may still see their event: one made partners only after
    someone of no partner booked it is not given to them, nor mailed to them."""
    return bookings.exclude(event__audience=Audience.PARTNERS, user__membership__isnull=True)


# -- booking and cancelling ----------------------------------------------------------------


def _locked_event(event: Event, user) -> Event:
    """The event's row, locked until the transaction ends; a 404 refusal if the user may not
    see it (a draft, or partners only for someone who is not a partner)."""
    locked = Event.objects.visible_to(user).select_for_update().filter(pk=event.pk).first()
    if locked is None:
        raise BookingRefused("There is no such event.", status=404)
    return locked


def book(*, event: Event, user) -> tuple[Booking, bool]:
    """Book ``user`` a place on ``event``, or a place on its waiting list when it is full.
    Returns the booking and whether it is new: asking again (a double submit) returns the
    booking already made and adds no row."""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                locked = _locked_event(event, user)
                existing = Booking.objects.filter(event=locked, user=user).first()
                if existing is not None:
                    return existing, False
                window = booking_window(locked)
                if not window.is_open:
                    raise BookingRefused(window.reason)
                booked = locked.bookings.booked().count()
                free = places_left(locked, booked)
                if free != 0 and Booking.objects.waiting().filter(event=locked).exists():
                    # A place freed other than by a cancellation here (an account deleted)
                    # goes to those already in line before anyone new.
                    free = places_left(locked, booked + len(fill_free_places(locked)))
                status = BookingStatus.BOOKED if free is None or free > 0 else BookingStatus.WAITING
                booking = Booking.objects.create(
                    event=locked, user=user, organisation=organisation_of(user), status=status
                )
                return booking, True
        except IntegrityError:
            # The same person's other request made the row first: the next attempt finds it.
            continue
    raise BookingRefused("The booking could not be made. Please try again.")


@dataclass(frozen=True)
class Cancelled:
    """What a cancellation did: the status the booking had (None if there was none) and who
    was given the place it freed."""

    was: str | None
    given_to: list[Booking]


def cancel(*, event: Event, user) -> Cancelled:
    """Cancel ``user``'s place, or take them off the waiting list. A place freed goes at once
    to the first on the waiting list, who is mailed after the commit. Cancelling a booking
    that is not there (a double submit) changes nothing."""
    with transaction.atomic():
        locked = _locked_event(event, user)
        booking = Booking.objects.filter(event=locked, user=user).first()
        if booking is None:
            return Cancelled(was=None, given_to=[])
        if timezone.now() >= locked.starts_at:
            raise BookingRefused(
                "This event has started, so its places can no longer be cancelled here."
            )
        booking.delete()
        given_to = fill_free_places(locked) if booking.status == BookingStatus.BOOKED else []
        return Cancelled(was=booking.status, given_to=given_to)


def fill_free_places(event: Event) -> list[Booking]:
    """Give free places to the first on the waiting list, in order, and mail each after the
    commit. Call it with the event's row locked (after a cancellation, or when an organiser
    raises the capacity). Nothing moves once the event has started."""
    # Imported here: the task module imports this one for the mail it sends.
    from .tasks import send_place_given

    now = timezone.now()
    if now >= event.starts_at:
        return []
    free = places_left(event, event.bookings.booked().count())
    line = may_see_event(Booking.objects.waiting().filter(event=event))
    moving = list(line if free is None else line[:free])
    for booking in moving:
        booking.status = BookingStatus.BOOKED
        booking.offered_at = now
        booking.save(update_fields=["status", "offered_at"])
        # A queue that is down must not undo the place given: the organiser's list shows it.
        transaction.on_commit(partial(send_place_given.enqueue, booking.pk), robust=True)
    return moving


# -- mail ----------------------------------------------------------------------------------


def where(event: Event) -> str:
    """Where an event is held, on one line."""
    if event.online:
        return "online" + (f", joining at {event.joining_url}" if event.joining_url else "")
    lines = [event.venue, *(line.strip() for line in event.address.splitlines())]
    return ", ".join(line for line in lines if line)


def _mail(booking: Booking, subject: str, template: str) -> EmailMessage:
    event = booking.event
    context = {
        "user": booking.user,
        "event": event,
        "when": times.span(event.starts_at, event.ends_at),
        "event_url": settings.SITE_URL + event.get_absolute_url(),
        "where": where(event),
    }
    return EmailMessage(
        subject=subject, body=render_to_string(template, context), to=[booking.user.email]
    )


def place_given_mail(booking: Booking) -> EmailMessage:
    return _mail(
        booking,
        f"LondonConnects: you have a place at {booking.event.title}",
        "events/mail/place_given.txt",
    )


def reminder_mail(booking: Booking) -> EmailMessage:
    return _mail(
        booking,
        f"LondonConnects: {booking.event.title} is tomorrow",
        "events/mail/reminder.txt",
    )


def send_place_given_mail(booking_id: int) -> bool:
    """Tell the person who was given a freed place; nothing if they have cancelled since."""
    booking = (
        may_see_event(Booking.objects.booked())
        .filter(pk=booking_id, user__is_active=True)
        .exclude(user__email="")
        .select_related("event", "user")
        .first()
    )
    if booking is None:
        return False
    place_given_mail(booking).send()
    return True


def london_day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of ``day`` in London and of the day after, as aware times (a day may
    be 23 or 25 hours long when the clocks change)."""
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Mail everyone with a place on a published event that starts tomorrow (London's date),
    once: each booking is stamped as reminded in the same transaction as its mail is sent, so
    a second run, or one running beside it, sends it again to nobody. Returns mails sent."""
    now = now or timezone.now()
    start, end = london_day_bounds(timezone.localdate(now) + datetime.timedelta(days=1))
    due = (
        may_see_event(Booking.objects.booked())
        .filter(
            reminded_at__isnull=True,
            event__publication_status=PublicationStatus.PUBLISHED,
            event__starts_at__gte=start,
            event__starts_at__lt=end,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("event", "user")
        .order_by("event__starts_at", "pk")
    )
    due = list(due)
    if not due:
        return 0  # no connection to the mail server for nothing
    sent = 0
    with get_connection() as mail_server:  # one connection for every mail of the run
        for booking in due:
            with transaction.atomic():
                # Claimed first: a run beside this one finds it stamped and leaves it. A mail
                # that fails undoes the stamp, so the next run tries again.
                claimed = Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(
                    reminded_at=now
                )
                if claimed:
                    message = reminder_mail(booking)
                    message.connection = mail_server
                    message.send()
                    sent += 1
    return sent
