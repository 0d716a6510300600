"""Events in people's calendars (RFC 5545, through ``registers.calendar`` as funding's closing
dates are): ``/events/<slug>/event.ics`` adds one event once, ``/events/calendar.ics`` is a
feed of every public event to come that calendar apps subscribe to.

The feed holds public events only, even for a signed-in partner: calendar apps fetch it on
their own, with no session, and a subscription address passed around must not carry
partners-only meetings. A partner adds a partners-only event through its own ``event.ics``.
Times are written in London time with ``TZID=Europe/London`` and the zone's definition, so an
event at 10:00 after the clocks change is still at 10:00 in every app.
"""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from registers.cache import cached
from registers.calendar import calendar_etag, calendar_response, london_time, new_calendar, uid

from .filters import start_of_today
from .models import Event
from .views import where

# What a calendar entry needs of an event, and nothing its page alone shows.
FIELDS = (
    "pk",
    "slug",
    "title",
    "kind",
    "summary",
    "starts_at",
    "ends_at",
    "online",
    "venue",
    "address",
    "updated_at",
    "audience",
    "publication_status",
)


def event_uid(event: Event) -> str:
    return uid("event", event.pk)


def calendar_entry(request, event: Event) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", event_uid(event))
    # Both in UTC, as RFC 5545 wants: when the entry last changed, so an app that has it
    # already knows to take the new times or place.
    entry.add("dtstamp", event.updated_at)
    entry.add("last-modified", event.updated_at)
    entry.add("dtstart", london_time(event.starts_at))
    entry.add("dtend", london_time(event.ends_at))
    entry.add("summary", event.title)
    url = request.build_absolute_uri(event.get_absolute_url())
    entry.add("url", url)
    entry.add("description", f"{event.summary}\n\n{url}")
    # Never the joining link of an online event: that is for those booked.
    entry.add("location", where(event))
    entry.add("categories", [event.get_kind_display()])
    return entry


def calendar_of(request, events, *, name: str, description: str, feed: bool) -> Calendar:
    calendar = new_calendar(
        product="Events",
        name=name,
        description=description,
        refresh=datetime.timedelta(hours=6) if feed else None,
    )
    for event in events:
        calendar.add_component(calendar_entry(request, event))
    return calendar


def feed_events():
    """Public events not over before today began, soonest first. Counting from the start of
    the day rather than this minute makes the feed one file per day and per change of the
    data, which is how it is cached (and an app's today still shows today's events)."""
    return Event.objects.public().upcoming(now=start_of_today()).only(*FIELDS)


@require_safe
@condition(etag_func=calendar_etag)
def upcoming_calendar(request):
    # Built once per day and per change of the data (and per host name, which the event
    # addresses carry), then served as bytes.
    body = cached(
        "events-calendar",
        [
            ("today", timezone.localdate().isoformat()),
            ("origin", f"{request.scheme}://{request.get_host()}"),
        ],
        lambda: calendar_of(
            request,
            feed_events(),
            name="LondonConnects: events",
            description="Workshops, seminars, webinars and the London e-Government Conference, "
            "open to the public, listed on LondonConnects.",
            feed=True,
        ).to_ical(),
    )
    return calendar_response(body, filename="londonconnects-events.ics")


@require_safe
def event_calendar(request, slug: str):
    """One event, to add to a calendar once: a draft, or a partners-only event asked for by
    someone who is not a partner, is a 404, as its page is."""
    event = get_object_or_404(Event.objects.visible_to(request.user).only(*FIELDS), slug=slug)
    calendar = calendar_of(
        request,
        [event],
        name=event.title,
        description=f"{event.title}, on LondonConnects.",
        feed=False,
    )
    response = calendar_response(calendar.to_ical(), filename=f"{event.slug}.ics", download=True)
    if event.is_partners_only:
        patch_cache_control(response, private=True)
    return response
