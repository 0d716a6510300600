import datetime

from django.utils import timezone
from django.utils.functional import cached_property

from papers.models import Visibility as PaperVisibility
from partners.models import is_partner
from registers.exports import Column, names
from registers.views import RegisterDetailView, RegisterListView

from . import times
from .filters import PAST, WHEN_CHOICES, EventFilterSet, start_of_today
from .models import Event


def where(event: Event) -> str:
    """Where it is held, on one line: the venue and its address, or online."""
    if event.online:
        return "Online"
    lines = [event.venue, *(line.strip() for line in event.address.splitlines())]
    return ", ".join(line for line in lines if line)


class EventListView(RegisterListView):
    model = Event
    filterset_class = EventFilterSet
    template_name = "events/event_list.html"
    context_object_name = "events"
    export_filename = "londonconnects-events"
    entry_noun = "event"
    feed_url_name = "events:feed"
    alert_register = "events"
    # Partners see events for partners only: counts are kept per visibility class.
    varies_by_visibility = True
    export_columns = [
        Column("title", lambda e: e.title),
        Column("url", lambda e: e.get_absolute_url()),
        Column("kind", lambda e: e.get_kind_display()),
        Column("summary", lambda e: e.summary),
        Column("organiser", lambda e: e.organiser.name),
        Column("group", lambda e: e.group.name if e.group else ""),
        Column("themes", lambda e: names(e.tags), list[str]),
        Column("sub_regions", lambda e: names(e.sub_regions), list[str]),
        Column("starts_at", lambda e: timezone.localtime(e.starts_at), datetime.datetime),
        Column("ends_at", lambda e: timezone.localtime(e.ends_at), datetime.datetime),
        Column("online", lambda e: e.online, bool),
        Column("venue", lambda e: e.venue),
        Column("address", lambda e: e.address),
        Column("capacity", lambda e: e.capacity, int | None),
        Column("audience", lambda e: e.get_audience_display()),
        Column("number_attended", lambda e: e.attended, int | None),
        Column("published_at", lambda e: e.published_at, datetime.datetime | None),
    ]

    @cached_property
    def today(self):
        # One date for the whole request: upcoming and past divide at midnight, and the key
        # of the counts cached from them must not straddle it.
        return timezone.localdate()

    def cache_params(self):
        return [("today", self.today.isoformat()), *super().cache_params()]

    def hidden_fields(self):
        # Upcoming or past is carried by the form but chosen by the links above the results,
        # which say which is shown: not a removable filter.
        return [field for field in super().hidden_fields() if field.name != "when"]

    def render_to_response(self, context, **response_kwargs):
        # A filter the list could not use is bad input: the page says so, and answers 400.
        if context["filter_errors"]:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        self.filterset.offer_months()
        context = super().get_context_data(**kwargs)
        when = self.filterset.when_shown
        context.update(
            when=when,
            when_links=[
                (label, "?" + self.query_string(when=value, month=None), value == when)
                for value, label in WHEN_CHOICES
            ],
            showing_past=when == PAST,
            # The form keeps the choice when other filters are applied.
            hidden_fields=[*context["hidden_fields"], self.filterset.form["when"]],
        )
        return context


class EventDetailView(RegisterDetailView):
    model = Event
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        papers = event.papers.for_pages().select_related("organisation")
        if not is_partner(self.request.user):
            # The page is shared by every visitor of a class: a partners-only paper is
            # listed only on the partners' copy.
            papers = papers.filter(visibility=PaperVisibility.PUBLIC)
        context.update(
            when=times.span(event.starts_at, event.ends_at),
            where=where(event),
            # By the day, as the list divides upcoming from past (the page is kept for a day).
            is_over=event.ends_at < start_of_today(),
            papers=list(papers.order_by("date", "title")),
            booking_opens=event.booking_opens_at,
            booking_closes=event.booking_closes_at or event.starts_at,
        )
        return context
