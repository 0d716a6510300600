"""``/funding/deadlines.ics``: the closing dates of funds not yet closed, as an iCalendar
(RFC 5545) feed that Outlook and Google Calendar can subscribe to.

It takes the funding list's filters (``?sector=voluntary&theme=...``), so a subscriber gets
the deadlines of the funds their list shows; the list page offers its own filtered address."""

import datetime
from urllib.parse import urlencode

from django.http import HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import condition
from icalendar import Calendar, Event

from registers.cache import cached
from registers.calendar import (
    calendar_etag,
    calendar_response,
    new_calendar,
    subscription_urls,
    uid,
)
from registers.filters import chosen_filters, filter_errors

from .filters import FundingFilterSet
from .models import FundingSource


def event_uid(fund: FundingSource) -> str:
    return uid("funding-source", fund.pk, "closing-date")


def calendar_filters(query: QueryDict, today) -> FundingFilterSet:
    """The funding list's filters over the funds whose deadline is still to come."""
    funds = FundingSource.objects.published().with_status(today).not_closed()
    return FundingFilterSet(query, queryset=funds.filter(closes_on__isnull=False))


def filter_params(filterset) -> list[tuple[str, str]]:
    """The query parameters that decide a calendar's events: its filters (not the sort, and
    nothing else a link may carry, such as ?utm_source=)."""
    filterset.is_valid()
    # A value the list could not use (and left out) is left out of its calendar too.
    names = set(filterset.filters) - {"sort"} - set(filterset.form.errors)
    return sorted(
        (key, value) for key, values in filterset.data.lists() if key in names for value in values
    )


def calendar_urls(request, filterset) -> dict[str, str]:
    """The addresses of the calendar of the funds a filtered list shows."""
    query = urlencode(filter_params(filterset))
    path = reverse("funding:deadlines") + (f"?{query}" if query else "")
    return {**subscription_urls(request, path), "filtered": bool(query)}


def deadlines_calendar(request, filterset) -> Calendar:
    chosen = "; ".join(f"{label}: {values}" for label, values in chosen_filters(filterset))
    # The events themselves are all-day dates.
    calendar = new_calendar(
        product="Funding deadlines",
        name="LondonConnects: funding closing dates" + (f" ({chosen})" if chosen else ""),
        description="Closing dates of funding sources listed on LondonConnects.",
        refresh=datetime.timedelta(hours=12),
    )
    for fund in filterset.qs.order_by("closes_on", "pk"):
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


@condition(etag_func=calendar_etag)
def deadlines(request):
    today = timezone.localdate()
    filterset = calendar_filters(request.GET, today)
    if not filterset.is_valid():
        # A calendar of every fund would not be what the subscriber asked for: say why.
        body = render_to_string(
            "registers/bad_request.html",
            {"errors": filter_errors(filterset), "list_url": reverse("funding:list")},
            request=request,
        )
        return HttpResponse(body, status=400)
    # Building thousands of events takes seconds: build once per day and per change of the
    # data (and per host name, which the event URLs carry, and per filter), then serve the
    # bytes.
    body = cached(
        "funding-calendar",
        [
            ("today", today.isoformat()),
            ("origin", f"{request.scheme}://{request.get_host()}"),
            *[(f"filter:{key}", value) for key, value in filter_params(filterset)],
        ],
        lambda: deadlines_calendar(request, filterset).to_ical(),
    )
    return calendar_response(body, filename="londonconnects-funding-deadlines.ics")
