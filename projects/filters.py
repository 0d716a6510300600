import django_filters

from partners.filters import organisation_filter, sector_filter, sub_region_filter, theme_filter
from registers.filters import ChoicesFilter, RegisterFilterSet, YearFilter, not_known_message

from .models import Partnership, Programme, Project, ProjectStatus


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
    started_in = YearFilter(label="Started in (year)", queryset_method="started_in")
    active_in = YearFilter(label="Active in (year)", queryset_method="active_in")
    completed_in = YearFilter(label="Completed in (year)", queryset_method="completed_in")
    partnership = django_filters.ChoiceFilter(
        label="Partnership",
        choices=Partnership.choices,
        method="filter_partnership",
        error_messages=not_known_message("kind of partnership"),
    )

    sort_options = {
        "newest": ("Newest first", ["-published_at"]),
        "title": ("Title A to Z", ["title"]),
        "start": ("Start date, latest first", ["-start_date"]),
    }

    class Meta:
        model = Project
        fields = [
            "q",
            "programme",
            "status",
            "sector",
            "sub_region",
            "organisation",
            "theme",
            "started_in",
            "active_in",
            "completed_in",
            "partnership",
        ]

    def filter_partnership(self, queryset, name, value):
        return queryset.with_partnership(value) if value else queryset
