"""Facet filters on who the partners are, shared by every register's FilterSet."""

import django_filters
from taggit.models import Tag

from registers.filters import MultipleRelationFilter, YearFilter, not_known_message

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


class OrganisationFilterSet(django_filters.FilterSet):
    """The organisations list: by sub-region, sector, and the year they took part in a
    project."""

    sub_region = django_filters.ModelChoiceFilter(
        label="Sub-region",
        queryset=SubRegion.objects.all(),
        to_field_name="slug",
        empty_label="All of London",
        error_messages=not_known_message("sub-region"),
    )
    sector = django_filters.ModelChoiceFilter(
        label="Sector",
        queryset=Sector.objects.all(),
        to_field_name="slug",
        empty_label="All sectors",
        error_messages=not_known_message("sector"),
    )
    active_in = YearFilter(label="In a project active in (year)", queryset_method="active_in")

    class Meta:
        model = Organisation
        fields = ["sub_region", "sector", "active_in"]
