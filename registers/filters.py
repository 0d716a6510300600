"""The FilterSet every register list is built on: search, facets and sort, all as GET
parameters so that any view of a register can be bookmarked, exported or subscribed to."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet


class MultipleRelationFilter(django_filters.ModelMultipleChoiceFilter):
    """Entries related to any of the chosen objects (OR), through one or more relation paths.

    Selecting by primary key through a subquery keeps each entry once without DISTINCT, and the
    same paths drive the facet counts (``registers.facets``).
    """

    def __init__(
        self,
        *args,
        paths: tuple[str, ...],
        by_count: bool = True,
        empty_means_all: bool = False,
        **kwargs,
    ):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("field_name", paths[0])
        super().__init__(*args, **kwargs)
        self.paths = paths
        # Facet order: commonest first (long lists), or the model's own order (short ones).
        self.by_count = by_count
        # An entry related to nothing counts as related to everything (a fund that lists no
        # eligible sectors is open to all): it matches, and is counted under, every option.
        self.empty_means_all = empty_means_all

    def unrelated(self) -> Q:
        return Q(**{f"{path}__isnull": True for path in self.paths})

    def filter(self, qs, value):
        if not value:
            return qs
        linked = Q()  # many-to-many paths: read from their link tables alone
        related = Q()
        for path in self.paths:
            rows = link_rows(qs.model, path, value)
            if rows is not None:
                linked |= Q(pk__in=rows)
            else:
                related |= Q(**{f"{path}__in": value})
        if self.empty_means_all:
            related |= self.unrelated()
        if related:
            linked |= Q(pk__in=qs.model._default_manager.filter(related).values("pk"))
        return qs.filter(linked)


def link_rows(model, path: str, value):
    """For a many-to-many ``path`` of ``model`` (themes, sub-regions, partners): the ids of
    the entries linked to any of ``value``, from the link table alone, as the facets count
    them. Joining the link table back to the register's own table read every project (at
    100,000, a third of a second for each such filter). None for any other path."""
    if "__" in path:
        return None
    field = model._meta.get_field(path)
    if not field.many_to_many:
        return None
    through = field.remote_field.through
    links = [f for f in through._meta.fields if f.is_relation]
    source = next((f for f in links if f.related_model is model), None)
    target = next(
        (f for f in links if f.related_model is field.related_model and f is not source), None
    )
    if source is None or target is None:
        return None
    return through._default_manager.filter(**{f"{target.name}__in": value}).values(source.attname)


class AllOfRelationFilter(django_filters.ModelMultipleChoiceFilter):
    """Entries related to every one of the chosen objects (AND), each through any of the
    relation paths: "projects of both Camden and Islington" (lead or partner), the list a
    figure of joint work links to. Not a facet: the form carries it as hidden fields, and the
    list shows it among the chosen filters."""

    all_of = True

    def __init__(self, *args, paths: tuple[str, ...], **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("field_name", paths[0])
        kwargs.setdefault("widget", forms.MultipleHiddenInput)
        super().__init__(*args, **kwargs)
        self.paths = paths

    def filter(self, qs, value):
        if not value:
            return qs
        entries = qs.model._default_manager
        for item in value:
            related = Q()
            for path in self.paths:
                related |= Q(**{path: item})
            qs = qs.filter(pk__in=entries.filter(related).values("pk"))
        return qs


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """Any of the chosen values of a field with fixed choices (programme, status, ...)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        # The field is on the entry itself: no duplicate rows, so no costly SELECT DISTINCT.
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


FIRST_YEAR, LAST_YEAR = 1990, 2100


