import datetime
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from registers.exports import Column, names
from registers.pagecache import SharedPageCacheMixin
from registers.views import RegisterDetailView, RegisterListView

from .filters import LinkFilterSet
from .models import Link, Section

NEWEST_SHOWN = 10


class EindexView(SharedPageCacheMixin, TemplateView):
    """The sections with their numbers of links, and the newest links."""

    template_name = "eindex/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = Link.objects.visible_to(self.request.user)
        context.update(
            sections=Section.objects.with_link_counts(),
            newest_links=visible.select_related("section").order_by("-published_at", "-pk")[
                :NEWEST_SHOWN
            ],
        )
        return context


class SectionView(RegisterListView):
    alert_register = "eindex"
    model = Link
    filterset_class = LinkFilterSet
    template_name = "eindex/section.html"
    context_object_name = "links"
    entry_noun = "link"
    feed_url_name = "eindex:feed"
    export_columns = [
        Column("title", lambda link: link.title),
        Column("url", lambda link: link.url),
        Column("description", lambda link: link.description),
        Column("section", lambda link: link.section.name),
        Column("sub_category", lambda link: link.sub_category.name if link.sub_category else ""),
        Column("themes", lambda link: names(link.tags), list[str]),
        Column("maintained_by", lambda link: link.maintainer),
        Column("last_checked_at", lambda link: link.last_checked_at, datetime.datetime | None),
        Column("last_http_status", lambda link: link.last_status, int | None),
        Column("possibly_out_of_date", lambda link: link.is_possibly_out_of_date, bool),
        Column("published_at", lambda link: link.published_at, datetime.datetime | None),
    ]

    @cached_property
    def section(self):
        return get_object_or_404(Section, slug=self.kwargs["slug"])

    @property
    def export_filename(self):
        return f"londonconnects-eindex-{self.section.slug}"

    def get_base_queryset(self):
        return super().get_base_queryset().filter(section=self.section)

    def cache_params(self):
        # The section is in the path, not the query: counts are per section.
        return [("section", self.section.slug), *super().cache_params()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        others = self.query_string(section=None)  # the page's own section, not a stray one
        context.update(
            section=self.section,
            register_name=f"links in “{self.section.name}”",
            feed_query=urlencode([("section", self.section.slug)])
            + (f"&{others}" if others else ""),
        )
        return context


class LinkPreviewView(RegisterDetailView):
    """A link has no page of its own: the admin's "Save and preview" shows it as its section
    lists it. Not routed on the public site."""

    model = Link
    template_name = "eindex/link_preview.html"
    context_object_name = "link"
