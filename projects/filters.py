from taggit.models import Tag

from partners.models import Organisation, Sector, SubRegion
from registers.filters import (
    ChoicesFilter,
    MultipleRelationFilter,
    RegisterFilterSet,
    not_known_message,
)

from .models import Programme, Project, ProjectStatus


class ProjectFilterSet(RegisterFilterSet):
    programme = ChoicesFilter(
        label="Programme",
        choices=Programme.choices,
        error_messages=not_known_message("programme"),
    )
    status = ChoicesFilter(
        label="Status",
        choices=ProjectStatus.choices,
        error_messages=not_known_message("status"),
    )
    sector = MultipleRelationFilter(
        label="Sector",
        paths=("sectors",),
        by_count=False,
        queryset=Sector.objects.all(),
        error_messages=not_known_message("sector"),
    )
    sub_region = MultipleRelationFilter(
        label="Sub-region",
        paths=("sub_regions",),
        by_count=False,
        queryset=SubRegion.objects.all(),
        error_messages=not_known_message("sub-region"),
    )
    organisation = MultipleRelationFilter(
        label="Organisation (lead or partner)",
        paths=("lead_organisation", "partner_organisations"),
        queryset=Organisation.objects.all(),
        error_messages=not_known_message("organisation"),
    )
    theme = MultipleRelationFilter(
        label="Theme",
        paths=("tags",),
        queryset=Tag.objects.all(),
        error_messages=not_known_message("theme"),
    )

    sort_options = {
        "newest": ("Newest first", ["-published_at"]),
        "title": ("Title A to Z", ["title"]),
        "start": ("Start date, latest first", ["-start_date"]),
    }

    class Meta:
        model = Project
        fields = ["q", "programme", "status", "sector", "sub_region", "organisation", "theme"]
