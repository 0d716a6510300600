import datetime
import re

import django_filters
from django import forms
from django.utils import timezone
from django_filters import fields

from partners.filters import organisation_filter, sector_filter, sub_region_filter, theme_filter
from partners.models import is_partner
from registers.filters import ChoicesFilter, RegisterFilterSet, YearFilter, not_known_message

from .models import Audience, Event, EventKind

UPCOMING, PAST = "upcoming", "past"
WHEN_CHOICES = [(UPCOMING, "Upcoming events"), (PAST, "Past events")]
# Months of the years the registers' year filters take (registers.filters FIRST_YEAR to
# LAST_YEAR): a year 0 or 9999 has no month after it to end the filter at.
MONTH = re.compile(r"^(199[0-9]|20[0-9]{2}|2100)-(0[1-9]|1[0-2])$")
MONTH_MESSAGE = "“%(value)s” is not a month: give the year and month, for example 2026-05."


def start_of_today() -> datetime.datetime:
    """Midnight in London today: what divides upcoming from past on the register's pages.

    An event over earlier today is still listed as upcoming until midnight: the pages are kept
    in the shared page cache for the day (``registers.pagecache``), so the line is the day's."""
    return datetime.datetime.combine(
        timezone.localdate(), datetime.time(), timezone.get_current_timezone()
    )


def parse_month(text: str) -> tuple[int, int] | None:
    found = MONTH.fullmatch(text or "")
    return (int(found[1]), int(found[2])) if found else None


def month_label(year: int, month: int) -> str:
    return datetime.date(year, month, 1).strftime("%B %Y")


class MonthField(fields.ChoiceField):
    """A month as ``YYYY-MM``. It offers the months the visitor's events start in, and
    accepts any real month: a link to a month without events shows none, not an error."""

    def valid_value(self, value):
        return parse_month(str(value)) is not None


class MonthFilter(django_filters.ChoiceFilter):
    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.in_month(*parse_month(value))


class EventFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("when"):
            # Upcoming unless asked otherwise, or unless the month or year asked for is over.
            month = parse_month(cleaned.get("month"))
            year = cleaned.get("held_in")
            over = (month is not None and month_end(*month) <= start_of_today()) or (
                year is not None and month_end(year, 12) <= start_of_today()
            )
            cleaned["when"] = PAST if over else UPCOMING
        return cleaned


def month_end(year: int, month: int) -> datetime.datetime:
    """Midnight in London at the start of the following month."""
    return datetime.datetime(
        year + month // 12, month % 12 + 1, 1, tzinfo=timezone.get_current_timezone()
    )


class EventFilterSet(RegisterFilterSet):
    kind = ChoicesFilter(
        label="Kind of event",
        choices=EventKind.choices,
        error_messages=not_known_message("kind of event"),
    )
    theme = theme_filter()
    sub_region = sub_region_filter("sub_regions")
    organiser_sector = sector_filter("organiser__sector")
    organiser = organisation_filter("organiser", label="Organiser")
    # Only partners see events for partners only, so only they are offered the choice.
    audience = ChoicesFilter(
        label="Who may come",
        choices=Audience.choices,
        error_messages=not_known_message("audience"),
    )
    # Chosen by the links above the results (the form carries it as a hidden field).
    when = django_filters.ChoiceFilter(
        label="Upcoming or past",
        choices=WHEN_CHOICES,
        method="filter_when",
        widget=forms.HiddenInput,
        error_messages=not_known_message("choice of upcoming or past events"),
    )
    month = MonthFilter(
        label="Month",
        empty_label="Any month",
        error_messages={"invalid_choice": MONTH_MESSAGE},
    )
    # The annual review's events figures link here with ?when=past&held_in=<year>.
    held_in = YearFilter(label="Held in (year)", queryset_method="held_in")

    sort_options = {
        "date": ("Date", ["starts_at"]),
        "title": ("Title A to Z", ["title"]),
    }

    class Meta:
        model = Event
        form = EventFilterForm
        fields = [
            "q",
            "kind",
            "theme",
            "sub_region",
            "organiser_sector",
            "organiser",
            "audience",
            "when",
            "month",
            "held_in",
        ]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["organiser_sector"].label = "Organiser's sector"
        if self.request is None or not is_partner(self.request.user):
            del self.filters["audience"]
            del self.form.fields["audience"]

    def offer_months(self) -> None:
        """For the page's form (not feeds or downloads, which never show it): the months of
        the events in view (upcoming or past), with a month chosen that has none still
        offered, so that it shows as chosen."""
        self.form.fields["month"].choices = self.month_choices()

    def month_choices(self) -> list[tuple[str, str]]:
        in_view = self.filter_when(self.queryset, "when", self.when_shown)
        months = {f"{day:%Y-%m}": month_label(day.year, day.month) for day in in_view.months()}
        chosen = (self.data or {}).get("month", "")
        if (month := parse_month(chosen)) is not None:
            months.setdefault(chosen, month_label(*month))
        return sorted(months.items(), reverse=self.when_shown == PAST)

    def filter_when(self, queryset, name, value):
        if value == PAST:
            return queryset.past(now=start_of_today())
        return queryset.upcoming(now=start_of_today())

    @property
    def when_shown(self) -> str:
        self.is_valid()
        return self.form.cleaned_data.get("when") or UPCOMING

    def ordering_for(self, sort: str) -> list[str]:
        if sort == "date" or (sort == self.RELEVANCE and not self.form.cleaned_data.get("q")):
            # Soonest first of those to come; latest first of those past.
            return ["-starts_at", "-pk"] if self.when_shown == PAST else ["starts_at", "pk"]
        return super().ordering_for(sort)
