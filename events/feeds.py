from registers.feeds import RegisterFeed

from . import times
from .filters import EventFilterSet
from .models import Event


class NewEventsFeed(RegisterFeed):
    """Events newly announced (upcoming unless the list's filters say otherwise), as the list
    shows them to the visitor: partners-only events only in a partner's feed."""

    model = Event
    filterset_class = EventFilterSet
    list_url_name = "events:list"
    title = "LondonConnects: new events"
    description = (
        "Workshops, seminars, meetings, webinars and conferences of London's e-government "
        "partners, newly announced."
    )

    def item_description(self, item):
        return f"{times.span(item.starts_at, item.ends_at)}. {item.summary}"
