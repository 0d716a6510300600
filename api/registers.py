"""What the API serves: for each register, the rows, filters and fields of its own list page
and export, so the API can never show more than the page (published entries only, contacts'
personal fields only with consent) nor filter differently from it."""

from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.test import RequestFactory

from contacts.views import ContactListView
from eindex.filters import EindexFeedFilterSet
from eindex.models import Link
from eindex.views import SectionView
from events.filters import MONTH, MonthField
from events.views import EventListView
from funding.views import FundingListView
from papers.views import PaperListView
from partners.filters import OrganisationFilterSet
from partners.models import Group, Organisation
from products.views import ProductListView
from projects.views import ProjectListView
from registers.exports import Column, names
from registers.filters import FIRST_YEAR, LAST_YEAR, AnyYearField, RegisterFilterSet


@dataclass(frozen=True)
class Register:
    name: str  # the path segment: /api/<name>/
    title: str
    description: str
    filterset_class: type
    rows: Callable  # request -> every row the visitor may see, ready to export
    columns: Callable  # request -> the exported columns for that visitor
    ordering: tuple[str, ...] = ()  # when the FilterSet does not order the rows itself

    def filters(self) -> dict[str, "Parameter"]:
        """The FilterSet's query parameters as the public gets them (not, say, the events'
        audience, which only partners choose), described as the FilterSet validates them."""
        return {
            name: describe_filter(self.filterset_class, name, flt)
            for name, flt in self.filterset_class().filters.items()
        }


@dataclass(frozen=True)
class Parameter:
    """One filter of a register as a query parameter of its API list."""

    description: str
    schema: dict  # the JSON schema of one value
    multiple: bool = False  # may be repeated, for entries matching any of the values
    # Its values are slugs of rows (organisations, sectors, themes...): an open set, so the
    # schema cannot list them, and a value no row has is refused with 400.
    open_set: bool = False


REFUSED = "A value not listed is refused with 400."


def describe_filter(filterset_class, name: str, flt) -> Parameter:
    """The values a filter accepts, read from its definition. A kind of filter not known
    here stops the API being built: its schema must not guess."""
    label = str(flt.label)
    field = flt.field_class
    if issubclass(field, forms.ModelChoiceField):  # ModelMultipleChoiceField included
        multiple = issubclass(field, forms.ModelMultipleChoiceField)
        repeat = repeatable(multiple, all_of=getattr(flt, "all_of", False))
        return Parameter(
            description=f"{label}, by slug{repeat}. Slugs come from the site's "
            "own data, an open set the schema cannot list: a slug not known is refused "
            "with 400.",
            schema={"type": "string"},
            multiple=multiple,
            open_set=True,
        )
    if issubclass(field, MonthField):  # before ChoiceField, its base class: any real month
        return Parameter(
            f"{label}, as year and month, like 2026-05.",
            {"type": "string", "pattern": MONTH.pattern},
        )
    if issubclass(field, AnyYearField):
        return Parameter(f"{label}{repeatable(True)}.", YEAR, multiple=True)
    if issubclass(field, forms.ChoiceField):
        multiple = issubclass(field, forms.MultipleChoiceField)
        description = f"{label}{repeatable(multiple)}. {REFUSED}"
        if name == "sort" and issubclass(filterset_class, RegisterFilterSet):
            values = [*filterset_class.sort_options, RegisterFilterSet.RELEVANCE]
            description += (
                f" {RegisterFilterSet.RELEVANCE} (the default when searching) needs q; "
                f"without one it is refused with 400 too."
            )
        else:
            values = [str(value) for value, _label in flt.extra["choices"]]
        return Parameter(description, {"type": "string", "enum": values}, multiple)
    if issubclass(field, forms.DecimalField) and flt.extra.get("min_value") == 0:
        # Before IntegerField, its base class. Plain digits: what every client writes, and
        # within what Django reads (which also takes 1e3, +5, 0.500).
        places = flt.extra["decimal_places"]
        whole = flt.extra["max_digits"] - places
        pattern = rf"^[0-9]{{1,{whole}}}(\.[0-9]{{1,{places}}})?$"
        return Parameter(f"{label}, like 50000 or 2500.50.", {"type": "string", "pattern": pattern})
    if issubclass(field, forms.IntegerField) and not issubclass(field, forms.DecimalField):
        bounds = {"minimum": flt.extra["min_value"], "maximum": flt.extra["max_value"]}
        return Parameter(f"{label}.", {"type": "integer", **bounds})
    if issubclass(field, forms.CharField):
        # Django's form fields refuse the NUL character.
        schema = {
            "type": "string",
            "maxLength": flt.extra["max_length"],
            "pattern": "^[^\\u0000]*$",
        }
        return Parameter(f"{label}.", schema)
    raise TypeError(f"{filterset_class.__name__}.{name}: a kind of filter the API cannot describe")


