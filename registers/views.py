"""Class-based views every register's list and detail pages are built on."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView

from .cache import cached, public_list_key
from .exports import FORMATS, Column, export_response
from .facets import build_facets
from .filters import filter_errors
from .freshness import LINK_DAYS, entry_for_token, stamp_reviewed
from .pagecache import SharedPageCacheMixin, visibility_class
from .suggestions import Corrector, Titles


def pagination_context(page) -> dict:
    """What registers/_pagination.html needs to show the pages of any list."""
    paginated = page.has_other_pages()
    return {
        "page_obj": page,
        "is_paginated": paginated,
        "page_range": page.paginator.get_elided_page_range(page.number) if paginated else [],
    }


class CachedCountPaginator(Paginator):
    """A paginator whose total comes from the shared cache: counting every matching row is
    the dearest query of a large register's list page."""

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return cached("count", self.count_key, lambda: Paginator.count.func(self))


class RegisterListView(SharedPageCacheMixin, ListView):
    """A register list: search, facets with counts, sort, pages, and the same rows as CSV/JSON.

    Subclasses set ``model``, ``filterset_class``, ``export_columns`` and templates; the
    queryset comes from ``Model.objects.published().for_list()`` so visibility lives in one
    place.
    """

    filterset_class = None
    paginate_by = 25
    export_columns: list[Column] = []
    export_filename: str = ""
    entry_noun: str = "entry"
    feed_url_name: str = ""
    alert_register: str = ""  # the key a saved search of this list has (alerts.registers)
    title_field: str = "title"  # the titles "did you mean" takes words from
    # Whether visible_to() shows partners more than the public (events for partners only):
    # then counts and facets are kept per visibility class, as the pages are.
    varies_by_visibility = False

    def get_base_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get(self, request, *args, **kwargs):
        self.filterset = self.filterset_class(
            request.GET,
            queryset=self.get_base_queryset().for_list(),
            request=request,
        )
        fmt = request.GET.get("format")
        if fmt is not None:
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Malformed values are reported on the page (see filter_errors) and left out of the
        # filter rather than emptying the list.
        return self.filterset.qs

    def export(self, fmt: str):
        if fmt not in FORMATS:
            return self.bad_request(
                [f"“{fmt}” is not a download format. Use one of: {', '.join(FORMATS)}."]
            )
        if not self.filterset.is_valid():
            # An export must be exactly the rows asked for: never silently widen it.
            return self.bad_request(self.filter_errors())
        # The same filters and order as the page, over a queryset that prefetches every
        # exported relation.
        queryset = self.filterset.filter_queryset(self.get_base_queryset().for_export())
        return export_response(
            queryset, self.get_export_columns(), fmt=fmt, filename=self.export_filename
        )

    def get_export_columns(self) -> list[Column]:
        """The exported columns; a register whose rows hold personal data builds them for
        the viewer, so an export never shows more than the page would."""
        return self.export_columns

    def bad_request(self, errors: list[str]):
        body = render_to_string(
            "registers/bad_request.html",
            {"errors": errors, "list_url": self.request.path},
            request=self.request,
        )
        return HttpResponse(body, status=400)

    def filter_errors(self) -> list[str]:
        return filter_errors(self.filterset)

    def query_string(self, **changes) -> str:
        """The current GET parameters with ``changes`` applied; ``None`` removes a key."""
        params = self.request.GET.copy()
        params.pop("page", None)
        for key, value in changes.items():
            params.pop(key, None)
            if value is not None:
                params.setlist(key, value if isinstance(value, list) else [value])
        return params.urlencode()

    def active_filters(self, facets):
        """What the visitor has selected, each with a link that removes just that choice."""
        chips = []
        search = self.filterset.search_text
        if search:
            chips.append(("Search", f"“{search}”", "?" + self.query_string(q=None)))
        for facet in facets:
            current = self.request.GET.getlist(facet.name)
            for option in facet.selected:
                remaining = [value for value in current if value != option.value]
                chips.append(
                    (facet.label, option.label, "?" + self.query_string(**{facet.name: remaining}))
                )
        for field in self.hidden_fields():
            current = self.request.GET.getlist(field.name)
            for item in self.filterset.form.cleaned_data.get(field.name) or ():
                remaining = [value for value in current if value != item.slug]
                chips.append(
                    (field.label, str(item), "?" + self.query_string(**{field.name: remaining}))
                )
        for field in self.other_fields():
            value = self.filterset.form.cleaned_data.get(field.name)
            if value not in (None, ""):
                shown = dict(getattr(field.field, "choices", ())).get(value, field.value())
                chips.append((field.label, shown, "?" + self.query_string(**{field.name: None})))
        return chips

    def other_fields(self):
        """Bound form fields of the filters that are neither search, sort nor a facet (an
        amount range, say): the filter form shows each as a text input."""
        skip = {"q", "sort", *self.filterset.facet_filters()}
        return [
            self.filterset.form[name]
            for name in self.filterset.filters
            if name not in skip and not self.filterset.form[name].is_hidden
        ]

    def hidden_fields(self):
        """Bound form fields of the filters a figure's link sets and the form only carries
        (``registers.filters.AllOfRelationFilter``): kept as hidden inputs, shown as chips."""
        return [field for field in self.filterset.form if field.is_hidden]

    def cache_params(self) -> list[tuple[str, str]]:
        """What decides the facet counts and the total: the register, who is looking, and
        the filters (not the page or the order)."""
        # Where visible_to() is the same for everyone: one public key per filter. Only real
        # filters count, tagged so that no query parameter can pose as a fixed part of the key
        # (and ?utm_source=… does not make a new cache entry).
        filters = set(self.filterset.filters) - {"sort"}
        visibility = public_list_key(self.model)
        if self.varies_by_visibility:
            visibility = [
                ("register", self.model._meta.label),
                ("visibility", visibility_class(self.request.user)),
            ]
        return [
            *visibility,
            *[(f"filter:{key}", value) for key, value in self._params() if key in filters],
        ]

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return CachedCountPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count_key=self.cache_params(),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facets = cached("facets", self.cache_params(), lambda: build_facets(self.filterset))
        without_page = self.query_string()
        context.update(
            filterset=self.filterset,
            facets=facets,
            active_filters=self.active_filters(facets),
            filter_errors=self.filter_errors(),
            other_fields=self.other_fields(),
            hidden_fields=self.hidden_fields(),
            search_text=self.filterset.search_text,
            sort_choices=self.filterset.form.fields["sort"].choices,
            current_sort=self.filterset.form.cleaned_data.get("sort")
            or self.filterset.default_sort,
            page_query=without_page,
            export_links=[
                (fmt.upper(), "?" + urlencode([*self._params(), ("format", fmt)]))
                for fmt in FORMATS
            ],
            feed_query=without_page,
            alert_register=self.alert_register,
            feed_url=reverse(self.feed_url_name) if self.feed_url_name else "",
            entry_noun=self.entry_noun,
            register_name=self.model._meta.verbose_name_plural,
            base_template=f"{self.model._meta.app_label}/base.html",
            **pagination_context(context["page_obj"]),
        )
        if suggestion := self.suggestion(found=context["page_obj"].paginator.count):
            context.update(suggestion=suggestion, suggestion_query=self.query_string(q=suggestion))
        return context

    def suggestion(self, *, found: int) -> str:
        """A corrected search that finds entries of this list, with its other filters, when
        the visitor's finds none (``registers.suggestions``)."""
        if found or not self.filterset.search_text:
            return ""

        def finds(text: str) -> bool:
            data = self.request.GET.copy()
            data["q"] = text
            filterset = self.filterset_class(
                data, queryset=self.get_base_queryset(), request=self.request
            )
            return filterset.qs.exists()

        return Corrector(
            self.filterset.search_text,
            user=self.request.user,
            titles=lambda user: [Titles(self.model.objects.visible_to(user), self.title_field)],
            finds=finds,
            scope=self.model._meta.label,
        ).suggestion

    def _params(self):
        return [
            (key, value)
            for key, values in self.request.GET.lists()
            if key not in {"page", "format"}
            for value in values
        ]


