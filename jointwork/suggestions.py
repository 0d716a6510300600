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

from partners.models import Organisation
from projects.models import Project, ProjectTheme


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
    newest. Three queries whatever the data size: its themes, the projects, their shared
    themes' names.
    """
    published = Project.objects.published()
    its_projects = published.involving(organisation)
    themes = set(
        ProjectTheme.objects.filter(content_object__in=its_projects.values("pk"))
        .order_by()
        .values_list("tag_id", flat=True)
        .distinct()
    )
    if not themes or limit <= 0:
        return []

    partners = Project.partner_organisations.through.objects
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
    chosen = list(
        published.filter(
            pk__in=ProjectTheme.objects.filter(tag_id__in=theme_ids).values("content_object_id")
        )
        # Never a project it leads or partners in.
        .exclude(lead_organisation=organisation)
        .exclude(pk__in=partners.filter(organisation=organisation).values("project_id"))
        .annotate(in_region=in_region, in_sector=in_sector, shared=Subquery(shared))
        .filter(Q(in_region=True) | Q(in_sector=True))
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
