"""Partners' own pages: the lists of organisations and groups. An organisation's or a group's
page brings in the registers (projects, people, papers), so it is built a floor up, in
jointwork.organisations."""

from django.db.models import Count
from django.views.generic import ListView

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


class GroupListView(SharedPageCacheMixin, ListView):
    template_name = "partners/group_list.html"
    context_object_name = "groups"

    def get_queryset(self):
        return (
            Group.objects.select_related("sub_region")
            .annotate(member_count=Count("members"))
            .order_by("kind", "name")
        )
