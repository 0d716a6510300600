from partners.filters import group_filter, organisation_filter, theme_filter
from registers.filters import (
    ChoicesFilter,
    RegisterFilterSet,
    YearFacetFilter,
    not_known_message,
)

from .models import Paper, PaperKind


def paper_years():
    """The years that published papers are dated, newest first: the year facet's options."""
    years = Paper.objects.published().with_year().order_by("-year").values_list("year", flat=True)
    return [(str(year), str(year)) for year in years.distinct()]


class PaperFilterSet(RegisterFilterSet):
    kind = ChoicesFilter(
        label="Kind of paper",
        choices=PaperKind.choices,
        error_messages=not_known_message("kind of paper"),
    )
    year = YearFacetFilter(
        label="Year",
        field_name="year",  # annotated by PaperQuerySet.with_year
        choices=paper_years,
        error_messages=not_known_message("year"),
    )
    organisation = organisation_filter("organisation")
    group = group_filter("group")
    theme = theme_filter()

    sort_options = {
        "newest": ("Newest first", ["-date", "title"]),
        "title": ("Title A to Z", ["title"]),
    }

    class Meta:
        model = Paper
        fields = ["q", "kind", "year", "organisation", "group", "theme"]
