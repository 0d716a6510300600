"""What every register entry shares: a title and slug, a publication status, timestamps, and
a stored full-text search document."""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from .fields import WEB_ADDRESS, WEB_ADDRESS_HELP
from .search import SearchableQuerySet


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class ThemesHistory(models.Model):
    """Extra column of a register's history: the entry's themes at that version, so that a
    restored version (or a deleted entry) gets its themes back too."""

    history_themes = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True


class LinksHistory(models.Model):
    """Extra column of a register's history: the entry's hyperlinks (its ``links``) at that
    version, so that a version shows them and restoring it brings them back. ``None`` on
    versions recorded before links were kept: restoring one of those leaves links alone."""

    history_links = models.JSONField(null=True, editable=False, encoder=DjangoJSONEncoder)

    class Meta:
        abstract = True


class TracksStoredValue(models.Model):
    """Knows what the database holds for one field, so that a save can tell a changed value
    (a new web address, a new file) from the one already there."""

    tracked_field = ""

    class Meta:
        abstract = True

    @classmethod
    def tracked_field_name(cls) -> str:
        return cls.tracked_field

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_value = instance.__dict__.get(cls.tracked_field_name())
        return instance

    def stored_value(self):
        """The field's value in the database: as loaded or last saved, or, for an instance
        built rather than loaded (a version being restored), read from the row."""
        if hasattr(self, "_stored_value"):
            return self._stored_value
        if self.pk is None:
            return None
        return (
            type(self)
            ._default_manager.filter(pk=self.pk)
            .values_list(self.tracked_field_name(), flat=True)
            .first()
        )

    def remember_stored_value(self, value) -> None:
        self._stored_value = value


def review_due_before() -> datetime.date:
    """Entries last reviewed before this date may be out of date."""
    return timezone.localdate() - datetime.timedelta(days=settings.REVIEW_AFTER_DAYS)


class RegisterQuerySet(SearchableQuerySet):
    def published(self):
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def due_for_review(self):
        return self.filter(last_reviewed_on__lt=review_due_before())

    def visible_to(self, user):
        """What a visitor may see on the public site; staff previews go through the admin."""
        return self.published()


class RegisterEntry(models.Model):
    """Abstract base of an entry in any register."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        WEB_ADDRESS,
        max_length=220,
        unique=True,
        blank=True,
        help_text=f"{WEB_ADDRESS_HELP} Leave blank to make one from the title.",
    )
    publication_status = models.CharField(
        "publication status",
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="When the entry was first published.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the owner last said the entry is right: saving it, or confirming it unchanged from
    # a reminder (registers.freshness). Older than REVIEW_AFTER_DAYS: "may be out of date".
    last_reviewed_on = models.DateField(
        "last reviewed", default=timezone.localdate, editable=False, db_index=True
    )
    search_vector = SearchVectorField(null=True, editable=False)

    # (field path, weight) pairs making up the stored search document; see registers.search.
    search_document: tuple[tuple[str, str], ...] = (("title", "A"),)
    # The organisation whose partner officers keep the entry and are reminded to review it
    # ("" for a register kept by editors).
    owner_field = ""

    objects = RegisterQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "last_reviewed_on" in update_fields:
            self.last_reviewed_on = timezone.localdate()  # an edit is a review
        if not self.slug:
            self.slug = self._unique_slug()
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        with transaction.atomic():
            super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.publication_status == PublicationStatus.PUBLISHED

    @property
    def may_be_out_of_date(self) -> bool:
        return self.last_reviewed_on < review_due_before()

    def _unique_slug(self) -> str:
        max_length = self._meta.get_field("slug").max_length
        base = slugify(self.title)[: max_length - 6].strip("-") or "entry"
        taken = set(
            type(self)._default_manager.filter(slug__startswith=base).values_list("slug", flat=True)
        )
        candidate, number = base, 2
        while candidate in taken:
            candidate = f"{base}-{number}"
            number += 1
        return candidate
