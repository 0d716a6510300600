from partners.filters import theme_filter
from registers.filters import MultipleRelationFilter, RegisterFilterSet, not_known_message

from .models import Link, Section, SubCategory


class LinkFilterSet(RegisterFilterSet):
    """One section's links: the section is fixed by the page's address."""

    sub_category = MultipleRelationFilter(
        label="Sub-category",
        paths=("sub_category",),
        queryset=SubCategory.objects.all(),
        error_messages=not_known_message("sub-category"),
    )
    theme = theme_filter()

    sort_options = {
        "title": ("Title A to Z", ["title"]),
        "newest": ("Newest first", ["-published_at"]),
    }

    class Meta:
        model = Link
        fields = ["q", "sub_category", "theme"]


class EindexFeedFilterSet(LinkFilterSet):
    """The feed follows the whole e-index, or the sections named by ``section``."""

    section = MultipleRelationFilter(
        label="Section",
        paths=("section",),
        by_count=False,
        queryset=Section.objects.all(),
        error_messages=not_known_message("e-index section"),
    )

    class Meta(LinkFilterSet.Meta):
        fields = ["q", "section", "sub_category", "theme"]
