import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import cached_property

from registers.exports import Column, names
from registers.views import RegisterDetailView, RegisterListView

from .calendar import calendar_urls
from .filters import FundingFilterSet
from .models import FundingSource

FUNDED_PROJECTS_SHOWN = 20


class FundingListView(RegisterListView):
    alert_register = "funding"
    model = FundingSource
    filterset_class = FundingFilterSet
    template_name = "funding/funding_list.html"
    context_object_name = "funds"
    export_filename = "londonconnects-funding"
    entry_noun = "funding source"
    feed_url_name = "funding:feed"
    export_columns = [
        Column("title", lambda f: f.title),
        Column("url", lambda f: f.get_absolute_url()),
        Column("summary", lambda f: f.summary),
        Column("funder", lambda f: f.funder),
        Column("origin", lambda f: f.get_origin_display()),
        Column("programme", lambda f: f.programme),
        Column("status", lambda f: f.status_label),
        Column("opens_on", lambda f: f.opens_on, datetime.date | None),
        Column("closes_on", lambda f: f.closes_on, datetime.date | None),
        Column("rolling", lambda f: f.is_rolling, bool),
        Column("currency", lambda f: f.currency),
        Column("amount_min", lambda f: f.amount_min, Decimal | None),
        Column("amount_max", lambda f: f.amount_max, Decimal | None),
        Column("match_funding_percent", lambda f: f.match_funding_percent, int | None),
        Column("eligible_sectors", lambda f: names(f.eligible_sectors) or "Any", list[str] | str),
        Column("eligibility", lambda f: f.eligibility),
        Column("themes", lambda f: names(f.tags), list[str]),
        Column("web_link", lambda f: f.url),
        Column("published_at", lambda f: f.published_at, datetime.datetime | None),
    ]

    @cached_property
    def today(self):
        # One date for the whole request: the statuses and the key of the counts cached
        # from them must not straddle midnight.
        return timezone.localdate()

    def get_base_queryset(self):
        return super().get_base_queryset().with_status(self.today)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["calendar"] = calendar_urls(self.request, self.filterset)
        return context

    def cache_params(self):
        # Open, closing soon and closed change at midnight, not only when data change.
        return [("today", self.today.isoformat()), *super().cache_params()]


class FundingDetailView(RegisterDetailView):
    model = FundingSource
    template_name = "funding/funding_detail.html"
    context_object_name = "fund"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        funded = self.object.funded_projects.published().for_list()
        context.update(
            funded_projects=funded.order_by("-published_at", "-pk")[:FUNDED_PROJECTS_SHOWN],
            funded_project_count=funded.count(),
        )
        return context
