"""Site-wide pages that belong to no single register."""

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from contacts.models import Contact
from eindex.models import Link
from events.filters import start_of_today
from events.models import Event
from forums.consultations import home_lists
from forums.models import Consultation, Topic
from forums.models import Visibility as ForumVisibility
from funding.models import FundingSource
from papers.models import Paper
from partners.models import Group, Organisation
from projects.models import Project
from registers.cache import cached, public_list_key
from registers.pagecache import SharedPageCacheMixin
from reviews.models import Edition

HOME_ITEMS_SHOWN = 5  # of each list on the home page
HOME_EVENTS_SHOWN = 3


def register_total(model, queryset) -> int:
    """The same cached total as the register's unfiltered public list shows."""
    return cached("count", public_list_key(model), queryset.count)


class HomeView(SharedPageCacheMixin, TemplateView):
    """What is new in every register, in a fixed number of queries (the counts come from the
    shared cache); the anonymous page cache keeps the page until the data changes."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects = Project.objects.published()
        papers = Paper.objects.for_pages()  # published, without the files' words
        public_topics = Topic.objects.shown().filter(forum__visibility=ForumVisibility.PUBLIC)
        links = Link.objects.published()
        contacts = Contact.objects.published()
        funds = FundingSource.objects.published()
        latest_edition = (
            Edition.objects.select_related("review")
            .defer("figures")
            .order_by("-review__year", "-number")
            .first()
        )
        # Partners see partners-only consultations too, on their own copy of the page.
        active_topics, open_consultations = home_lists(
            public_topics,
            Consultation.objects.visible_to(self.request.user).open(),
            HOME_ITEMS_SHOWN,
        )
        context.update(
            active_topics=active_topics,
            open_consultations=open_consultations,
            # Upcoming as the events list has it (the page is kept for the day); partners see
            # partners-only events too, on their own copy of the page.
            next_events=Event.objects.visible_to(self.request.user)
            .upcoming(now=start_of_today())
            .for_list()[:HOME_EVENTS_SHOWN],
            closing_funds=funds.closing_within(settings.FUNDING_CLOSING_SOON_DAYS)
            .for_list()
            .order_by("closes_on", "pk")[:HOME_ITEMS_SHOWN],
            closing_soon_days=settings.FUNDING_CLOSING_SOON_DAYS,
            latest_projects=projects.for_list().order_by("-published_at", "-pk")[:HOME_ITEMS_SHOWN],
            latest_papers=papers.select_related("organisation", "group").order_by(
                "-published_at", "-pk"
            )[:HOME_ITEMS_SHOWN],
            latest_edition=latest_edition,
            counts=[
                ("projects", register_total(Project, projects), "projects:list"),
                ("people", register_total(Contact, contacts), "contacts:list"),
                ("funding sources", register_total(FundingSource, funds), "funding:list"),
                ("papers", register_total(Paper, papers), "papers:list"),
                ("links in the e-index", register_total(Link, links), "eindex:index"),
                (
                    "forum topics",
                    cached("count", [("home", "public topics")], public_topics.count),
                    "forums:list",
                ),
                (
                    "partner organisations",
                    cached("count", [("home", "organisations")], Organisation.objects.count),
                    "partners:organisations",
                ),
                (
                    "groups",
                    cached("count", [("home", "groups")], Group.objects.count),
                    "partners:groups",
                ),
            ],
        )
        return context


OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@require_safe
def open_data(request):
    """What can be downloaded, in which formats, with which fields, under which licence. The
    fields are read from each register's own export, so this page cannot fall behind it."""
    from contacts.views import ContactListView
    from eindex.models import Section
    from eindex.views import SectionView
    from events.views import EventListView
    from funding.views import FundingListView
    from jointwork.tables import TABLES as JOINT_WORK_TABLES
    from papers.views import PaperListView
    from products.views import ProductListView
    from projects.views import ProjectListView
    from reviews.models import Review

    registers = [
        ("Projects", "projects:list", "projects:feed", ProjectListView),
        ("Products", "products:list", "products:feed", ProductListView),
        ("Events", "events:list", "events:feed", EventListView),
        ("Contacts", "contacts:list", "contacts:feed", ContactListView),
        ("Funding sources", "funding:list", "funding:feed", FundingListView),
        ("Papers", "papers:list", "papers:feed", PaperListView),
    ]
    # A list that shows part of its register unless asked (events: those to come) is
    # downloaded in each part; any other list, whole.
    parts = {"Events": [("Upcoming events", ""), ("Past events", "when=past&")]}
    datasets = [
        {
            "name": name,
            "downloads": [
                (f"{label} as {fmt.upper()}", f"{reverse(list_name)}?{query}format={fmt}")
                for label, query in parts.get(name, [(f"All {name.lower()}", "")])
                for fmt in ("csv", "json")
            ],
            "feed_url": reverse(feed_name),
            "fields": [column.name for column in view(request=request).get_export_columns()],
        }
        for name, list_name, feed_name, view in registers
    ]
    return TemplateResponse(
        request,
        "pages/open_data.html",
        {
            "datasets": datasets,
            "eindex_sections": Section.objects.order_by("order"),
            "eindex_fields": [column.name for column in SectionView.export_columns],
            "reviews": Review.objects.published().order_by("-year"),
            "joint_work_url": reverse("jointwork:map"),
            "joint_work_tables": [
                {
                    "key": key,
                    "title": table.title,
                    "description": table.description,
                    "api_url": reverse(f"api:joint_work_{key}"),
                    "fields": [column.name for column in table.columns],
                }
                for key, table in JOINT_WORK_TABLES.items()
            ],
            "licence_url": OGL,
        },
    )


@require_safe
def robots_txt(request):
    """For crawlers: everything public, but not the admin, sign-in pages, exports (the same
    rows as the pages, in bulk), search results (endless, and every entry is in the sitemap),
    alerts and reminder links, and where the sitemap is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /search/",
        "Disallow: /alerts/",
        "Disallow: /reviewed/",
        "Disallow: /*?*format=",
        "Disallow: /*/download/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
def healthz(request):
    """For load balancers: 200 while the database answers, 503 otherwise. Touches no session."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def live(request):
    """Liveness: the process answers, whatever the database does. Also the benchmark's bare view,
    measured through the same middleware as every page."""
    return HttpResponse("ok\n", content_type="text/plain")


RETRY_AFTER_SECONDS = 30


def caused_by_database_outage(error: BaseException | None) -> bool:
    """Whether the database being unreachable is behind ``error`` or anything it arose from
    (Django turns a failed session save into a 400, for instance)."""
    while error is not None:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__ or error.__context__
    return False


def unavailable(request):
    """503 with Retry-After, rendered without the request's context: it needs neither the
    session nor the database."""
    context = {"request_id": getattr(request, "request_id", "")}
    response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception):
    if caused_by_database_outage(exception):
        return unavailable(request)
    return defaults.bad_request(request, exception)


def server_error(request):
    """500, or 503 when the database is unreachable."""
    if caused_by_database_outage(sys.exc_info()[1]):
        return unavailable(request)
    context = {"request_id": getattr(request, "request_id", "")}
    return HttpResponseServerError(render_to_string("500.html", context))
