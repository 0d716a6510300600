"""Events: the workshops, seminars, meetings, webinars and the annual conference partners run,
and the places booked on them.

An event is a register entry like any other (slug, publication status, history, kept by its
organiser's partner officers). Its audience decides who sees it: an event for partners only is
invisible to the public everywhere (list, page, calendars, search, API, feed), as a
partners-only paper is. Times are stored in UTC and shown in Europe/London (``TIME_ZONE``).

A signed-in user books a place for themselves: one ``Booking`` row per person and event (a
database constraint), ``booked`` while there is room and ``waiting`` after that, in the order
they asked (``created_at``, then ``pk``). Cancelling deletes the row, and the first on the
waiting list is given the freed place (``events.booking``).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from papers.models import Paper
from partners.models import Group, Organisation, SubRegion, is_partner
from registers.fields import WebAddressField
from registers.history import RegisterHistory
from registers.models import RegisterEntry, RegisterQuerySet, ThemesHistory


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", "Workshop"
    SEMINAR = "seminar", "Seminar"
    CONFERENCE = "conference", "Conference"
    MEETING = "meeting", "Meeting"
    WEBINAR = "webinar", "Webinar"


class Audience(models.TextChoices):
    PUBLIC = "public", "Open to the public"
    PARTNERS = "partners", "Partners only"


class EventQuerySet(RegisterQuerySet):
    def public(self):
        """Published events anyone may see."""
        return self.published().filter(audience=Audience.PUBLIC)

    def visible_to(self, user):
        if is_partner(user):
            return self.published()
        return self.public()

    def upcoming(self, now=None):
        """Not yet over (an event under way is still upcoming), soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        """Over, latest first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def held_in(self, year: int):
        return self.filter(starts_at__year=year)

    def in_month(self, year: int, month: int):
        """Starting in the calendar month, London time."""
        first = datetime.datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
        following = first.replace(year=year + month // 12, month=month % 12 + 1)
        return self.filter(starts_at__gte=first, starts_at__lt=following)

    def months(self):
        """The London months the events start in, earliest first, as dates (the 1st)."""
        return (
            self.order_by()
            .annotate(month=TruncMonth("starts_at"))
            .values_list("month", flat=True)
            .distinct()
            .order_by("month")
        )

    def for_list(self):
        return self.select_related("organiser")

    def for_detail(self):
        return self.select_related("organiser__sector", "group").prefetch_related(
            "tags", "sub_regions"
        )

    def for_export(self):
        return self.select_related("organiser", "group").prefetch_related("tags", "sub_regions")


class Event(RegisterEntry):
    kind = models.CharField(max_length=20, choices=EventKind.choices, db_index=True)
    summary = models.CharField(max_length=400, help_text="One or two sentences for lists.")
    description = models.TextField(blank=True)
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="organised_events",
        help_text="The organisation running it. Its partner officers keep this entry and see "
        "who booked.",
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        help_text="The sub-regional or partnership group it is for, if any.",
    )
    tags = TaggableManager(
        "themes", through="EventTheme", blank=True, help_text="Comma-separated themes."
    )
    sub_regions = models.ManyToManyField(
        SubRegion, verbose_name="sub-regions", related_name="events", blank=True
    )
    starts_at = models.DateTimeField("starts", db_index=True, help_text="London time.")
    ends_at = models.DateTimeField("ends", help_text="London time.")
    online = models.BooleanField(
        "held online", default=False, help_text="Tick for a webinar or an online meeting."
    )
    venue = models.CharField(max_length=200, blank=True, help_text="The building or room.")
    address = models.TextField(blank=True, help_text="The venue's address, with its postcode.")
    joining_url = WebAddressField(
        "joining link",
        max_length=500,
        blank=True,
        help_text="For an online event: the link people use to join. Shown to those booked.",
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many places. Leave blank for no limit."
    )
    booking_opens_at = models.DateTimeField(
        "booking opens", null=True, blank=True, help_text="Leave blank to open booking at once."
    )
    booking_closes_at = models.DateTimeField(
        "booking closes",
        null=True,
        blank=True,
        help_text="Leave blank to take bookings until the event starts.",
    )
    audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.PUBLIC, db_index=True
    )
    papers = models.ManyToManyField(
        Paper,
        related_name="events",
        blank=True,
        help_text="After the event: its slides, notes and reports from the papers library.",
    )
    attended = models.PositiveIntegerField(
        "number who attended",
        null=True,
        blank=True,
        help_text="After the event: how many came. The annual review counts it.",
    )
    history = RegisterHistory(m2m_fields=[sub_regions, papers], bases=[ThemesHistory])

    owner_field = "organiser"
    search_document = (
        ("title", "A"),
        ("summary", "B"),
        ("description", "C"),
        ("tags__name", "C"),
        ("venue", "D"),
    )

    objects = EventQuerySet.as_manager()

    class Meta(RegisterEntry.Meta):
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message="The end must not be before the start.",
            ),
            models.CheckConstraint(
                condition=Q(booking_opens_at__isnull=True)
                | Q(booking_closes_at__isnull=True)
                | Q(booking_closes_at__gte=models.F("booking_opens_at")),
                name="event_booking_closes_after_it_opens",
                violation_error_message="Booking must not close before it opens.",
            ),
            models.CheckConstraint(
                condition=Q(online=True) | ~Q(venue=""),
                name="event_has_a_venue_or_is_online",
                violation_error_message="Give the venue, or tick 'held online'.",
            ),
        ]

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def is_partners_only(self) -> bool:
        return self.audience == Audience.PARTNERS


class EventTheme(TaggedItemBase):
    """An event's theme, with a real foreign key as projects' themes have."""

    content_object = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="theme_items")

    class Meta:
        verbose_name = "theme"
        verbose_name_plural = "themes"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"


class BookingQuerySet(models.QuerySet):
    def booked(self):
        return self.filter(status=BookingStatus.BOOKED)

    def waiting(self):
        """The waiting list, first in line first."""
        return self.filter(status=BookingStatus.WAITING).order_by("created_at", "pk")


class Booking(models.Model):
    """One person's place (or place in line) at an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_bookings"
    )
    # The organisation they came from when they booked (for the organiser's list and the
    # annual review); empty for someone with no partner organisation.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=BookingStatus.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # When a place came to them from the waiting list (empty for a place booked outright).
    offered_at = models.DateTimeField(null=True, blank=True)
    # When the day-before reminder went (never twice).
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_booking_per_person")
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="booking_line")]

    def __str__(self):
        return f"{self.user} · {self.get_status_display().lower()} · {self.event}"
