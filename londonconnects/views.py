"""Site-wide pages that belong to no single register."""

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
