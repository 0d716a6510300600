"""The annual review of e-activity in London: the steering group's text, and figures compiled
from the registers.

A review is written as a draft (``Review`` and its ``Section``\\s). Publishing it makes an
``Edition``: the text, the figures and the PDF, frozen together. The public only ever sees
editions, so later edits to the draft or to the registers change nothing they see until the
steering group publishes a correction, which is a new edition; earlier editions stay.
"""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.html import strip_tags
from simple_history.models import HistoricalRecords

from registers.fields import POSITION, POSITION_HELP, WebAddressField
from registers.filters import FIRST_YEAR, LAST_YEAR
from registers.markup import render
from registers.search import SearchableQuerySet


def reviews_storage():
    return storages["reviews"]


def edition_file_name(edition, filename: str) -> str:
    return f"{edition.review.year}/{uuid.uuid4().hex}.pdf"


class ReviewQuerySet(models.QuerySet):
    def published(self):
        return self.filter(editions__isnull=False).distinct()

    def visible_to(self, user):
        """What a visitor may read on the site; drafts are read in the admin."""
        return self.published()


class Review(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    year = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text="The year the review covers. Its figures count that year's activity.",
    )
    title = models.CharField(max_length=200)
    foreword = models.TextField(
        "steering group's foreword", blank=True, help_text="Markdown: **bold**, lists, links."
    )
    foreword_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
        help_text="Set by publishing, never by hand.",
    )
    conference_name = models.CharField("conference", max_length=200, blank=True)
    conference_date = models.DateField(null=True, blank=True)
    conference_venue = models.CharField(max_length=200, blank=True)
    conference_url = WebAddressField("conference web site", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        permissions = [("publish_review", "Can publish a review, or a correction to one")]

    def __str__(self):
        return f"{self.year}: {self.title}"

    def save(self, *args, **kwargs):
        self.foreword_html = render(self.foreword)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reviews:detail", kwargs={"year": self.year})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Section(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(POSITION, default=0, help_text=POSITION_HELP)
    heading = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown: **bold**, lists, links, tables.")
    body_html = models.TextField(editable=False, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        self.body_html = render(self.body)
        super().save(*args, **kwargs)


class EditionQuerySet(SearchableQuerySet):
    def latest(self):
        """Each review's newest edition: what its page shows."""
        newer = Edition.objects.filter(review=OuterRef("review"), number__gt=OuterRef("number"))
        return self.filter(~Exists(newer))

    def visible_to(self, user):
        """Every edition is a publication: anyone may read it."""
        return self.all()


def published_text(content: dict) -> str:
    """An edition's words as plain text, for the site search."""
    parts = [content.get("foreword_html", "")]
    for section in content.get("sections", []):
        parts += [section.get("heading", ""), section.get("html", "")]
    return " ".join(" ".join(strip_tags(part).split()) for part in parts if part)


class Edition(models.Model):
    """One publication of a review: what the public sees, frozen. Number 1 is the first
    publication; each correction adds the next number and leaves the earlier ones in place."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="editions")
    number = models.PositiveSmallIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    correction_note = models.TextField(
        blank=True, help_text="What this edition corrects (every edition after the first)."
    )
    # The text as published: title, foreword and sections, already rendered and cleaned.
    content = models.JSONField()
    # The same text, plain, for the site search (set from ``content`` on save).
    title = models.CharField(max_length=200, blank=True, editable=False)
    text = models.TextField(blank=True, editable=False)
    # The figures compiled from the registers when it was published (reviews.figures).
    figures = models.JSONField()
    pdf = models.FileField(storage=reviews_storage, upload_to=edition_file_name, max_length=300)
    pdf_size = models.PositiveIntegerField(default=0)
    # Counted with set-based updates, outside the edition's own columns' meaning.
    pdf_downloads = models.PositiveIntegerField(default=0, editable=False)
    data_downloads = models.PositiveIntegerField(default=0, editable=False)

    # A few dozen rows: the site search builds the document in the query (registers.search).
    search_document = (("title", "A"), ("text", "B"))

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["review", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="edition_number_once")
        ]

    def __str__(self):
        return f"{self.review.year}, edition {self.number}"

    def save(self, *args, **kwargs):
        self.title = self.content.get("title", "")
        self.text = published_text(self.content)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.review.get_absolute_url()

    @property
    def is_correction(self) -> bool:
        return self.number > 1
