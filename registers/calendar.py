"""iCalendar (RFC 5545) files of the registers' dates, one way for every register: funding's
closing dates (``/funding/deadlines.ics``) and events (``/events/calendar.ics`` and each
event's ``event.ics``).

A calendar always carries London's time zone (``VTIMEZONE``), so that timed events written
with ``TZID=Europe/London`` keep their London wall-clock time across a change of the clocks in
any calendar app; every entry has a UID built from its primary key, which never changes (a
title, and so a slug, may), so a subscriber's calendar updates one entry rather than adding a
second.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Timezone, vDuration

from .cache import data_version

CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid(*parts: object) -> str:
    """A stable, globally unique identifier: ``uid("event", 7)`` is
    ``event-7@<ICAL_UID_DOMAIN>``. The domain is a setting, not the request's host, so the same
    entry has the same UID whichever address it was fetched from."""
    return "-".join(str(part) for part in parts) + f"@{settings.ICAL_UID_DOMAIN}"


def new_calendar(
    *, product: str, name: str, description: str, refresh: datetime.timedelta | None = None
) -> Calendar:
    """An empty calendar named for a subscriber's list of calendars, with London's time zone.

    ``refresh`` asks subscribing apps to fetch it again that often (for a feed; a one-off file
    leaves it out)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//LondonConnects//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if refresh is not None:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    # RFC 5545 wants at least one component, and there may be no entries: London's time zone
    # is always there, and it is what timed entries' TZID refers to.
    calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    return calendar


def london_time(moment: datetime.datetime) -> datetime.datetime:
    """A stored (UTC) moment as London's wall-clock time, which icalendar writes with
    ``TZID=Europe/London``."""
    return timezone.localtime(moment, timezone.get_default_timezone())


def subscription_urls(request, path: str) -> dict[str, str]:
    """The addresses of a calendar feed at ``path``: to subscribe to (``webcal://`` opens the
    visitor's calendar app; the https one is for pasting into Outlook or Google) and to
    download once."""
    https = request.build_absolute_uri(path)
    return {
        "subscribe_url": https,
        "webcal_url": "webcal://" + https.split("://", 1)[1],
        "download_url": path,
    }


def calendar_etag(request) -> str:
    """Calendar apps poll a feed: a poll with nothing new since (no register change, the same
    London day, which decides what is still to come) gets a 304."""
    return f"{data_version()}-{timezone.localdate().isoformat()}"


def calendar_response(body: bytes, *, filename: str, download: bool = False) -> HttpResponse:
    """The calendar as the response: ``download`` for a single entry someone adds to their
    calendar once (the browser hands the file to the calendar app); inline for a feed that
    apps subscribe to."""
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
