import datetime
from collections import Counter

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from funding.models import FundingSource
from partners.models import Organisation, Sector, SubRegion
from registers.fields import POSITION, POSITION_HELP, WebAddressField
from registers.history import RegisterHistory
from registers.links import HEALTH_FIELDS, LinkHealth
from registers.models import (
    LinksHistory,
    RegisterEntry,
    RegisterQuerySet,
    ThemesHistory,
)


class Programme(models.TextChoices):
    PATHFINDER = "pathfinder", "Pathfinder"
    INVEST_TO_SAVE = "isb", "Invest to Save (ISB)"
    CENTRAL_GOVERNMENT = "central", "Other central government"
    EC_FUNDED = "ec", "EC-funded"
    LOCAL = "local", "Local / other"


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    CLOSED = "closed", "Closed"


class Partnership(models.TextChoices):
    CROSS_SECTOR = "cross-sector", "Organisations from two or more sectors"
    SINGLE_SECTOR = "single-sector", "Organisations from one sector"


# How many of the newest theme links "related projects" are scored among.
RELATED_CANDIDATE_LINKS = 2000


class ProjectQuerySet(RegisterQuerySet):
    # A project's year, from its dates. A proposed project has not started, whatever its
    # planned dates say. The register's year filters and the annual review's figures both use
    # these methods, so a figure always matches the list its link opens.
    def started_in(self, year: int):
        return self.exclude(status=ProjectStatus.PROPOSED).filter(start_date__year=year)

    def active_in(self, year: int):
        """Running at any time in the year: started by its end, not ended before it began."""
        return (
            self.exclude(status=ProjectStatus.PROPOSED)
            .filter(start_date__lte=datetime.date(year, 12, 31))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=datetime.date(year, 1, 1)))
        )

    def completed_in(self, year: int):
        return self.filter(status=ProjectStatus.COMPLETED, end_date__year=year)

    def _crosses_sectors(self):
        """A partner organisation from another sector than the lead's: then the project's
        organisations span two or more sectors."""
        return Exists(
            Project.partner_organisations.through.objects.filter(project=OuterRef("pk")).exclude(
                organisation__sector=OuterRef("lead_organisation__sector")
            )
        )

    def with_partnership(self, partnership: str):
        if partnership == Partnership.CROSS_SECTOR:
            return self.filter(self._crosses_sectors())
        return self.filter(~self._crosses_sectors())

    def for_list(self):
        return self.select_related("lead_organisation").prefetch_related("sub_regions", "tags")

    def for_detail(self):
        return self.select_related(
            "lead_organisation__sector", "lead_organisation__sub_region"
        ).prefetch_related(
            Prefetch(
                "partner_organisations",
                queryset=Organisation.objects.order_by("name"),
            ),
            "sub_regions",
            "sectors",
            "tags",
            "links",
            Prefetch(
                "funding_sources",
                queryset=FundingSource.objects.published(),
            ),
            Prefetch(
                "interests",
                queryset=ProjectInterest.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
        )

    def for_export(self):
        return self.select_related("lead_organisation").prefetch_related(
            "partner_organisations", "sub_regions", "sectors", "tags", "links"
        )

    def involving(self, organisation):
        """Projects the organisation leads or is a partner in."""
        return self.filter(
            Q(lead_organisation=organisation)
            | Q(
                pk__in=Project.partner_organisations.through.objects.filter(
                    organisation=organisation
                ).values("project_id")
            )
        )

    def related_to(self, project, *, limit=5):
        """Published projects sharing the most themes with ``project`` (then sub-regions),
        newest first among equals.

        Scored on the theme link table: joining every shared theme and sub-region at once
        took seconds on 100,000 projects.
        """
        tag_ids = [tag.pk for tag in project.tags.all()]
        region_ids = [region.pk for region in project.sub_regions.all()]
        others = self.exclude(pk=project.pk).select_related("lead_organisation")
        # Scored among the newest theme links only, counted here: grouping every project
        # that shares a common theme took 120 ms at 100,000 projects.
        links = (
            ProjectTheme.objects.filter(tag_id__in=tag_ids)
            .exclude(content_object_id=project.pk)
            .order_by("-content_object_id")
            .values_list("content_object_id", flat=True)[:RELATED_CANDIDATE_LINKS]
        )
        shared = Counter(links) if tag_ids else Counter()
        # A few more than needed: a draft or archived one among them is not shown.
        best = [pk for pk, _n in shared.most_common(limit * 4)]
        by_theme = sorted(
            others.filter(pk__in=best) if best else [],
            key=lambda other: (
                -shared[other.pk],
                -(other.published_at.timestamp() if other.published_at else 0),
                -other.pk,
            ),
        )[:limit]
        if len(by_theme) < limit and region_ids:
            seen = [related.pk for related in by_theme]
            by_theme += list(
                others.filter(sub_regions__in=region_ids)
                .exclude(pk__in=seen)
                .distinct()
                .order_by("-published_at", "-pk")[: limit - len(by_theme)]
            )
        return by_theme


class Project(RegisterEntry):
    summary = models.CharField(max_length=400, help_text="One or two sentences for lists.")
    description = models.TextField(blank=True)
    programme = models.CharField(max_length=20, choices=Programme.choices, db_index=True)
    status = models.CharField(
        max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED, db_index=True
    )
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_projects"
    )
    partner_organisations = models.ManyToManyField(
        Organisation,
        related_name="partner_projects",
        blank=True,
        help_text="Other organisations taking part (not the lead).",
    )
    sub_regions = models.ManyToManyField(
        SubRegion, verbose_name="sub-regions", related_name="projects", blank=True
    )
    sectors = models.ManyToManyField(Sector, related_name="projects", blank=True)
    funding_sources = models.ManyToManyField(
        FundingSource,
        related_name="funded_projects",
        blank=True,
        verbose_name="funded by",
        help_text="Funding sources in the register that pay for this project.",
    )
    tags = TaggableManager(
        "themes", through="ProjectTheme", blank=True, help_text="Comma-separated themes."
    )
    start_date = models.DateField(null=True, blank=True, db_index=True)
    end_date = models.DateField(null=True, blank=True)
    budget = models.DecimalField(
        "budget (£)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    history = RegisterHistory(
        m2m_fields=[partner_organisations, sub_regions, sectors, funding_sources],
        bases=[ThemesHistory, LinksHistory],
    )

    owner_field = "lead_organisation"
    search_document = (
        ("title", "A"),
        ("summary", "B"),
        ("description", "C"),
        ("tags__name", "C"),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta(RegisterEntry.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_it_starts",
                violation_error_message="The end date must not be before the start date.",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="project_budget_not_negative",
                violation_error_message="The budget cannot be negative.",
            ),
        ]
        indexes = [models.Index(fields=["-published_at"], name="project_newest")]

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})


class ProjectTheme(TaggedItemBase):
    """A project's theme. A real foreign key (not taggit's generic one) lets the database use
    its indexes when filtering, counting and searching by theme."""

    content_object = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="theme_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="project_theme_once")
        ]


class ProjectLink(LinkHealth):
    class Kind(models.TextChoices):
        PROJECT_SITE = "site", "Project web site"
        RESEARCH = "research", "Related research"
        POLICY = "policy", "Policy issue"
        EVALUATION = "evaluation", "Evaluation"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    label = models.CharField(max_length=200)
    url = WebAddressField("web address", max_length=500)
    order = models.PositiveSmallIntegerField(POSITION, default=0, help_text=POSITION_HELP)
    history = HistoricalRecords(excluded_fields=list(HEALTH_FIELDS))

    published_through = "project"

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "hyperlink"

    def __str__(self):
        return self.label


class ProjectInterest(models.Model):
    """An organisation's registered interest in a project: its "shareware club"."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="project_interests"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="one_interest_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} is interested in {self.project}"
