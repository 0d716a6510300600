from partners.filters import (
    group_filter,
    organisation_filter,
    sector_filter,
    sub_region_filter,
    theme_filter,
)
from registers.filters import RegisterFilterSet

from .models import Contact


class ContactFilterSet(RegisterFilterSet):
    organisation = organisation_filter("organisation")
    sector = sector_filter("organisation__sector")
    sub_region = sub_region_filter("organisation__sub_region")
    group = group_filter("groups")
    theme = theme_filter("Area of interest", "area of interest")

    sort_options = {
        "name": ("Name A to Z", ["title"]),
        "newest": ("Newest first", ["-published_at"]),
        "organisation": ("Organisation", ["organisation__name", "title"]),
    }

    class Meta:
        model = Contact
        fields = ["q", "organisation", "sector", "sub_region", "group", "theme"]
