import datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from registers.admin import organisation_of
from registers.cache import cached
from registers.exports import Column, names
from registers.views import RegisterDetailView, RegisterListView

from . import services
from .filters import ProjectFilterSet
from .models import Project, ProjectInterest


class ProjectListView(RegisterListView):
    alert_register = "projects"
    model = Project
    filterset_class = ProjectFilterSet
    template_name = "projects/project_list.html"
    context_object_name = "projects"
    export_filename = "londonconnects-projects"
    entry_noun = "project"
    feed_url_name = "projects:feed"
    export_columns = [
        Column("title", lambda p: p.title),
        Column("url", lambda p: p.get_absolute_url()),
        Column("summary", lambda p: p.summary),
        Column("programme", lambda p: p.get_programme_display()),
        Column("status", lambda p: p.get_status_display()),
        Column("lead_organisation", lambda p: p.lead_organisation.name),
        Column("partner_organisations", lambda p: names(p.partner_organisations), list[str]),
        Column("sub_regions", lambda p: names(p.sub_regions), list[str]),
        Column("sectors", lambda p: names(p.sectors), list[str]),
        Column("themes", lambda p: names(p.tags), list[str]),
        Column("start_date", lambda p: p.start_date, datetime.date | None),
        Column("end_date", lambda p: p.end_date, datetime.date | None),
        Column("budget_gbp", lambda p: p.budget, Decimal | None),
        Column("links", lambda p: [link.url for link in p.links.all()], list[str]),
        Column("published_at", lambda p: p.published_at, datetime.datetime | None),
    ]


class ProjectDetailView(RegisterDetailView):
    model = Project
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        context["related_projects"] = cached(
            "related",
            [("project", project.pk)],
            lambda: Project.objects.published().related_to(project),
        )
        return context


def interest_form(request, *, slug: str, project_id: int) -> str:
    """The visitor's own part of a project's page: register or withdraw their organisation's
    interest (a personal part of the shared page, with its CSRF token)."""
    organisation = organisation_of(request.user) if request.user.is_authenticated else None
    interested = (
        organisation is not None
        and ProjectInterest.objects.filter(
            project_id=project_id, organisation=organisation
        ).exists()
    )
    context = {
        "slug": slug,
        "user_organisation": organisation,
        "user_organisation_interested": interested,
    }
    return render_to_string("projects/_interest_form.html", context, request=request)


@require_POST
@login_required
def interest(request, slug):
    project = get_object_or_404(Project.objects.published(), slug=slug)
    organisation = organisation_of(request.user)
    if organisation is None:
        raise PermissionDenied("Only accounts that belong to a partner organisation can do this.")
    action = request.POST.get("action")
    # Said in the interest section (templates/_messages.html), where the page opens.
    here = {"extra_tags": "interest"}
    if action == "register":
        if services.register_interest(
            project=project, organisation=organisation, user=request.user
        ):
            messages.success(
                request, f"{organisation} is now listed as interested in this project.", **here
            )
        else:
            messages.info(request, f"{organisation} was already listed as interested.", **here)
    elif action == "withdraw":
        if services.withdraw_interest(project=project, organisation=organisation):
            messages.success(request, f"{organisation} is no longer listed as interested.", **here)
        else:
            messages.info(request, f"{organisation} was not listed as interested.", **here)
    else:
        messages.error(
            request, "Choose to register or withdraw your organisation's interest.", **here
        )
    return redirect(project.get_absolute_url() + "#interest-message")