class RegisterDetailView(SharedPageCacheMixin, DetailView):
    """One published entry; anything else, including an unknown slug, is a 404.

    ``as_view(draft_preview=True)`` is the admin's "Save and preview" (``RegisterAdmin``),
    which has already checked that the visitor may edit the entry: it shows the entry whatever
    its status, under a banner, for this visitor alone (no cache keeps it, no crawler
    indexes it)."""

    draft_preview = False

    @property
    def shared_page(self) -> bool:
        return not self.draft_preview

    def get_queryset(self):
        if self.draft_preview:
            return self.model.objects.for_detail()
        return self.model.objects.visible_to(self.request.user).for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.draft_preview:
            context["draft_preview"] = draft_preview_context(self.object)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return private_preview(response) if self.draft_preview else response


def draft_preview_context(entry) -> dict:
    """What the preview banner (registers/_draft_banner.html) says about ``entry``."""
    info = entry._meta.app_label, entry._meta.model_name
    return {
        "entry": entry,
        "status": entry.get_publication_status_display(),
        "edit_url": reverse("admin:{}_{}_change".format(*info), args=[entry.pk]),
    }


def private_preview(response):
    """A preview is for its editor's eyes: no cache keeps it, no search engine indexes it."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def entry_reviewed(request, token):
    """A reminder's one-click link: GET shows the entry and asks; POST stamps it reviewed."""
    entry = entry_for_token(token)
    if entry is None:
        context = {"invalid": True, "link_days": LINK_DAYS}
        return TemplateResponse(request, "registers/entry_reviewed.html", context, status=404)
    done = False
    if request.method == "POST":
        stamp_reviewed(entry)
        done = True
    context = {
        "entry": entry,
        "register": entry._meta.verbose_name,
        "done": done,
        "admin_url": reverse(
            f"admin:{entry._meta.app_label}_{entry._meta.model_name}_change", args=[entry.pk]
        ),
    }
    response = TemplateResponse(request, "registers/entry_reviewed.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
