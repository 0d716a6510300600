"""Facet counts for a register list.

Counts are "disjunctive": a facet's counts come from the list filtered by every *other*
selected filter, so after ticking one programme the other programmes still show how many
entries choosing them would add. Each facet costs a fixed number of queries whatever the data.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from .filters import ChoicesFilter, narrows


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
        narrowed = False
        for other, value in cleaned.items():
            if other not in {name, "sort"} and narrows(value):
                without_this = filterset.filters[other].filter(without_this, value)
                narrowed = True
        entry_ids = without_this.order_by().values("pk")
        selected = set(filterset.data.getlist(name))
        model = filterset.queryset.model
        counts: dict[str, list] = {}
        if isinstance(flt, ChoicesFilter):
            choices = flt.extra["choices"]
            labels = dict(choices() if callable(choices) else choices)
            # Counted over the register's own queryset: the field may be an annotation
            # (a fund's status, computed from its dates).
            # Another filter may join a relation (one row per match): then the entries are
            # counted through their ids. Unnarrowed, the register's own rows are counted as
            # they are, in one scan.
            counted = filterset.queryset.filter(pk__in=entry_ids) if narrowed else without_this
            rows = (
                counted.prefetch_related(None)
                .order_by()
                .values_list(flt.field_name)
                .annotate(n=Count("pk"))
            )
            for value, n in rows:
                value = str(value)  # an annotated year is a number; the GET value a string
                counts[value] = [labels.get(value, value), n]
            options = [
                FacetOption(value, label, counts.get(value, [label, 0])[1], value in selected)
                for value, label in labels.items()
            ]
            # A valid choice the list does not offer (a year with no entries) stays visible
            # while selected, with its 0, so that it can be unticked.
            options += [
                FacetOption(value, value, 0, True)
                for value in sorted(selected - labels.keys())
                if flt.field.valid_value(value)
            ]
        else:
            entries = entry_ids if narrowed else without_this
            for path in flt.paths:
                for value, label, n in _relation_counts(model, path, entries, flt):
                    counts.setdefault(value, [label, 0])[1] += n
            if flt.empty_means_all:
                for_all = model._default_manager.filter(pk__in=entries).filter(flt.unrelated())
                counts = _add_to_every_option(flt, counts, for_all.count())
            options = _relation_options(flt, counts, selected, limit)
        facets.append(Facet(name=name, label=flt.label, options=options))
    return facets


def _relation_counts(model, path, entries, flt):
    """(value, label, number of entries) for each object related through ``path``, over
    ``entries``: the register's rows (one each), or a query of their ids.

    Many-to-many relations are counted on their link table alone, which holds each pair once:
    no join back to the register and no COUNT(DISTINCT), which on 100,000 projects made the
    difference between milliseconds and minutes.
    """
    if hasattr(flt, "relation_counts"):
        # A filter that narrows its relation (not every related row counts) counts itself.
        return flt.relation_counts(entries)
    key = flt.extra.get("to_field_name", "slug")
    field = None if "__" in path else model._meta.get_field(path)
    if field is not None and field.many_to_many:
        through = field.remote_field.through
        links = [f for f in through._meta.fields if f.is_relation]
        source = next(f.name for f in links if f.related_model is model)
        target = next(
            f.name for f in links if f.related_model is field.related_model and f.name != source
        )
        ids = entries if entries.query.values_select else entries.order_by().values("pk")
        rows = through._default_manager.filter(**{f"{source}__in": ids})
        return rows.values_list(f"{target}__{key}", f"{target}__name").annotate(n=Count("pk"))
    rows = (
        entries
        if not entries.query.values_select
        else model._default_manager.filter(pk__in=entries)
    )
    return (
        rows.prefetch_related(None)
        .order_by()
        .exclude(**{f"{path}__isnull": True})
        .values_list(f"{path}__{key}", f"{path}__name")
        .annotate(n=Count("pk"))
    )


def _add_to_every_option(flt, counts, extra: int):
    if not extra:
        return counts
    key = flt.extra.get("to_field_name", "slug")
    every = {getattr(item, key): str(item) for item in flt.queryset}
    return {
        value: [label, counts.get(value, [label, 0])[1] + extra] for value, label in every.items()
    }


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
