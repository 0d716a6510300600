"""The e-index: a directory of links to web sites that matter to London's e-government, in
the four sections named in the strategy. Editors keep it; ``check_links`` watches its health.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from registers.fields import POSITION, POSITION_HELP, WEB_ADDRESS, WEB_ADDRESS_HELP, WebAddressField
from registers.history import RegisterHistory
from registers.links import HEALTH_FIELDS, LinkHealth
from registers.models import PublicationStatus, RegisterEntry, RegisterQuerySet, ThemesHistory

# Sections live at /eindex/<slug>/, beside these fixed addresses.
RESERVED_SLUGS = {"feed"}


def not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(f"“{slug}” is used by another page of the e-index.")


class SectionQuerySet(models.QuerySet):
    def with_link_counts(self):
        published = models.Q(links__publication_status=PublicationStatus.PUBLISHED)
        # Meta.ordering does not apply to an aggregating query: order explicitly.
        return self.annotate(link_count=models.Count("links", filter=published)).order_by(
            *self.model._meta.ordering
        )


class Section(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        WEB_ADDRESS,
        max_length=100,
        unique=True,
        validators=[not_reserved],
        help_text=WEB_ADDRESS_HELP,
    )
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(POSITION, default=0, help_text=POSITION_HELP)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("eindex:section", kwargs={"slug": self.slug})


class SubCategory(models.Model):
    """An optional grouping of links inside a section."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="sub_categories")
    name = models.CharField(max_length=200)
    slug = models.SlugField(WEB_ADDRESS, max_length=100, help_text=WEB_ADDRESS_HELP)
    order = models.PositiveSmallIntegerField(POSITION, default=0, help_text=POSITION_HELP)

    class Meta:
        ordering = ["section__order", "order", "name"]
        verbose_name_plural = "sub-categories"
        constraints = [
            models.UniqueConstraint(fields=["section", "slug"], name="sub_category_slug_once"),
            models.UniqueConstraint(fields=["section", "name"], name="sub_category_name_once"),
        ]

    def __str__(self):
        return self.name


class LinkQuerySet(RegisterQuerySet):
    def for_list(self):
        return self.select_related("section", "sub_category").prefetch_related("tags")

    def for_export(self):
        return self.for_list()

    def for_detail(self):
        # A link has no page of its own; this is what its preview shows.
        return self.for_list()


class Link(LinkHealth, RegisterEntry):
    url = WebAddressField("web address", max_length=500)
    description = models.TextField(blank=True, help_text="What a visitor will find there.")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="links")
    sub_category = models.ForeignKey(
        SubCategory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="links",
        verbose_name="sub-category",
    )
    tags = TaggableManager("themes", through="LinkTheme", blank=True)
    maintainer = models.CharField(
        "maintained by",
        max_length=200,
        blank=True,
        help_text="Who runs the linked site, e.g. “Government Digital Service”.",
    )
    # The health fields record what a robot found, not an editor's change.
    history = RegisterHistory(bases=[ThemesHistory], excluded_fields=list(HEALTH_FIELDS))

    published_through = ""

    search_document = (
        ("title", "A"),
        ("description", "B"),
        ("maintainer", "B"),
        ("tags__name", "C"),
    )

    objects = LinkQuerySet.as_manager()

    class Meta(RegisterEntry.Meta):
        verbose_name = "e-index link"

    def get_absolute_url(self):
        return f"{self.section.get_absolute_url()}#{self.slug}"

    def clean(self):
        super().clean()
        if (
            self.sub_category_id
            and self.section_id
            and self.sub_category.section_id != self.section_id
        ):
            raise ValidationError(
                {"sub_category": f"Choose a sub-category of “{self.section}”, or none."}
            )


class LinkTheme(TaggedItemBase):
    content_object = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="theme_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="link_theme_once")
        ]
