"""An event's times as the site writes them, in London time (GOV.UK style): "Tuesday 12 May
2026, 10am to 4pm", "9:30am", "midday"."""

import datetime

from django.utils import dateformat, timezone


def clock(moment: datetime.datetime) -> str:
    """The time of day, London time: "10am", "9:30am", "midday", "midnight"."""
    local = timezone.localtime(moment)
    if local.minute == 0 and local.hour in (0, 12):
        return "midnight" if local.hour == 0 else "midday"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def day(moment: datetime.datetime) -> str:
    """The day, London time: "Tuesday 12 May 2026"."""
    return dateformat.format(timezone.localtime(moment), "l j F Y")


def span(starts: datetime.datetime, ends: datetime.datetime) -> str:
    """From start to end, London time: "Tuesday 12 May 2026, 10am to 4pm", or both days when
    it runs over more than one."""
    if timezone.localdate(starts) == timezone.localdate(ends):
        return f"{day(starts)}, {clock(starts)} to {clock(ends)}"
    return f"{day(starts)}, {clock(starts)} to {day(ends)}, {clock(ends)}"
