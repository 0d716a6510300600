import django_filters

from partners.filters import organisation_filter, sector_filter, sub_region_filter, theme_filter
from partners.models import Organisation, Sector
from registers.filters import (
    AllOfRelationFilter,
    ChoicesFilter,
    RegisterFilterSet,
    YearFilter,
    not_known_message,
)

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

    # What the joint-work map's figures link to: the projects a pair of organisations share,
    # the projects joining organisations of given sectors (lead or partner, every one given).
    with_organisation = AllOfRelationFilter(
        label="With every one of these organisations (lead or partner)",
        paths=("lead_organisation", "partner_organisations"),
        queryset=Organisation.objects.all(),
        error_messages=not_known_message("organisation"),
    )
    organisation_sector = AllOfRelationFilter(
        label="With organisations of every one of these sectors (lead or partner)",
        paths=("lead_organisation__sector", "partner_organisations__sector"),
        queryset=Sector.objects.all(),
        error_messages=not_known_message("sector"),
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
            "with_organisation",
            "organisation_sector",
        ]

    def filter_partnership(self, queryset, name, value):
        return queryset.with_partnership(value) if value else queryset
