"""Site-wide pages that belong to no single register."""

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from funding.models import FundingSource
from partners.models import Group, Organisation
from projects.models import Project
from registers.cache import cached, public_list_key

HOME_FUNDS_SHOWN = 5


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects = Project.objects.published()
        context.update(
            closing_funds=FundingSource.objects.published()
            .closing_within(settings.FUNDING_CLOSING_SOON_DAYS)
            .for_list()
            .order_by("closes_on", "pk")[:HOME_FUNDS_SHOWN],
            closing_soon_days=settings.FUNDING_CLOSING_SOON_DAYS,
            latest_projects=projects.for_list().order_by("-published_at", "-pk")[:5],
            counts=[
                # The same cached total as the unfiltered register list.
                (
                    "projects",
                    cached("count", public_list_key(Project), projects.count),
                    "projects:list",
                ),
                ("partner organisations", Organisation.objects.count(), "partners:organisations"),
                ("groups", Group.objects.count(), "partners:groups"),
            ],
        )
        return context


@require_safe
def robots_txt(request):
    """For crawlers: everything public, but not the admin, sign-in pages or exports (the
    same rows as the pages, in bulk), and where the sitemap is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
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
