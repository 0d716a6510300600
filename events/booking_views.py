"""Booking a place from the event's page: the visitor's own booking panel (a personal part of
the shared page) and the POSTs that book and cancel.

A booking is always for the signed-in visitor: the views take nobody's id from the request,
and one that names another account is refused outright.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from registers.cache import data_version

from . import booking as services
from .models import Booking, BookingStatus, Event
from .signals import bookings_version

# How long the panel shown to visitors who are not signed in is kept (see booking_panel); a
# booking or a change of data renews its key before then.
PUBLIC_PANEL_SECONDS = 60 * 60

# Messages are said in the booking panel (templates/_messages.html, place="booking"), and the
# redirect opens the page there.
HERE = {"extra_tags": "booking"}


def booking_panel(request, *, event_id: int) -> str:
    """What the visitor sees of booking on the event's page: their place, or where they are
    on the waiting list, or how to book, and the places left. Rendered for each signed-in
    visitor, never kept in the shared page (registers.pagecache), so it is always theirs and
    up to date.

    Every visitor who is not signed in sees the same panel ("Sign in to book", the places
    left; no form, no token, no message). It is kept for them under the data version and the
    event's bookings version (``events.signals``: renewed by every booking made, moved or
    cancelled), so the public's event pages cost no query when the shared page answers and
    still show the places left as they are."""
    if request.user.is_authenticated:
        return _booking_panel(request, event_id)
    key = (
        f"events:public-booking-panel:{data_version()}:{bookings_version(event_id)}:"
        f"{event_id}:{request.path}"
    )
    panel = cache.get(key)
    if panel is None:
        panel = _booking_panel(request, event_id)
        cache.set(key, panel, PUBLIC_PANEL_SECONDS)
    return panel


def _booking_panel(request, event_id: int) -> str:
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return ""
    if not event.is_published:
        # The admin's preview of a draft: nobody can book it yet.
        return render_to_string("events/_booking_panel.html", {"draft": True}, request=request)
    booked = event.bookings.booked().count()
    own = None
    position = None
    if request.user.is_authenticated:
        own = Booking.objects.filter(event=event, user=request.user).first()
        if own is not None and own.status == BookingStatus.WAITING:
            position = services.waiting_position(own)
    now = timezone.now()
    window = services.booking_window(event, now)
    free = services.places_left(event, booked)
    context = {
        "event": event,
        "window": window,
        # Once it has started nothing can be booked or cancelled, and places no longer count.
        "started": now >= event.starts_at,
        "capacity": event.capacity,
        "free": free,
        "full": free == 0,
        "own": own,
        "position": position,
        "waiting": event.bookings.waiting().count() if free == 0 else 0,
    }
    return render_to_string("events/_booking_panel.html", context, request=request)


def _event_for(request, slug) -> Event:
    """The event, if the visitor may see it (a draft or another audience's event is a 404)."""
    return get_object_or_404(Event.objects.visible_to(request.user), slug=slug)


def _only_for_themselves(request) -> None:
    # A booking is the visitor's own: a request naming anyone else is forged or mistaken.
    for named in (request.POST.get("user"), request.GET.get("user")):
        if named is not None and named != str(request.user.pk):
            raise PermissionDenied("You can book and cancel places only for yourself.")


def _refused(request, event: Event, refusal: services.BookingRefused, heading: str):
    """A booking that cannot be done says why on a page of its own, with the status that fits
    (409: not now, the event's state forbids it), and leads back to the event."""
    if refusal.status == 404:
        raise Http404(refusal.message)
    context = {"event": event, "heading": heading, "reason": refusal.message}
    return TemplateResponse(request, "events/booking_refused.html", context, status=refusal.status)


def _back_to(event: Event):
    return redirect(event.get_absolute_url() + "#booking-message")


def _noun(event: Event) -> str:
    return event.get_kind_display().lower()


@require_POST
def book(request, slug):
    event = _event_for(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    _only_for_themselves(request)
    try:
        place, made = services.book(event=event, user=request.user)
    except services.BookingRefused as refusal:
        return _refused(request, event, refusal, "You cannot book a place")
    if place.status == BookingStatus.BOOKED:
        said = "You have a place." if made else "You already have a place: nothing was changed."
        messages.success(request, said, **HERE)
    else:
        position = services.waiting_position(place)
        if made:
            said = (
                f"The {_noun(event)} is full: you are number {position} on the waiting list. "
                "If a place comes free it is given to the first in line, who is told by e-mail."
            )
        else:
            said = f"You are already number {position} on the waiting list: nothing was changed."
        messages.info(request, said, **HERE)
    return _back_to(event)


@require_POST
def cancel(request, slug):
    event = _event_for(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    _only_for_themselves(request)
    try:
        cancelled = services.cancel(event=event, user=request.user)
    except services.BookingRefused as refusal:
        return _refused(request, event, refusal, "You cannot cancel this place")
    if cancelled.was == BookingStatus.BOOKED:
        messages.success(request, "Your place is cancelled.", **HERE)
    elif cancelled.was == BookingStatus.WAITING:
        messages.success(request, "You have left the waiting list.", **HERE)
    else:
        messages.info(
            request, "You had no place on this event, so there was nothing to cancel.", **HERE
        )
    return _back_to(event)