def repeatable(multiple: bool, *, all_of: bool = False) -> str:
    if not multiple:
        return ""
    return f"; repeat it for entries matching {'all' if all_of else 'any'} of the values"


YEAR = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}


def request_as(user=None):
    """A stand-in request for building a register's rows and columns outside a page: the
    API's schema (the public's columns), an alert run (its user's rows)."""
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def from_list_view(name, title, description, view_class) -> Register:
    """A register whose list page is a RegisterListView: its queryset, FilterSet and export
    columns, built for the request as the page builds them."""

    def view(request):
        return view_class(request=request, args=(), kwargs={})

    return Register(
        name=name,
        title=title,
        description=description,
        filterset_class=view_class.filterset_class,
        rows=lambda request: view(request).get_base_queryset().for_export(),
        columns=lambda request: view(request).get_export_columns(),
    )


class GroupFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Group.Kind.choices, label="Kind")

    class Meta:
        model = Group
        fields = ["kind"]


ORGANISATION_COLUMNS = [
    Column("name", lambda o: o.name),
    Column("url", lambda o: o.get_absolute_url()),
    Column("sector", lambda o: o.sector.name),
    Column("sub_region", lambda o: o.sub_region.name if o.sub_region else ""),
    Column("london_local_authority", lambda o: o.is_local_authority, bool),
    Column("web_site", lambda o: o.website),
    Column("description", lambda o: o.description),
]
GROUP_COLUMNS = [
    Column("name", lambda g: g.name),
    Column("url", lambda g: g.get_absolute_url()),
    Column("kind", lambda g: g.get_kind_display()),
    Column("sub_region", lambda g: g.sub_region.name if g.sub_region else ""),
    Column("members", lambda g: names(g.members), list[str]),
    Column("web_site", lambda g: g.website),
    Column("description", lambda g: g.description),
]


REGISTERS = [
    from_list_view(
        "projects",
        "Projects",
        "The project register: who is doing what, with whom, when and with what budget.",
        ProjectListView,
    ),
    from_list_view(
        "products",
        "Products",
        "Products of projects that others can reuse (specifications, data-sharing protocols, "
        "procurement frameworks, software, training packs, business cases), their licence, "
        "and the organisations taking them up.",
        ProductListView,
    ),
    from_list_view(
        "events",
        "Events",
        "Workshops, seminars, meetings, webinars and the annual conference that partners run: "
        "when and where, who organises them, and how many came. Upcoming events unless when is "
        "past (or month is a month that is over). Events for partners only are never served.",
        EventListView,
    ),
    from_list_view(
        "contacts",
        "Contacts",
        "People in e-government across London. E-mail, telephone and biography are given only "
        "where the person agreed to publish them; otherwise they are empty.",
        ContactListView,
    ),
    from_list_view(
        "funding",
        "Funding sources",
        "Funding open to London's public sector: who gives it, for what, and when it closes.",
        FundingListView,
    ),
    from_list_view(
        "papers",
        "Papers",
        "The papers library's catalogue. Files are downloaded from each paper's page.",
        PaperListView,
    ),
    Register(
        name="eindex",
        title="E-index links",
        description="The e-index: links to legislation, policy, standards, best practice, "
        "research and national services, in four sections.",
        filterset_class=EindexFeedFilterSet,
        rows=lambda request: Link.objects.visible_to(request.user).for_export(),
        columns=lambda request: SectionView.export_columns,
    ),
    Register(
        name="organisations",
        title="Organisations",
        description="The partner organisations, by sector and sub-region.",
        filterset_class=OrganisationFilterSet,
        rows=lambda request: Organisation.objects.for_list(),
        columns=lambda request: ORGANISATION_COLUMNS,
        ordering=("name",),
    ),
    Register(
        name="groups",
        title="Groups",
        description="Sub-regional partnerships and cross-sector groups, with their members.",
        filterset_class=GroupFilterSet,
        rows=lambda request: Group.objects.select_related("sub_region").prefetch_related(
            Prefetch("members", queryset=Organisation.objects.order_by("name"))
        ),
        columns=lambda request: GROUP_COLUMNS,
        ordering=("name",),
    ),
]
