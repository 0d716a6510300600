"""Facet filters on who the partners are, shared by every register's FilterSet."""

from taggit.models import Tag

from registers.filters import MultipleRelationFilter, not_known_message

from .models import Group, Organisation, Sector, SubRegion


def organisation_filter(*paths: str, label: str = "Organisation") -> MultipleRelationFilter:
    return MultipleRelationFilter(
        label=label,
        paths=paths,
        queryset=Organisation.objects.all(),
        error_messages=not_known_message("organisation"),
    )


def sector_filter(path: str) -> MultipleRelationFilter:
    return MultipleRelationFilter(
        label="Sector",
        paths=(path,),
        by_count=False,
        queryset=Sector.objects.all(),
        error_messages=not_known_message("sector"),
    )


def sub_region_filter(path: str) -> MultipleRelationFilter:
    return MultipleRelationFilter(
        label="Sub-region",
        paths=(path,),
        by_count=False,
        queryset=SubRegion.objects.all(),
        error_messages=not_known_message("sub-region"),
    )


def group_filter(path: str) -> MultipleRelationFilter:
    return MultipleRelationFilter(
        label="Group",
        paths=(path,),
        queryset=Group.objects.all(),
        error_messages=not_known_message("group"),
    )


def theme_filter(label: str = "Theme", noun: str = "theme") -> MultipleRelationFilter:
    return MultipleRelationFilter(
        label=label,
        paths=("tags",),
        queryset=Tag.objects.all(),
        error_messages=not_known_message(noun),
    )
