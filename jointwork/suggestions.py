"""Projects an organisation could join: the organisation's page shows them, and the officer's
/my/ page will too, so the rule lives here once."""

from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from taggit.models import Tag

from partners.models import Organisation
from projects.models import Project, ProjectTheme

# How many of the newest qualifying projects the suggestions are ranked among.
CANDIDATES = 200


@dataclass
class Suggestion:
    """A published project the organisation is not part of, and why it was suggested."""

    project: Project
    shared_themes: list[str] = field(default_factory=list)
    sub_region: str = ""
    sector: str = ""

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.shared_themes:
            noun = "shared theme" if len(self.shared_themes) == 1 else "shared themes"
            reasons.append(f"{noun}: {', '.join(self.shared_themes)}")
        if self.sub_region:
            reasons.append(f"same sub-region: {self.sub_region}")
        if self.sector:
            reasons.append(f"same sector: {self.sector}")
        return reasons

    @property
    def why(self) -> str:
        return "; ".join(self.reasons)


def suggested_projects(organisation: Organisation, *, limit: int = 10) -> list[Suggestion]:
    """At most ``limit`` published projects on themes ``organisation`` already works on (the
    themes of the published projects it leads or partners), in its sub-region or with an
    organisation of its sector (lead or partner), that it neither leads nor partners in.

    The most shared themes first, then those in its sub-region and sector both, then the
    newest; ranked among the newest ``CANDIDATES`` that qualify, so that the database stops
    reading once it has found them rather than scoring every project (at 100,000 projects a
    partner in thousands of them shares a theme with most). Three queries whatever the data
    size: its themes, the projects, their shared themes' names.
    """
    published = Project.objects.published()
    partners = Project.partner_organisations.through.objects
    # Its projects' themes: each theme asked whether a project it leads, or one it partners
    # in, has it; each answer stops at the first such project, where collecting the themes
    # of every one of its projects read thousands of rows.
    led = published.filter(lead_organisation=organisation)
    partnered = published.filter(
        pk__in=partners.filter(organisation=organisation).values("project_id")
    )
    tagged = ProjectTheme.objects.filter(tag=OuterRef("pk"))
    themes = set(
        Tag.objects.filter(
            Q(Exists(tagged.filter(content_object__in=led.values("pk"))))
            | Q(Exists(tagged.filter(content_object__in=partnered.values("pk"))))
        ).values_list("pk", flat=True)
    )
    if not themes or limit <= 0:
        return []

    theme_ids = list(themes)
    in_region = (
        Exists(
            Project.sub_regions.through.objects.filter(
                project=OuterRef("pk"), subregion=organisation.sub_region_id
            )
        )
        if organisation.sub_region_id
        else Value(False)
    )
    in_sector = ExpressionWrapper(
        Q(lead_organisation__sector=organisation.sector_id)
        | Q(
            Exists(
                partners.filter(project=OuterRef("pk"), organisation__sector=organisation.sector_id)
            )
        ),
        output_field=BooleanField(),
    )
    shared = (
        ProjectTheme.objects.filter(content_object=OuterRef("pk"), tag_id__in=theme_ids)
        .order_by()
        .values("content_object")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qualifying = (
        published.filter(
            Exists(ProjectTheme.objects.filter(content_object=OuterRef("pk"), tag_id__in=theme_ids))
        )
        # Never a project it leads or partners in.
        .exclude(lead_organisation=organisation)
        .exclude(pk__in=partners.filter(organisation=organisation).values("project_id"))
        .alias(in_region=in_region, in_sector=in_sector)
        .filter(Q(in_region=True) | Q(in_sector=True))
        .order_by("-published_at", "-pk")
    )
    chosen = list(
        published.filter(pk__in=qualifying.values("pk")[:CANDIDATES])
        .annotate(in_region=in_region, in_sector=in_sector, shared=Subquery(shared))
        .select_related("lead_organisation")
        .order_by("-shared", "-in_region", "-in_sector", "-published_at", "-pk")[:limit]
    )
    names: dict[int, list[str]] = {project.pk: [] for project in chosen}
    for project_id, name in (
        ProjectTheme.objects.filter(content_object__in=list(names), tag_id__in=theme_ids)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name")
    ):
        names[project_id].append(name)
    region_name = organisation.sub_region.name if organisation.sub_region_id else ""
    return [
        Suggestion(
            project=project,
            shared_themes=names[project.pk],
            sub_region=region_name if project.in_region else "",
            sector=organisation.sector.name if project.in_sector else "",
        )
        for project in chosen
    ]
