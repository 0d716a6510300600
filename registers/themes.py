"""Themes (taggit's tags) are one vocabulary shared by every register: how often each is
used, and which nothing uses any more."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .merge import references_to


def with_usage(queryset):
    """Annotate each theme with ``usage``: how many entries, in every register, carry it.
    One subquery per register's themes table, in the same query as the themes."""
    usage = Value(0, output_field=IntegerField())
    for reference in references_to(queryset.model):
        uses = (
            reference.model._base_manager.filter(**{reference.field: OuterRef("pk")})
            .order_by()
            .values(reference.field)
            .annotate(count=Count("pk"))
            .values("count")
        )
        usage = usage + Coalesce(Subquery(uses, output_field=IntegerField()), 0)
    return queryset.annotate(usage=usage)


def unused(queryset):
    """Themes no entry carries: left behind by edits and merges."""
    return with_usage(queryset).filter(usage=0)
