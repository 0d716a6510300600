import django_filters
from django.db import connections
from django.db.models import Count
from taggit.models import Tag

from partners.models import Sector
from projects.models import ProjectTheme
from registers.filters import (
    ChoicesFilter,
    MultipleRelationFilter,
    RegisterFilterSet,
    YearFilter,
    not_known_message,
)

from .models import Product, ProductKind, TakeUp

TAKEN_UP_AT_LEAST = [("1", "1 or more"), ("3", "3 or more"), ("5", "5 or more")]


class AdopterSectorFilter(MultipleRelationFilter):
    """Products taken up (evaluating or adopted) by an organisation of any chosen sector.
    Its facet counts the same way (``relation_counts``, read by registers.facets): products,
    each once per sector, never a declined take-up."""

    def __init__(self, **kwargs):
        super().__init__(
            label="Taken up by sector",
            paths=("take_ups__organisation__sector",),
            by_count=False,
            queryset=Sector.objects.all(),
            error_messages=not_known_message("sector"),
            **kwargs,
        )

    def filter(self, qs, value):
        if not value:
            return qs
        taking_up = TakeUp.objects.taking_up().filter(organisation__sector__in=value)
        return qs.filter(pk__in=taking_up.values("product"))

    def relation_counts(self, entries):
        ids = entries if entries.query.values_select else entries.order_by().values("pk")
        return (
            TakeUp.objects.taking_up()
            .filter(product__in=ids)
            .values_list("organisation__sector__slug", "organisation__sector__name")
            .annotate(n=Count("product", distinct=True))
        )


class ProjectThemeFilter(MultipleRelationFilter):
    """Products whose project carries any chosen theme. Its facet counts products under each
    theme from the product rows and the projects' theme links alone (``relation_counts``,
    read by registers.facets): counting through the relation joined every product to its
    project and read all 100,000 projects."""

    def __init__(self, **kwargs):
        super().__init__(
            label="Theme of the project",
            paths=("project__tags",),
            queryset=Tag.objects.all(),
            error_messages=not_known_message("theme"),
            **kwargs,
        )

    def relation_counts(self, entries):
        ids = entries if entries.query.values_select else entries.order_by().values("pk")
        ids_sql, params = ids.query.sql_with_params()
        quote = connections[ids.db].ops.quote_name
        product, theme, tag = Product._meta, ProjectTheme._meta, Tag._meta
        project = quote(product.get_field("project").column)
        tagged = quote(theme.get_field("content_object").column)
        tag_id = quote(theme.get_field("tag").column)
        slug, name = quote(tag.get_field("slug").column), quote(tag.get_field("name").column)
        # Table and column names from the models' metadata; every value is a parameter.
        sql = (
            f"SELECT tag.{slug}, tag.{name}, COUNT(*) "  # noqa: S608
            f"FROM {quote(product.db_table)} product "
            f"JOIN {quote(theme.db_table)} theme ON theme.{tagged} = product.{project} "
            f"JOIN {quote(tag.db_table)} tag ON tag.{quote(tag.pk.column)} = theme.{tag_id} "
            f"WHERE product.{quote(product.pk.column)} IN ({ids_sql}) "
            f"GROUP BY tag.{slug}, tag.{name}"
        )
        with connections[ids.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class ProductFilterSet(RegisterFilterSet):
    type = ChoicesFilter(
        label="Type",
        field_name="kind",
        choices=ProductKind.choices,
        error_messages=not_known_message("type of product"),
    )
    theme = ProjectThemeFilter()
    adopter_sector = AdopterSectorFilter()
    taken_up_by = django_filters.ChoiceFilter(
        label="Taken up by at least",
        choices=TAKEN_UP_AT_LEAST,
        method="filter_taken_up_by",
        error_messages=not_known_message("number of organisations"),
    )
    listed_in = YearFilter(label="Listed in (year)", queryset_method="listed_in")
    taken_up_in = YearFilter(label="Taken up in (year)", queryset_method="taken_up_in")

    sort_options = {
        "newest": ("Newest first", ["-published_at"]),
        "title": ("Title A to Z", ["title"]),
        "taken_up": ("Most taken up", ["-taken_up_count", "title"]),
    }

    class Meta:
        model = Product
        fields = [
            "q",
            "type",
            "theme",
            "adopter_sector",
            "taken_up_by",
            "listed_in",
            "taken_up_in",
        ]

    def filter_taken_up_by(self, queryset, name, value):
        return queryset.taken_up_by_at_least(int(value)) if value else queryset
