from django.db.models import Count, Prefetch
from django.views.generic import DetailView, ListView

from contacts.models import Contact
from papers.models import Paper, PaperKind
from projects.models import Project, ProjectInterest
from registers.filters import filter_errors
from registers.pagecache import SharedPageCacheMixin

from .filters import OrganisationFilterSet
from .models import Group, Organisation, Sector


class OrganisationListView(SharedPageCacheMixin, ListView):
    """All partner organisations, grouped by sector, optionally narrowed to one sub-region."""

    template_name = "partners/organisation_list.html"
    context_object_name = "organisations"

    def get_queryset(self):
        # A filter that is not understood is reported and left out, as on the registers.
        self.filterset = OrganisationFilterSet(
            self.request.GET, queryset=Organisation.objects.for_list()
        )
        return self.filterset.qs.order_by("sector__order", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_sector: dict[Sector, list[Organisation]] = {}
        for organisation in context["organisations"]:
            by_sector.setdefault(organisation.sector, []).append(organisation)
        context.update(
            by_sector=by_sector,
            form=self.filterset.form,
            filter_errors=filter_errors(self.filterset),
        )
        return context


class OrganisationDetailView(SharedPageCacheMixin, DetailView):
    model = Organisation
    template_name = "partners/organisation_detail.html"
    context_object_name = "organisation"
    projects_shown = 20
    papers_shown = 10
    # A large partner lists thousands of people: the first few, and a link to the register.
    people_shown = 20

    def get_queryset(self):
        return Organisation.objects.for_list().prefetch_related(
            Prefetch("groups", queryset=Group.objects.order_by("name"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        projects = Project.objects.published().select_related("lead_organisation")
        led = projects.filter(lead_organisation=organisation)
        partnered = projects.filter(partner_organisations=organisation)
        people = Contact.objects.published().filter(organisation=organisation)
        # The published projects it registered interest in, newest interest first.
        interests = ProjectInterest.objects.filter(
            organisation=organisation, project__in=Project.objects.published()
        )
        # The newest few of each; the register list (linked) holds the rest, filtered.
        context.update(
            led_projects=led.order_by("-published_at", "-pk")[: self.projects_shown],
            led_count=led.count(),
            partner_projects=partnered.order_by("-published_at", "-pk")[: self.projects_shown],
            partner_count=partnered.count(),
            interests=interests.select_related("project__lead_organisation").order_by(
                "-registered_at", "-pk"
            )[: self.projects_shown],
            interest_count=interests.count(),
            projects_shown=self.projects_shown,
            people=people.order_by("title")[: self.people_shown],
            people_count=people.count(),
            people_shown=self.people_shown,
            papers=Paper.objects.for_pages()
            .filter(organisation=organisation)
            .select_related("group")
            .order_by("-date", "-pk")[: self.papers_shown],
            strategy=Paper.objects.for_pages()
            .filter(organisation=organisation, kind=PaperKind.STRATEGY)
            .order_by("-date", "-pk")
            .first(),
        )
        return context


class GroupListView(SharedPageCacheMixin, ListView):
    template_name = "partners/group_list.html"
    context_object_name = "groups"

    def get_queryset(self):
        return (
            Group.objects.select_related("sub_region")
            .annotate(member_count=Count("members"))
            .order_by("kind", "name")
        )


class GroupDetailView(SharedPageCacheMixin, DetailView):
    model = Group
    template_name = "partners/group_detail.html"
    context_object_name = "group"
    # A large group has thousands of contacts and papers: the page shows the first few and
    # links to the register, filtered by the group, for the rest.
    contacts_shown = 20
    papers_shown = 20

    def get_queryset(self):
        return Group.objects.select_related("sub_region").prefetch_related(
            Prefetch("members", queryset=Organisation.objects.for_list().order_by("name")),
            Prefetch(
                "contacts",
                queryset=Contact.objects.published()
                .select_related("organisation")
                .order_by("title")[: self.contacts_shown],
                to_attr="published_contacts",
            ),
            Prefetch(
                "papers",
                queryset=Paper.objects.for_pages()
                .select_related("organisation")
                .order_by("-date", "-pk")[: self.papers_shown],
                to_attr="published_papers",
            ),
        )
