"""The health of the site's outbound hyperlinks.

Every model that holds a public hyperlink (e-index links, project and contact links,
organisation and group web sites) mixes in ``LinkHealth``. ``python manage.py check_links``
finds them all through ``link_models()``, checks each address once, and records the outcome
on every row that holds it. A link that has failed for longer than
``settings.LINK_BROKEN_AFTER_DAYS`` is "broken": flagged in the admin and marked as possibly
out of date on public pages. Nothing is ever deleted for being broken: people decide.
"""

from datetime import timedelta
from http import HTTPStatus

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from .models import PublicationStatus, TracksStoredValue

HEALTH_FIELDS = ("last_checked_at", "last_status", "last_error", "final_url", "failing_since")


def day(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def broken_before():
    """Links failing since before this moment count as broken."""
    return timezone.now() - timedelta(days=settings.LINK_BROKEN_AFTER_DAYS)


class LinkHealth(TracksStoredValue):
    """What the last check of a hyperlink found. ``checked_url_field`` names the field that
    holds the address (``url``, or ``website`` on an organisation)."""

    checked_url_field = "url"
    # Whose publication status decides whether the public sees the link: "" for an entry's
    # own address, "project" for a project's link; None when it is always public.
    published_through: str | None = None

    last_checked_at = models.DateTimeField("last checked", null=True, blank=True, editable=False)
    last_status = models.PositiveSmallIntegerField(
        "last HTTP status", null=True, blank=True, editable=False
    )
    last_error = models.CharField(
        "last error",
        max_length=200,
        blank=True,
        editable=False,
        help_text="Why the last check got no HTTP answer (a timeout, a refused connection).",
    )
    final_url = models.URLField(
        "final address after redirects", max_length=500, blank=True, editable=False
    )
    failing_since = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    @classmethod
    def tracked_field_name(cls) -> str:
        return cls.checked_url_field

    def save(self, *args, **kwargs):
        # What was found at the old address says nothing about a new one.
        loaded = self.stored_value()
        if loaded is not None and loaded != self.checked_address:
            self.clear_health()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *HEALTH_FIELDS}
        super().save(*args, **kwargs)
        self.remember_stored_value(self.checked_address)

    def clear_health(self):
        self.last_checked_at = self.last_status = self.failing_since = None
        self.last_error = self.final_url = ""

    @property
    def checked_address(self) -> str:
        return getattr(self, self.checked_url_field)

    @classmethod
    def published_links(cls):
        """Rows whose hyperlink the public can see."""
        rows = cls._default_manager.exclude(**{cls.checked_url_field: ""})
        if cls.published_through is None:
            return rows
        path = f"{cls.published_through}__" if cls.published_through else ""
        return rows.filter(**{f"{path}publication_status": PublicationStatus.PUBLISHED})

    @property
    def is_failing(self) -> bool:
        return self.failing_since is not None

    @property
    def is_possibly_out_of_date(self) -> bool:
        return self.failing_since is not None and self.failing_since <= broken_before()

    @property
    def is_redirected(self) -> bool:
        return bool(self.final_url)

    @property
    @admin.display(description="Does the link work?")
    def health_summary(self) -> str:
        """What the last check found, in words an officer needs no HTTP to read."""
        if self.last_checked_at is None:
            return "Not checked yet: every link is checked once a day."
        checked = f"checked {day(self.last_checked_at)}"
        if self.failing_since is None:
            return f"Yes ({checked})"
        if self.last_status:
            try:
                phrase = HTTPStatus(self.last_status).phrase.lower()
            except ValueError:
                phrase = "an error"
            problem = f"its site answered “{phrase}” ({self.last_status})"
        else:
            problem = self.last_error or "its site did not answer"
        return f"No: failing since {day(self.failing_since)}, {problem} ({checked})"


def link_models() -> list[type[LinkHealth]]:
    return [model for model in apps.get_models() if issubclass(model, LinkHealth)]


def broken_link_filter(path: str = ""):
    """The admin list filter "broken", on the model's own hyperlink (``path=""``) or on its
    related links (``path="links__"``)."""

    class BrokenLinkFilter(admin.SimpleListFilter):
        title = "broken"
        parameter_name = "broken"

        def lookups(self, request, model_admin):
            days = settings.LINK_BROKEN_AFTER_DAYS
            return [
                ("yes", f"Broken (failing for more than {days} days)"),
                ("failing", "Failing, not yet broken"),
                ("no", "Not failing"),
            ]

        def queryset(self, request, queryset):
            since = f"{path}failing_since"
            cutoff = broken_before()
            if self.value() == "yes":
                return queryset.filter(**{f"{since}__lte": cutoff}).distinct()
            if self.value() == "failing":
                return queryset.filter(**{f"{since}__gt": cutoff}).distinct()
            if self.value() == "no":
                return queryset.exclude(**{f"{since}__isnull": False})
            return queryset

    return BrokenLinkFilter
