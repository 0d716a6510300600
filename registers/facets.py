"""Facet counts for a register list.

Counts are "disjunctive": a facet's counts come from the list filtered by every *other*
selected filter, so after ticking one programme the other programmes still show how many
entries choosing them would add. Each facet costs a fixed number of queries whatever the data.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from .filters import ChoicesFilter


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


def build_facets(filterset, *, limit: int = 15) -> list[Facet]:
    facets = []
    filterset.is_valid()  # cleaned_data holds the valid values only
    cleaned = filterset.form.cleaned_data
    for name, flt in filterset.facet_filters().items():
        without_this = filterset.queryset
        for other, value in cleaned.items():
            if other not in {name, "sort"}:
                without_this = filterset.filters[other].filter(without_this, value)
        entry_ids = without_this.order_by().values("pk")
        selected = set(filterset.data.getlist(name))
        model = filterset.queryset.model
        counts: dict[str, list] = {}
        if isinstance(flt, ChoicesFilter):
            labels = dict(flt.extra["choices"])
            rows = (
                model._default_manager.filter(pk__in=entry_ids)
                .values_list(flt.field_name)
                .annotate(n=Count("pk"))
            )
            for value, n in rows:
                counts[value] = [labels.get(value, value), n]
            options = [
                FacetOption(value, label, counts.get(value, [label, 0])[1], value in selected)
                for value, label in labels.items()
            ]
        else:
            key = flt.extra.get("to_field_name", "slug")
            for path in flt.paths:
                rows = (
                    model._default_manager.filter(pk__in=entry_ids)
                    .exclude(**{f"{path}__isnull": True})
                    .values_list(f"{path}__{key}", f"{path}__name")
                    .annotate(n=Count("pk", distinct=True))
                )
                for value, label, n in rows:
                    counts.setdefault(value, [label, 0])[1] += n
            options = _relation_options(flt, counts, selected, limit)
        facets.append(Facet(name=name, label=flt.label, options=options))
    return facets


def _relation_options(flt, counts, selected, limit):
    """Options of a relation facet.

    A small reference list (sectors, sub-regions) is shown whole, in its own order; a long one
    (organisations, themes) shows its ``limit`` commonest values. Either way every selected
    value stays visible, with its count even when that is 0, so it can be unticked.
    """
    key = flt.extra.get("to_field_name", "slug")
    if not flt.by_count:
        return [
            FacetOption(
                getattr(item, key),
                str(item),
                counts.get(getattr(item, key), [None, 0])[1],
                getattr(item, key) in selected,
            )
            for item in flt.queryset
        ]
    ranked = sorted(counts.items(), key=lambda item: (-item[1][1], item[1][0]))
    options = [
        FacetOption(value, label, n, value in selected)
        for index, (value, (label, n)) in enumerate(ranked)
        if index < limit or value in selected
    ]
    missing = selected - counts.keys()
    if missing:
        for item in flt.queryset.filter(**{f"{key}__in": missing}):
            options.append(FacetOption(getattr(item, key), str(item), 0, True))
    return options
