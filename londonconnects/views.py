"""Site-wide pages that belong to no single register."""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from partners.models import Group, Organisation
from projects.models import Project


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects = Project.objects.published()
        context.update(
            latest_projects=projects.for_list().order_by("-published_at", "-pk")[:5],
            counts=[
                ("projects", projects.count(), "projects:list"),
                ("partner organisations", Organisation.objects.count(), "partners:organisations"),
                ("groups", Group.objects.count(), "partners:groups"),
            ],
        )
        return context


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
