from taggit.models import Tag

from partners.models import Group, Organisation, Sector, SubRegion
from registers.filters import MultipleRelationFilter, RegisterFilterSet, not_known_message

from .models import Contact


class ContactFilterSet(RegisterFilterSet):
    organisation = MultipleRelationFilter(
        label="Organisation",
        paths=("organisation",),
        queryset=Organisation.objects.all(),
        error_messages=not_known_message("organisation"),
    )
    sector = MultipleRelationFilter(
        label="Sector",
        paths=("organisation__sector",),
        by_count=False,
        queryset=Sector.objects.all(),
        error_messages=not_known_message("sector"),
    )
    sub_region = MultipleRelationFilter(
        label="Sub-region",
        paths=("organisation__sub_region",),
        by_count=False,
        queryset=SubRegion.objects.all(),
        error_messages=not_known_message("sub-region"),
    )
    group = MultipleRelationFilter(
        label="Group",
        paths=("groups",),
        queryset=Group.objects.all(),
        error_messages=not_known_message("group"),
    )
    theme = MultipleRelationFilter(
        label="Area of interest",
        paths=("tags",),
        queryset=Tag.objects.all(),
        error_messages=not_known_message("area of interest"),
    )

    sort_options = {
        "name": ("Name A to Z", ["title"]),
        "newest": ("Newest first", ["-published_at"]),
        "organisation": ("Organisation", ["organisation__name", "title"]),
    }

    class Meta:
        model = Contact
        fields = ["q", "organisation", "sector", "sub_region", "group", "theme"]
