from django import template

from events import times

register = template.Library()


@register.filter
def event_span(event) -> str:
    """``{{ event|event_span }}``: "Tuesday 12 May 2026, 10am to 4pm" (London time)."""
    return times.span(event.starts_at, event.ends_at)


@register.filter
def london_day(moment) -> str:
    """``{{ moment|london_day }}``: "Tuesday 12 May 2026"."""
    return times.day(moment)


@register.filter
def london_time(moment) -> str:
    """``{{ moment|london_time }}``: "Tuesday 12 May 2026, 10am"."""
    return f"{times.day(moment)}, {times.clock(moment)}"
