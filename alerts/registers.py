"""What a saved search can follow: every dated register list, with that list's own filters
(the API's register definitions: the same rows and FilterSet), and the site search."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from api.registers import REGISTERS as API_REGISTERS
from api.registers import request_as
from registers.filters import chosen_filters, filter_errors, form_errors
from search.forms import SearchForm
from search.services import SiteSearch
from search.sources import BY_KEY, SOURCES

MAX_LISTED = 50  # entries listed in one mail; the rest are a link away


@dataclass(frozen=True)
class Found:
    title: str
    url: str


@dataclass(frozen=True)
class Alertable:
    key: str
    name: str
    errors: Callable  # (query) -> what is wrong with the saved filters
    new_entries: Callable  # (user, query, since, until) -> [Found], oldest first
    list_url: Callable  # (query) -> the page that shows every match
    keys: frozenset[str] = frozenset()  # the query parameters it keeps
    # (query) -> the saved filters in words, as the list's filters label them:
    # [("Sector", "NHS"), ...]
    in_words: Callable = lambda query: []


def register_alertable(api_register, name: str, page: Callable) -> Alertable:
    def filterset(user, query):
        rows = api_register.rows(request_as(user))
        return api_register.filterset_class(query, queryset=rows)

    def new_entries(user, query, since, until):
        matches = filterset(user, query)
        if not matches.is_valid():
            return None  # filters that no longer make sense: never widen to everything
        rows = matches.qs.filter(published_at__gt=since, published_at__lte=until)
        return [
            Found(str(row), row.get_absolute_url())
            for row in rows.order_by("published_at", "pk")[: MAX_LISTED + 1]
        ]

    def in_words(query):
        matches = filterset(None, query)
        words = chosen_filters(matches)
        # A choice that has gone since the search was saved (a sector renamed away) is shown
        # as it was saved, rather than silently dropped from what the alert says it follows.
        for name in matches.form.errors:
            if name in matches.filters:
                label = str(matches.filters[name].label or name)
                words.append((label, f"{', '.join(query.getlist(name))} (no longer a choice)"))
        return words

    return Alertable(
        key=api_register.name,
        name=name,
        errors=lambda query: filter_errors(filterset(None, query)),
        new_entries=new_entries,
        list_url=page,
        keys=frozenset(api_register.filters()),
        in_words=in_words,
    )


def eindex_page(query: QueryDict) -> str:
    sections = query.getlist("section")
    rest = query.copy()
    rest.pop("section", None)
    if len(sections) == 1:
        path = reverse("eindex:section", args=[sections[0]])
    else:
        path = reverse("eindex:index")
    return path + (f"?{rest.urlencode()}" if rest else "")


def list_page(url_name: str) -> Callable:
    return lambda query: reverse(url_name) + (f"?{query.urlencode()}" if query else "")


def search_errors(query) -> list[str]:
    form = SearchForm(query)
    if errors := form_errors(form):
        return errors
    if not form.cleaned_data["q"].strip():
        return ["Search for something before saving the search."]
    return []


def search_new_entries(user, query, since, until):
    form = SearchForm(query)
    if form_errors(form) or not form.cleaned_data["q"].strip():
        return None
    register = form.cleaned_data["register"]
    site_search = SiteSearch(form.cleaned_data["q"], user)
    sources = [BY_KEY[register]] if register else SOURCES
    found = []
    for source in sources:
        if not source.new_since:
            continue  # organisations and groups carry no date
        rows = site_search.matching(source).filter(
            **{f"{source.new_since}__gt": since, f"{source.new_since}__lte": until}
        )
        found += [
            (getattr(row, source.new_since), Found(source.title_of(row), row.get_absolute_url()))
            for row in rows.order_by(source.new_since, "pk")[: MAX_LISTED + 1]
        ]
    found.sort(key=lambda pair: pair[0])
    return [item for _when, item in found]


NAMES = {
    "projects": ("projects", list_page("projects:list")),
    "products": ("products", list_page("products:list")),
    "events": ("events", list_page("events:list")),
    "contacts": ("contacts", list_page("contacts:list")),
    "funding": ("funding sources", list_page("funding:list")),
    "papers": ("papers", list_page("papers:list")),
    "eindex": ("e-index links", eindex_page),
}

REGISTERS = {
    register.name: register_alertable(register, *NAMES[register.name])
    for register in API_REGISTERS
    if register.name in NAMES
}
REGISTERS["search"] = Alertable(
    key="search",
    name="site search results",
    errors=search_errors,
    new_entries=search_new_entries,
    list_url=lambda query: reverse("search:search") + "?" + urlencode(sorted(query.items())),
    keys=frozenset(SearchForm.base_fields),
)
