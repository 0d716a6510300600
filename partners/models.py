"""Who the partners are: organisations, their sectors and sub-regions, the groups they form,
and which organisation each user account belongs to."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from registers.fields import (
    FILTER_ADDRESS_HELP,
    POSITION,
    POSITION_HELP,
    WEB_ADDRESS,
    WEB_ADDRESS_HELP,
    WebAddressField,
)
from registers.history import RegisterHistory
from registers.links import HEALTH_FIELDS, LinkHealth
from registers.search import SearchableQuerySet


class Sector(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(WEB_ADDRESS, max_length=100, unique=True, help_text=FILTER_ADDRESS_HELP)
    order = models.PositiveSmallIntegerField(POSITION, default=0, help_text=POSITION_HELP)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class SubRegion(models.Model):
    """A London Plan sub-region."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(WEB_ADDRESS, max_length=100, unique=True, help_text=FILTER_ADDRESS_HELP)
    order = models.PositiveSmallIntegerField(POSITION, default=0, help_text=POSITION_HELP)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "sub-region"

    def __str__(self):
        return self.name


class OrganisationQuerySet(SearchableQuerySet):
    def for_list(self):
        return self.select_related("sector", "sub_region")

    def local_authorities(self):
        return self.filter(is_local_authority=True)

    def involved_in(self, projects):
        """Organisations that lead, or are partners in, any of ``projects``."""
        partners = projects.model.partner_organisations.through.objects.filter(
            project__in=projects.values("pk")
        )
        return self.filter(
            Q(pk__in=projects.values("lead_organisation"))
            | Q(pk__in=partners.values("organisation"))
        )

    def active_in(self, year: int):
        """Organisations taking part in a published project active in the year (the
        register's filter and the annual review's figure)."""
        project = apps.get_model("projects", "Project")
        return self.involved_in(project.objects.published().active_in(year))


class Organisation(LinkHealth):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(WEB_ADDRESS, max_length=200, unique=True, help_text=WEB_ADDRESS_HELP)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="organisations")
    sub_region = models.ForeignKey(
        SubRegion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text="Leave blank for London-wide and national bodies.",
    )
    is_local_authority = models.BooleanField(
        "one of the 33 London local authorities", default=False
    )
    website = WebAddressField("web site", blank=True)
    description = models.TextField("short description", blank=True)
    history = HistoricalRecords(excluded_fields=list(HEALTH_FIELDS))

    checked_url_field = "website"
    # A few hundred rows: the site search builds the document in the query (registers.search).
    search_document = (
        ("name", "A"),
        ("description", "B"),
        ("sector__name", "C"),
        ("sub_region__name", "C"),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [
            ("edit_all_organisations", "Can edit the register entries of every organisation"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:organisation", kwargs={"slug": self.slug})


class Group(LinkHealth):
    """A sub-regional partnership or a cross-sector group of organisations."""

    class Kind(models.TextChoices):
        SUB_REGIONAL = "sub-regional", "Sub-regional partnership"
        CROSS_SECTOR = "cross-sector", "Cross-sector group"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(WEB_ADDRESS, max_length=200, unique=True, help_text=WEB_ADDRESS_HELP)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sub_region = models.ForeignKey(
        SubRegion, on_delete=models.PROTECT, null=True, blank=True, related_name="groups"
    )
    description = models.TextField(blank=True)
    website = WebAddressField("web site", blank=True)
    members = models.ManyToManyField(Organisation, related_name="groups", blank=True)
    history = RegisterHistory(m2m_fields=[members], excluded_fields=list(HEALTH_FIELDS))

    checked_url_field = "website"
    search_document = (("name", "A"), ("description", "B"), ("sub_region__name", "C"))

    objects = SearchableQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:group", kwargs={"slug": self.slug})


def is_partner(user) -> bool:
    """A signed-in account that belongs to a partner organisation."""
    return user.is_authenticated and hasattr(user, "membership")


class Membership(models.Model):
    """The partner organisation a user account belongs to: it decides which register entries
    a partner officer may edit."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    job_title = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return f"{self.user} at {self.organisation}"
