"""Joint working, counted from the project register: who works with whom (organisations
sharing published projects), which sectors work together, and where the gaps are.

An organisation takes part in a project as its lead or as a partner, once however it is
listed. The unfiltered map is read from tallies kept current on every write
(jointwork.summary); a filtered one is counted from the per-project records the same writes
keep (what each published project holds: its organisations and their sectors, themes,
sub-regions), for the projects the register's filters select: a fixed number of queries
whatever the number of projects. Each figure comes with the address of the project
register's list that shows exactly the projects it counts, built from the same FilterSet
(``projects.filters.ProjectFilterSet``), so a reader can check every number.
"""

from collections import Counter as Tallies
from collections import defaultdict
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from taggit.models import Tag

from partners.models import Organisation, Sector, SubRegion
from projects.filters import ProjectFilterSet
from projects.models import Partnership, Project, ProjectStatus
from registers.cache import cached

from .models import CountedProject, Figure, Tally
from .summary import count_into, figures, stored_inputs

# The register's filters the map offers, by their GET names on /projects/.
FILTERS = ("theme", "sub_region", "sector", "programme", "status", "active_in")

ACTIVE_RULE = (
    "Unless you choose a status or a year, the sector and gap figures count projects whose "
    "status is Active; with a status or a year chosen, they count the projects those filters "
    "select. The network counts every published project the filters select."
)


def filterset_for(data) -> ProjectFilterSet:
    """The project register's own FilterSet over its published projects, given only the
    filters the map offers (any other parameter is left out, as a register leaves out
    parameters it does not know)."""
    chosen = QueryDict(mutable=True)
    for name in FILTERS:
        values = [value for value in data.getlist(name) if value != ""]
        if values:
            chosen.setlist(name, values)
    return ProjectFilterSet(chosen, queryset=Project.objects.published())


def valid_params(filterset) -> list[tuple[str, str]]:
    """The filters the page uses, as GET pairs: those it could not understand are left out
    of its figures and of every link it makes."""
    errors = filterset.form.errors
    return [
        (name, value)
        for name in FILTERS
        if name not in errors
        for value in filterset.data.getlist(name)
    ]


@dataclass(frozen=True)
class Node:
    pk: int
    name: str
    slug: str
    url: str
    sector: str
    sector_slug: str
    degree: int = 0  # how many other organisations it shares a project with
    projects: int = 0  # shared projects, over all its pairs


@dataclass(frozen=True)
class Pair:
    first: Node
    second: Node
    projects: int
    link: str


@dataclass(frozen=True)
class Cell:
    value: int
    link: str

    @property
    def gap(self) -> bool:
        return self.value == 0


@dataclass
class Matrix:
    rows: list[tuple[str, str]]  # (slug, name)
    columns: list[tuple[str, str]]
    cells: list[list[Cell]]

    @property
    def lines(self) -> list[tuple[str, list[Cell]]]:
        """Each row's name with its cells."""
        return [(name, cells) for (_slug, name), cells in zip(self.rows, self.cells, strict=True)]


@dataclass
class Borough:
    name: str
    url: str


@dataclass
class JointWork:
    params: list[tuple[str, str]]
    active_params: list[tuple[str, str]]  # what "active" adds to the matrices' links
    pairs: list[Pair]
    organisations: list[Node]  # every organisation in a pair, most connected first
    sectors: Matrix
    gaps: Matrix
    boroughs: dict[str, list[Borough]] = field(default_factory=dict)  # theme name -> boroughs
    chosen_themes: list[tuple[str, str]] = field(default_factory=list)


def projects_link(params: list[tuple[str, str]], list_url: str = "") -> str:
    return f"{list_url or reverse('projects:list')}?{urlencode(params)}"


def theme_choices() -> list[Tag]:
    """The themes of published projects, A to Z: the map's rows and its theme filter."""
    used = Tally.objects.filter(figure=Figure.THEME).values("first")
    return sorted(Tag.objects.filter(pk__in=used), key=lambda theme: theme.name.lower())


