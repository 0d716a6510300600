"""``/funding/deadlines.ics``: the closing dates of funds not yet closed, as an iCalendar
(RFC 5545) feed that Outlook and Google Calendar can subscribe to."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import condition
from icalendar import Calendar, Event, Timezone

from registers.cache import cached, data_version

from .models import FundingSource

PRODID = "-//LondonConnects//Funding deadlines//EN"


def event_uid(fund: FundingSource) -> str:
    # The primary key never changes (a title, and so a slug, may): subscribers keep one event.
    return f"funding-source-{fund.pk}-closing-date@{settings.ICAL_UID_DOMAIN}"


def deadlines_calendar(request) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "LondonConnects: funding closing dates")
    calendar.add("x-wr-caldesc", "Closing dates of funding sources listed on LondonConnects.")
    calendar.add("refresh-interval", datetime.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    # RFC 5545 wants at least one component, and there may be no deadlines: London's time
    # zone is always there (the events themselves are all-day dates).
    calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    funds = (
        FundingSource.objects.published()
        .not_closed()
        .filter(closes_on__isnull=False)
        .order_by("closes_on", "pk")
    )
    for fund in funds:
        event = Event()
        event.add("uid", event_uid(fund))
        event.add("dtstamp", fund.updated_at)
        event.add("last-modified", fund.updated_at)
        event.add("summary", f"Closing date: {fund.title}")
        event.add("dtstart", fund.closes_on)
        event.add("dtend", fund.closes_on + datetime.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        url = request.build_absolute_uri(fund.get_absolute_url())
        event.add("url", url)
        event.add("description", f"{fund.summary}\n\n{url}")
        calendar.add_component(event)
    return calendar


def calendar_etag(request) -> str:
    # Calendar apps poll the feed: a poll with nothing new since gets a 304, not 4 MB.
    return f"{data_version()}-{timezone.localdate().isoformat()}"


@condition(etag_func=calendar_etag)
def deadlines(request):
    # Building thousands of events takes seconds: build once per day and per change of the
    # data (and per host name, which the event URLs carry), then serve the bytes.
    body = cached(
        "funding-calendar",
        [
            ("today", timezone.localdate().isoformat()),
            ("origin", f"{request.scheme}://{request.get_host()}"),
        ],
        lambda: deadlines_calendar(request).to_ical(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="londonconnects-funding-deadlines.ics"'
    return response
