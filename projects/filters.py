from partners.filters import organisation_filter, sector_filter, sub_region_filter, theme_filter
from registers.filters import ChoicesFilter, RegisterFilterSet, not_known_message

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
    sector = sector_filter("sectors")
    sub_region = sub_region_filter("sub_regions")
    organisation = organisation_filter(
        "lead_organisation", "partner_organisations", label="Organisation (lead or partner)"
    )
    theme = theme_filter()

    sort_options = {
        "newest": ("Newest first", ["-published_at"]),
        "title": ("Title A to Z", ["title"]),
        "start": ("Start date, latest first", ["-start_date"]),
    }

    class Meta:
        model = Project
        fields = ["q", "programme", "status", "sector", "sub_region", "organisation", "theme"]
