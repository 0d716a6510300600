"""The organisation and group pages: who the partners are (partners, floor 1) set beside what
they do together in the registers (projects, contacts, papers), so they live on the top floor.
Their URLs keep the ``partners`` names (jointwork.partner_urls)."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch
from django.views.generic import DetailView

from contacts.models import Contact
from papers.models import Paper, PaperKind
from partners.models import Group, Organisation, Sector
from projects.models import Project, ProjectInterest
from registers.pagecache import SharedPageCacheMixin

from .suggestions import suggested_projects


@dataclass
class Participant:
    """An organisation taking part in some set of projects, and in how many of them."""

    pk: int
    name: str
    slug: str
    sector_id: int
    projects: int = 0


def participants(projects, *, leaving_out: Organisation | None = None) -> list[Participant]:
    """Every organisation that leads or partners in any of ``projects``, with the number of
    those projects it takes part in, most first. Two grouped queries whatever the data size:
    the leads, then the partners (a partner row that repeats the lead is not counted twice).
    """
    found: dict[int, Participant] = {}
    leads = (
        projects.order_by()
        .values(
            "lead_organisation",
            "lead_organisation__name",
            "lead_organisation__slug",
            "lead_organisation__sector",
        )
        .annotate(n=Count("pk"))
    )
    partners = (
        Project.partner_organisations.through.objects.filter(project__in=projects.values("pk"))
        .exclude(organisation=F("project__lead_organisation"))
        .order_by()
        .values("organisation", "organisation__name", "organisation__slug", "organisation__sector")
        .annotate(n=Count("project", distinct=True))
    )
    if leaving_out is not None:
        leads = leads.exclude(lead_organisation=leaving_out)
        partners = partners.exclude(organisation=leaving_out)
    for prefix, rows in (("lead_organisation", leads), ("organisation", partners)):
        for row in rows:
            participant = found.setdefault(
                row[prefix],
                Participant(
                    pk=row[prefix],
                    name=row[f"{prefix}__name"],
                    slug=row[f"{prefix}__slug"],
                    sector_id=row[f"{prefix}__sector"],
                ),
            )
            participant.projects += row["n"]
    return sorted(found.values(), key=lambda p: (-p.projects, p.name))


def works_with(organisation: Organisation, *, limit: int = 10) -> list[Participant]:
    """The organisations that share most published projects with ``organisation`` (each of
    them lead or partner), with how many."""
    shared = Project.objects.published().involving(organisation)
    return participants(shared, leaving_out=organisation)[:limit]


@dataclass
class SectorPresence:
    """A sector, the group's members from it, and the organisations from it active in the
    sub-region's published projects (most projects first)."""

    sector: Sector
    members: list[Organisation] = field(default_factory=list)
    active: list[Participant] = field(default_factory=list)
    candidates_shown: int = 3

    @property
    def is_gap(self) -> bool:
        """Active in the sub-region's projects, and no member of the group."""
        return bool(self.active) and not self.members

    @property
    def candidates(self) -> list[Participant]:
        """Who could fill a gap: the sector's most active organisations there."""
        return self.active[: self.candidates_shown]


def sector_representation(
    group: Group, members: list[Organisation], *, candidates: int = 3
) -> list[SectorPresence]:
    """How the sectors of a sub-regional group's members compare with the sectors of the
    organisations (lead or partner) in the published projects of its sub-region, in the
    sectors' order; a sector neither has is left out. Three queries whatever the data size:
    the sectors, then the projects' leads and partners."""
    if group.sub_region_id is None:
        return []
    presence = {
        sector.pk: SectorPresence(sector=sector, candidates_shown=candidates)
        for sector in Sector.objects.all()
    }
    for member in members:
        presence[member.sector_id].members.append(member)
    in_region = Project.objects.published().filter(
        pk__in=Project.sub_regions.through.objects.filter(subregion=group.sub_region_id).values(
            "project_id"
        )
    )
    for participant in participants(in_region):
        presence[participant.sector_id].active.append(participant)
    return [row for row in presence.values() if row.members or row.active]


class OrganisationDetailView(SharedPageCacheMixin, DetailView):
    model = Organisation
    template_name = "jointwork/organisation_detail.html"
    context_object_name = "organisation"
    projects_shown = 20
    papers_shown = 10
    # A large partner lists thousands of people: the first few, and a link to the register.
    people_shown = 20
    works_with_shown = 10
    suggestions_shown = 10

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
            works_with=works_with(organisation, limit=self.works_with_shown),
            suggestions=suggested_projects(organisation, limit=self.suggestions_shown),
        )
        return context


class GroupDetailView(SharedPageCacheMixin, DetailView):
    model = Group
    template_name = "jointwork/group_detail.html"
    context_object_name = "group"
    # A large group has thousands of contacts and papers: the page shows the first few and
    # links to the register, filtered by the group, for the rest.
    contacts_shown = 20
    papers_shown = 20
    # Organisations offered for each sector the group lacks.
    candidates_shown = 3

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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sectors = sector_representation(
            self.object, list(self.object.members.all()), candidates=self.candidates_shown
        )
        context.update(sectors=sectors, gaps=[row for row in sectors if row.is_gap])
        return context
