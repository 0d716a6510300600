"""The organisation and group pages: who the partners are (partners, floor 1) set beside what
they do together in the registers (projects, contacts, papers), so they live on the top floor.
Their URLs keep the ``partners`` names (jointwork.partner_urls)."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.views.generic import DetailView

from contacts.models import Contact
from papers.models import Paper, PaperKind
from partners.models import Group, Organisation, Sector
from projects.models import Project, ProjectInterest
from registers.pagecache import SharedPageCacheMixin

from .models import Figure, Tally
from .suggestions import suggested_projects


@dataclass
class Participant:
    """An organisation taking part in some set of projects, and in how many of them."""

    pk: int
    name: str
    slug: str
    sector_id: int
    projects: int = 0


PARTICIPANT_FIELDS = ("name", "slug", "sector")


def tally(rows) -> list[Participant]:
    """Participants from ``(pk, name, slug, sector, count)`` rows, an organisation's counts
    summed, most projects first."""
    found: dict[int, Participant] = {}
    for pk, name, slug, sector_id, count in rows:
        participant = found.setdefault(pk, Participant(pk, name, slug, sector_id))
        participant.projects += count
    return sorted(found.values(), key=lambda p: (-p.projects, p.name))


def counted(queryset, organisation_field: str):
    """``queryset`` grouped by the organisation in ``organisation_field``, as tally's rows."""
    return (
        queryset.order_by()
        .values_list(
            organisation_field, *(f"{organisation_field}__{name}" for name in PARTICIPANT_FIELDS)
        )
        .annotate(n=Count("pk"))
    )


def works_with(organisation: Organisation, *, limit: int = 10) -> list[Participant]:
    """The organisations that share most published projects with ``organisation`` (each of
    them lead or partner), with how many: the map's pair tallies (jointwork.summary, kept
    current on every write), the pair read from either side. One query whatever the data
    size."""
    pk = organisation.pk
    shared = (
        Tally.objects.filter(figure=Figure.PAIR)
        .filter(Q(first=pk, second=OuterRef("pk")) | Q(first=OuterRef("pk"), second=pk))
        .values("projects")[:1]
    )
    rows = (
        Organisation.objects.annotate(shared=Subquery(shared))
        .filter(shared__isnull=False)
        .values_list("pk", *PARTICIPANT_FIELDS, "shared")
    )
    # Ranked here, not by the database: names in Python's order, whatever its collation.
    return sorted((Participant(*row) for row in rows), key=lambda p: (-p.projects, p.name))[:limit]


@dataclass
class SectorPresence:
    """A sector, the group's members from it, and its organisations active in the
    sub-region's published projects (for a gap, those with most projects there first)."""

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
    sectors' order; a sector neither has is left out.

    At most three queries whatever the data size: the sectors; the organisations active
    there (each asked whether it has such a project, which stops at the first); and, for the
    sectors that are gaps, how many such projects each of their organisations has.
    """
    if group.sub_region_id is None:
        return []
    presence = {
        sector.pk: SectorPresence(sector=sector, candidates_shown=candidates)
        for sector in Sector.objects.all()
    }
    for member in members:
        presence[member.sector_id].members.append(member)
    partners = Project.partner_organisations.through.objects
    in_region = Project.objects.published().filter(
        pk__in=Project.sub_regions.through.objects.filter(subregion=group.sub_region_id).values(
            "project_id"
        )
    )
    active = Organisation.objects.filter(
        Q(Exists(in_region.filter(lead_organisation=OuterRef("pk"))))
        | Q(
            Exists(partners.filter(organisation=OuterRef("pk"), project__in=in_region.values("pk")))
        )
    ).values_list("pk", *PARTICIPANT_FIELDS)
    for pk, name, slug, sector_id in active:
        presence[sector_id].active.append(Participant(pk, name, slug, sector_id))
    in_gaps = {p.pk: p for row in presence.values() if row.is_gap for p in row.active}
    if in_gaps:
        ids = list(in_gaps)
        rows = counted(in_region.filter(lead_organisation__in=ids), "lead_organisation").union(
            counted(
                partners.filter(organisation__in=ids, project__in=in_region.values("pk")).exclude(
                    organisation=F("project__lead_organisation")
                ),
                "organisation",
            ),
            all=True,
        )
        for participant in tally(rows):
            in_gaps[participant.pk].projects = participant.projects
        for row in presence.values():
            if row.is_gap:
                row.active.sort(key=lambda p: (-p.projects, p.name))
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
        # One more than shown: whether to say that only the first are.
        partners = works_with(organisation, limit=self.works_with_shown + 1)
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
            works_with=partners[: self.works_with_shown],
            works_with_more=len(partners) > self.works_with_shown,
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
