"""Products of projects that others could reuse, and the organisations that took them up.

A product belongs to a project (so this register sits beside projects and points at it and at
the papers library; neither of them ever points back). Its officers are the officers of the
project's lead organisation. Take-up is recorded by another organisation's officers, for
their own organisation, on the product's public page (``products.views.take_up``).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from papers.models import Paper
from partners.models import Organisation
from projects.models import Project
from registers.fields import WebAddressField
from registers.history import RegisterHistory
from registers.models import PublicationStatus, RegisterEntry, RegisterQuerySet

# How many organisations a project page names under each of its products; the product's own
# page names them all.
TAKE_UPS_NAMED_ON_PROJECT = 10


class ProductKind(models.TextChoices):
    SPECIFICATION = "specification", "Specification"
    DATA_SHARING_PROTOCOL = "data-sharing-protocol", "Data-sharing protocol"
    PROCUREMENT_FRAMEWORK = "procurement-framework", "Procurement framework"
    SOFTWARE = "software", "Software"
    TRAINING_PACK = "training-pack", "Training pack"
    BUSINESS_CASE = "business-case", "Business case"
    OTHER = "other", "Other"


class TakeUpStatus(models.TextChoices):
    EVALUATING = "evaluating", "Evaluating"
    ADOPTED = "adopted", "Adopted"
    DECLINED = "declined", "Declined"


# An organisation that declined a product has not taken it up: counts of take-up, "taken up
# by at least N" and the adopters' sectors leave it out (its page still says it declined).
TAKING_UP = (TakeUpStatus.EVALUATING, TakeUpStatus.ADOPTED)


class TakeUpQuerySet(models.QuerySet):
    def taking_up(self):
        return self.filter(status__in=TAKING_UP)

    def public(self):
        """Take-ups of the products the public can see."""
        return self.filter(product__in=Product.objects.published())

    def taken_up_in(self, year: int):
        return self.taking_up().filter(date__year=year)


PUBLISHED = PublicationStatus.PUBLISHED.value


class ProductQuerySet(RegisterQuerySet):
    def published(self):
        # A published product of a draft or archived project would point at a page nobody
        # can open: it is shown only while its project is. Asked as "not one of the few
        # unpublished projects" (found by the index on their status), not by joining every
        # published project: that join read all 100,000 projects for each count of the list.
        # (Named, not "<> published": the index finds named values, not every other one.)
        others = [status for status in PublicationStatus.values if status != PUBLISHED]
        unpublished = Project.objects.filter(publication_status__in=others)
        return super().published().exclude(project__in=unpublished.values("pk"))

    def with_take_up_count(self):
        if "taken_up_count" in self.query.annotations:
            return self
        counted = (
            TakeUp.objects.taking_up()
            .filter(product=OuterRef("pk"))
            .order_by()
            .values("product")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(taken_up_count=Coalesce(Subquery(counted), 0))

    def taken_up_by_at_least(self, number: int):
        taken = (
            TakeUp.objects.taking_up()
            .order_by()
            .values("product")
            .annotate(n=Count("pk"))
            .filter(n__gte=number)
            .values("product")
        )
        return self.filter(pk__in=taken)

    def listed_in(self, year: int):
        """First published in the year."""
        return self.filter(published_at__year=year)

    def taken_up_in(self, year: int):
        """Taken up (evaluating or adopted) by some organisation on a date in the year."""
        return self.filter(pk__in=TakeUp.objects.taken_up_in(year).values("product"))

    def for_list(self):
        return self.with_take_up_count().select_related("project__lead_organisation")

    def for_detail(self):
        return self.select_related(
            "project__lead_organisation", "paper__organisation"
        ).prefetch_related(
            "project__tags",
            Prefetch(
                "take_ups",
                queryset=TakeUp.objects.select_related("organisation__sector").order_by(
                    "status", "organisation__name"
                ),
            ),
        )

    def for_export(self):
        return (
            self.for_list()
            .select_related("paper")
            .prefetch_related(
                "project__tags",
                Prefetch(
                    "take_ups",
                    queryset=TakeUp.objects.taking_up()
                    .select_related("organisation")
                    .order_by("organisation__name"),
                    to_attr="taking_up",
                ),
            )
        )

    def for_project_page(self):
        """A project's products, each with the first organisations that took it up."""
        return self.with_take_up_count().prefetch_related(
            Prefetch(
                "take_ups",
                queryset=TakeUp.objects.taking_up()
                .select_related("organisation")
                .order_by("organisation__name", "pk")[:TAKE_UPS_NAMED_ON_PROJECT],
                to_attr="taking_up",
            )
        )


class Product(RegisterEntry):
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        related_name="products",
        help_text="The project that made it. Officers list products of the projects their "
        "organisation leads.",
    )
    kind = models.CharField("type", max_length=30, choices=ProductKind.choices, db_index=True)
    summary = models.CharField(
        "short description",
        max_length=400,
        help_text="One or two sentences: what it is and who could reuse it.",
    )
    url = WebAddressField(
        "link",
        max_length=500,
        blank=True,
        help_text="Where to find or download it. Give a link, a paper, or both.",
    )
    paper = models.ForeignKey(
        Paper,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        help_text="The paper in the papers library that holds it, if any.",
    )
    licence = models.CharField(
        "licence or terms of reuse",
        max_length=300,
        help_text="For example: Open Government Licence v3.0; MIT; free to other public bodies "
        "on request.",
    )
    history = RegisterHistory()

    # Kept by the officers of the project's lead organisation: reminded to review it, and
    # shown it on their page when it is due, as for their projects.
    owner_field = "project__lead_organisation"
    search_document = (
        ("title", "A"),
        ("summary", "B"),
        ("project__title", "C"),
        ("licence", "D"),
    )

    objects = ProductQuerySet.as_manager()

    class Meta(RegisterEntry.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | Q(paper__isnull=False),
                name="product_has_a_link_or_a_paper",
                violation_error_message="Give a link to the product, a paper from the papers "
                "library, or both.",
            )
        ]
        indexes = [models.Index(fields=["-published_at"], name="product_newest")]

    def get_absolute_url(self):
        return reverse("products:detail", kwargs={"slug": self.slug})

    @property
    def is_software(self) -> bool:
        return self.kind == ProductKind.SOFTWARE


class TakeUp(models.Model):
    """One organisation's take-up of a product: one row per pair, changed as it moves on."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="take_ups")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="product_take_ups"
    )
    status = models.CharField(max_length=20, choices=TakeUpStatus.choices)
    date = models.DateField(default=timezone.localdate)
    note = models.TextField(blank=True, max_length=500)
    # Who recorded it last (empty for demo data, or once that account is gone).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now=True)

    objects = TakeUpQuerySet.as_manager()

    class Meta:
        verbose_name = "take-up"
        constraints = [
            models.UniqueConstraint(
                fields=["product", "organisation"], name="one_take_up_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_status_display().lower()} · {self.product}"

    @property
    def is_taking_up(self) -> bool:
        return self.status in TAKING_UP


def latest_allowed_date() -> datetime.date:
    """A take-up is recorded as it happens or after: never dated in the future."""
    return timezone.localdate()