class Counter:
    """The figures of one view of the map."""

    def __init__(self, filterset):
        self.filterset = filterset
        filterset.is_valid()
        self.cleaned = filterset.form.cleaned_data
        self.params = valid_params(filterset)
        self.projects = filterset.qs.order_by()
        # The sector and gap figures count active projects, or, with a status or a year
        # chosen, every project those filters select.
        self.every_one_active = bool(self.cleaned.get("status") or self.cleaned.get("active_in"))
        if self.every_one_active:
            self.active_params = []
        else:
            self.active_params = [("status", ProjectStatus.ACTIVE.value)]
        self.themes = list(self.cleaned.get("theme") or [])
        self.taken: set[tuple[int, int]] = set()  # (theme, organisation), for boroughs_without
        self.tallies = self.tally()
        self.list_url = reverse("projects:list")

    def tally(self) -> dict[str, Tallies]:
        """{figure: {(first, second): projects}} (jointwork.models.Tally's figures) for the
        projects the filters select: the kept tallies when none is chosen, else counted from
        the selected projects' records, one query either way."""
        counts = figures()
        if not self.params:
            for figure, first, second, projects in Tally.objects.values_list(
                "figure", "first", "second", "projects"
            ):
                counts[figure][first, second] = projects
            return counts
        chosen = {theme.pk for theme in self.themes}
        for row in CountedProject.objects.filter(project_id__in=self.projects.values("pk")):
            inputs = stored_inputs(row)
            if self.every_one_active:
                inputs = replace(inputs, active=True)
            count_into(counts, inputs)
            if inputs.active:
                for theme in chosen.intersection(inputs.themes):
                    self.taken.update((theme, pk) for pk in inputs.organisations)
        return counts

    def figure(self, figure: Figure) -> list[tuple[int, int, int]]:
        return [(first, second, n) for (first, second), n in self.tallies[figure].items()]

    def without(self, *names: str) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self.params if name not in names]

    def count(self) -> JointWork:
        pairs, organisations = self.network()
        themes = self.themes
        return JointWork(
            params=self.params,
            active_params=self.active_params,
            pairs=pairs,
            organisations=organisations,
            sectors=self.sector_matrix(),
            gaps=self.gap_matrix(themes),
            boroughs=self.boroughs_without(themes),
            chosen_themes=[(theme.slug, theme.name) for theme in themes],
        )

    def network(self) -> tuple[list[Pair], list[Node]]:
        counted = self.figure(Figure.PAIR)
        ids = {pk for first, second, _n in counted for pk in (first, second)}
        degree: dict[int, int] = defaultdict(int)
        shared: dict[int, int] = defaultdict(int)
        for first, second, projects in counted:
            for pk in (first, second):
                degree[pk] += 1
                shared[pk] += projects
        nodes = {
            organisation.pk: Node(
                pk=organisation.pk,
                name=organisation.name,
                slug=organisation.slug,
                url=organisation.get_absolute_url(),
                sector=organisation.sector.name,
                sector_slug=organisation.sector.slug,
                degree=degree[organisation.pk],
                projects=shared[organisation.pk],
            )
            for organisation in Organisation.objects.filter(pk__in=ids).select_related("sector")
        }
        pairs = []
        # As projects_link makes it, with each organisation's part of the query made once.
        start = f"{self.list_url}?{urlencode(self.params)}{'&' if self.params else ''}"
        part = {pk: urlencode([("with_organisation", node.slug)]) for pk, node in nodes.items()}
        for first, second, projects in counted:
            one, other = nodes[first], nodes[second]
            if other.name < one.name:
                one, other = other, one
            link = f"{start}{part[one.pk]}&{part[other.pk]}"
            pairs.append(Pair(one, other, projects, link))
        pairs.sort(key=lambda pair: (-pair.projects, pair.first.name, pair.second.name))
        ranked = sorted(nodes.values(), key=lambda node: (-node.degree, -node.projects, node.name))
        return pairs, ranked

    def sector_matrix(self) -> Matrix:
        sectors = list(Sector.objects.values_list("pk", "slug", "name"))
        counts = {}
        for first, second, projects in self.figure(Figure.SECTORS):
            counts[first, second] = counts[second, first] = projects
        base = [*self.params, *self.active_params]
        cells = []
        for row_pk, row_slug, _name in sectors:
            line = []
            for column_pk, column_slug, _column_name in sectors:
                if row_pk == column_pk:
                    extra = [
                        ("organisation_sector", row_slug),
                        ("partnership", Partnership.CROSS_SECTOR.value),
                    ]
                else:
                    extra = [
                        ("organisation_sector", row_slug),
                        ("organisation_sector", column_slug),
                    ]
                value = counts.get((row_pk, column_pk), 0)
                line.append(Cell(value, projects_link(base + extra, self.list_url)))
            cells.append(line)
        labels = [(slug, name) for _pk, slug, name in sectors]
        return Matrix(rows=labels, columns=labels, cells=cells)

    def gap_matrix(self, chosen_themes) -> Matrix:
        """Themes down, sub-regions across (a theme's row reads across London). Only the
        themes and sub-regions chosen, if any: a cell's link then means the same as its
        count (a second value of the same filter would widen the list, not narrow it)."""
        regions = list(self.cleaned.get("sub_region") or SubRegion.objects.all())
        if chosen_themes:
            themes = sorted(chosen_themes, key=lambda theme: theme.name.lower())
        else:
            themes = theme_choices()
        counts = {(theme, region): n for theme, region, n in self.figure(Figure.THEME_REGION)}
        base = [*self.without("theme", "sub_region"), *self.active_params]
        cells = [
            [
                Cell(
                    counts.get((theme.pk, region.pk), 0),
                    projects_link(
                        [*base, ("theme", theme.slug), ("sub_region", region.slug)], self.list_url
                    ),
                )
                for region in regions
            ]
            for theme in themes
        ]
        return Matrix(
            rows=[(theme.slug, theme.name) for theme in themes],
            columns=[(region.slug, region.name) for region in regions],
            cells=cells,
        )

    def boroughs_without(self, chosen_themes) -> dict[str, list[Borough]]:
        """For each theme chosen, the London local authorities taking part in none of the
        counted projects that carry it."""
        if not chosen_themes:
            return {}
        taken = self.taken
        boroughs = list(Organisation.objects.local_authorities().order_by("name"))
        return {
            theme.name: [
                Borough(borough.name, borough.get_absolute_url())
                for borough in boroughs
                if (theme.pk, borough.pk) not in taken
            ]
            for theme in sorted(chosen_themes, key=lambda theme: theme.name.lower())
        }


def joint_work(filterset) -> JointWork:
    """The map's figures for the filters of ``filterset`` (the valid ones), from the shared
    cache while the register data is unchanged."""
    filterset.is_valid()
    return cached("joint-work", valid_params(filterset), lambda: Counter(filterset).count())


def sectors_active_in(year: int) -> Matrix:
    """The sector matrix of the projects active in ``year`` (the register's ``active_in``):
    the annual review's "joint working" figures."""
    data = QueryDict(mutable=True)
    data["active_in"] = str(year)
    return Counter(filterset_for(data)).sector_matrix()
