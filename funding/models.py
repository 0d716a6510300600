"""Funding sources: UK and EC money that London's partners can bid for, and when.

Whether a fund is open is never stored: it follows from its dates and today's date, in
Python (``status_on``) and in the database (``FundingQuerySet.with_status``) alike, so facets,
filters, the calendar and the page always agree.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from contacts.models import Contact
from partners.models import Organisation, Sector
from registers.fields import WebAddressField
from registers.history import RegisterHistory
from registers.links import HEALTH_FIELDS, LinkHealth
from registers.models import RegisterEntry, RegisterQuerySet, ThemesHistory


class Origin(models.TextChoices):
    UK_GOVERNMENT = "uk-government", "UK central government"
    EU = "eu", "EC / EU"
    LOTTERY = "lottery", "Lottery or charitable"
    PRIVATE = "private", "Private sector"
    OTHER = "other", "Other"


class Currency(models.TextChoices):
    GBP = "GBP", "£ (GBP)"
    EUR = "EUR", "€ (EUR)"


class FundStatus(models.TextChoices):
    NOT_YET_OPEN = "not-yet-open", "Not yet open"
    OPEN = "open", "Open"
    CLOSING_SOON = "closing-soon", "Closing soon"
    CLOSED = "closed", "Closed"


def closing_soon_days() -> int:
    return settings.FUNDING_CLOSING_SOON_DAYS


class FundingQuerySet(RegisterQuerySet):
    def with_status(self, today: datetime.date | None = None):
        """Annotate ``fund_status`` (a FundStatus value) as of ``today``.

        A fund opens on its opening date and closes at the end of its closing date; with no
        closing date it is rolling and stays open.
        """
        today = today or timezone.localdate()
        soon = today + datetime.timedelta(days=closing_soon_days())
        return self.annotate(
            is_closed=Case(
                When(closes_on__lt=today, then=Value(1)),
                default=Value(0),
                output_field=models.IntegerField(),
            ),
            fund_status=Case(
                When(opens_on__gt=today, then=Value(FundStatus.NOT_YET_OPEN)),
                When(closes_on__lt=today, then=Value(FundStatus.CLOSED)),
                When(closes_on__lte=soon, then=Value(FundStatus.CLOSING_SOON)),
                default=Value(FundStatus.OPEN),
                output_field=models.CharField(),
            ),
        )

    def not_closed(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))

    def closing_within(self, days: int, today: datetime.date | None = None):
        """Open now and closing in the next ``days`` days (today included)."""
        today = today or timezone.localdate()
        return self.filter(
            Q(opens_on__isnull=True) | Q(opens_on__lte=today),
            closes_on__gte=today,
            closes_on__lte=today + datetime.timedelta(days=days),
        )

    # The register's year filters and the annual review's figures use these two.
    def opens_in(self, year: int):
        return self.filter(opens_on__year=year)

    def closes_in(self, year: int):
        return self.filter(closes_on__year=year)

    def with_status_once(self):
        """The status as of today, unless a caller already pinned the date."""
        return self if "fund_status" in self.query.annotations else self.with_status()

    def for_list(self):
        return (
            self.with_status_once()
            .select_related("funder_organisation")
            .prefetch_related("tags", "eligible_sectors")
        )

    def for_detail(self):
        return (
            self.with_status_once()
            .select_related("funder_organisation", "owner", "contact__organisation")
            .prefetch_related("tags", "eligible_sectors")
        )

    def for_export(self):
        return self.for_list()


class FundingSource(LinkHealth, RegisterEntry):
    summary = models.CharField(max_length=300, help_text="One or two sentences for lists.")
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="funding_sources_listed",
        verbose_name="listed by",
        help_text="The partner organisation that keeps this entry up to date.",
    )
    funder_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_sources",
        verbose_name="funder (a partner)",
    )
    funder_name = models.CharField(
        "funder",
        max_length=200,
        blank=True,
        help_text="Who gives the money, when it is not a partner organisation.",
    )
    origin = models.CharField(max_length=20, choices=Origin.choices)
    programme = models.CharField(max_length=200, blank=True)
    eligible_sectors = models.ManyToManyField(
        Sector,
        blank=True,
        related_name="funding_sources",
        help_text="Sectors that may apply. None ticked means any.",
    )
    eligibility = models.TextField("other conditions", blank=True)
    tags = TaggableManager("themes", through="FundingTheme", blank=True)
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.GBP)
    amount_min = models.DecimalField(
        "smallest award", max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        "largest award", max_digits=14, decimal_places=2, null=True, blank=True
    )
    match_funding_percent = models.PositiveSmallIntegerField(
        "match funding required (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="The share of the cost applicants must find themselves; blank if none.",
    )
    opens_on = models.DateField(
        "opens on", null=True, blank=True, help_text="Blank if it is open already."
    )
    closes_on = models.DateField(
        "closing date", null=True, blank=True, help_text="Blank for a rolling programme."
    )
    url = WebAddressField("web link", max_length=500, blank=True)
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_sources",
        help_text="A person in the contacts register who can advise.",
    )
    enquiries = models.CharField(
        "how to enquire",
        max_length=300,
        blank=True,
        help_text="E.g. the funder's helpline or team mailbox.",
    )
    history = RegisterHistory(
        m2m_fields=[eligible_sectors], bases=[ThemesHistory], excluded_fields=list(HEALTH_FIELDS)
    )

    published_through = ""
    owner_field = "owner"
    search_document = (
        ("title", "A"),
        ("programme", "A"),
        ("summary", "B"),
        ("funder_name", "B"),
        ("funder_organisation__name", "B"),
        ("description", "C"),
        ("tags__name", "C"),
    )

    objects = FundingQuerySet.as_manager()

    class Meta(RegisterEntry.Meta):
        verbose_name = "funding source"
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(opens_on__isnull=True)
                | Q(closes_on__gte=F("opens_on")),
                name="funding_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_max__gte=F("amount_min")),
                name="funding_amounts_in_order",
            ),
        ]

    def get_absolute_url(self):
        return reverse("funding:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = "The closing date must be on or after the opening date."
        if (
            self.amount_min is not None
            and self.amount_max is not None
            and self.amount_max < self.amount_min
        ):
            errors["amount_max"] = "The largest award must be at least the smallest."
        if not self.funder_name and not self.funder_organisation_id:
            errors["funder_name"] = "Name the funder, or choose it from the partners."
        if errors:
            raise ValidationError(errors)

    # -- computed from the dates ---------------------------------------------------------
    def status_on(self, today: datetime.date) -> str:
        if self.opens_on and self.opens_on > today:
            return FundStatus.NOT_YET_OPEN
        if self.closes_on is None:
            return FundStatus.OPEN
        if self.closes_on < today:
            return FundStatus.CLOSED
        if self.closes_on <= today + datetime.timedelta(days=closing_soon_days()):
            return FundStatus.CLOSING_SOON
        return FundStatus.OPEN

    @property
    def status(self) -> str:
        annotated = getattr(self, "fund_status", None)
        return annotated or self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return FundStatus(self.status).label

    @property
    def is_rolling(self) -> bool:
        return self.closes_on is None

    @property
    def days_left(self) -> int | None:
        """Whole days until the end of the closing date (0 on the day itself)."""
        if self.closes_on is None or self.status == FundStatus.CLOSED:
            return None
        return (self.closes_on - timezone.localdate()).days

    @property
    def currency_symbol(self) -> str:
        return {Currency.GBP: "£", Currency.EUR: "€"}[self.currency]

    @property
    def funder(self) -> str:
        return self.funder_organisation.name if self.funder_organisation else self.funder_name


class FundingTheme(TaggedItemBase):
    content_object = models.ForeignKey(
        FundingSource, on_delete=models.CASCADE, related_name="theme_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="funding_theme_once")
        ]