class YearFilter(django_filters.Filter):
    """Entries of one year, by a method of the register's queryset (``active_in``,
    ``opens_in``, ...): the annual review's figures call the same methods, so a figure and the
    register list its link opens always count the same rows."""

    field_class = forms.IntegerField

    def __init__(self, *args, queryset_method: str, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        message = f"Enter a year as four digits, from {FIRST_YEAR} to {LAST_YEAR}."
        kwargs.setdefault(
            "error_messages", {"invalid": message, "min_value": message, "max_value": message}
        )
        super().__init__(*args, **kwargs)
        self.queryset_method = queryset_method

    def filter(self, qs, value):
        if value is None:
            return qs
        return getattr(qs, self.queryset_method)(value)


class AnyYearField(forms.MultipleChoiceField):
    """Years to choose from, offering those the register has, accepting any real year."""

    def valid_value(self, value):
        return super().valid_value(value) or is_year(str(value))


def is_year(text: str) -> bool:
    return text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR


class YearFacetFilter(ChoicesFilter):
    """A year facet (papers by the year they are dated): it lists the years the register's
    entries have, with counts, and takes any year, so that a link to a year with no entries
    (the annual review's, for one) shows none rather than an error and every entry."""

    field_class = AnyYearField


def narrows(value) -> bool:
    """Whether a cleaned filter value selects anything (an unticked facet is an empty list or
    an empty queryset: django-filter leaves the rows alone then)."""
    if value is None or value == "":
        return False
    if isinstance(value, list | tuple | set | QuerySet):
        return bool(value)
    return True


def chosen_filters(filterset) -> list[tuple[str, str]]:
    """The valid filters of a view of a register, in words: (the filter's label, the chosen
    values by their labels), e.g. ("Sector that may apply", "NHS, Voluntary"). Sort is not a
    filter and is left out."""
    filterset.is_valid()  # cleaned_data holds the valid values only
    chosen = []
    for name, value in filterset.form.cleaned_data.items():
        if name == "sort" or not narrows(value):
            continue
        if name == "q":
            shown = [f"“{filterset.search_text}”"]
        elif isinstance(value, QuerySet):
            shown = [str(item) for item in value]  # organisations, sectors: by their names
        else:
            items = value if isinstance(value, list | tuple | set) else [value]
            field = filterset.form.fields[name]
            labels = {str(key): label for key, label in getattr(field, "choices", ())}
            shown = [str(labels.get(str(item), item)) for item in items]
        chosen.append((str(filterset.filters[name].label or name), ", ".join(shown)))
    return chosen


def form_errors(form) -> list[str]:
    """Every message of a form that did not validate, each once: one field's checks may say
    the same thing twice."""
    if form.is_valid():
        return []
    return list(dict.fromkeys(message for errors in form.errors.values() for message in errors))


def filter_errors(filterset) -> list[str]:
    """What a page says of the filters it could not use (it leaves them out)."""
    return form_errors(filterset.form)


def not_known_message(noun: str) -> dict[str, str]:
    message = f"“%(value)s” is not a known {noun}."
    return {"invalid_choice": message, "invalid_pk_value": message}


class RegisterFilterSet(django_filters.FilterSet):
    """Base FilterSet: subclasses add facet filters and ``sort_options``.

    ``sort_options`` maps a GET value to (label, ordering); the first is the default.
    """

    q = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        max_length=200,
        error_messages={"max_length": "Search for 200 characters or fewer."},
    )
    sort = django_filters.ChoiceFilter(label="Sort by", method="filter_sort", empty_label=None)

    sort_options: dict[str, tuple[str, list[str]]] = {"title": ("Title", ["title"])}
    RELEVANCE = "relevance"

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        choices = [(value, label) for value, (label, _order) in self.sort_options.items()]
        if self.search_text:
            choices.insert(0, (self.RELEVANCE, "Relevance"))
        self.form.fields["sort"].choices = choices
        self.form.fields["sort"].required = False

    @property
    def search_text(self) -> str:
        return " ".join((self.data or {}).get("q", "").split())[:200]

    @property
    def default_sort(self) -> str:
        return self.RELEVANCE if self.search_text else next(iter(self.sort_options))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_sort(self, queryset, name, value):
        # Ordering is applied last, in filter_queryset, once the search rank exists.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") or self.default_sort
        return queryset.order_by(*self.ordering_for(sort))

    def ordering_for(self, sort: str) -> list[str]:
        if sort == self.RELEVANCE:
            if self.form.cleaned_data.get("q"):
                return ["-search_rank", "pk"]
            sort = next(iter(self.sort_options))
        # A unique last key keeps pages stable when the main key ties.
        return [*self.sort_options[sort][1], "pk"]

    def facet_filters(self):
        """The filters shown as facets with counts: every multiple-choice filter."""
        return {
            name: flt
            for name, flt in self.filters.items()
            if isinstance(flt, MultipleRelationFilter | ChoicesFilter)
        }
