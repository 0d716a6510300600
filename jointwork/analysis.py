"""Joint working, counted from the project register: who works with whom (organisations
sharing published projects), which sectors work together, and where the gaps are.

Every figure is counted on the database in a fixed number of queries, whatever the number of
projects: an organisation takes part in a project as its lead or as a partner, and the two
links are read as one membership table (a UNION, so an organisation counts once per project
however it is listed) that the queries join with itself. Each figure comes with the address
of the project register's list that shows exactly the projects it counts, built from the same
FilterSet (``projects.filters.ProjectFilterSet``), so a reader can check every number.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connections
from django.db.models import Count
from django.http import QueryDict
from django.urls import reverse
from taggit.models import Tag

from partners.models import Organisation, Sector, SubRegion
from projects.filters import ProjectFilterSet
from projects.models import Partnership, Project, ProjectStatus, ProjectTheme
from registers.cache import cached

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


def projects_link(params: list[tuple[str, str]]) -> str:
    return f"{reverse('projects:list')}?{urlencode(params)}"


# The SQL below is put together from table and column names read from the models' own
# metadata (quoted) and the SQL Django compiles for a queryset; every value is a parameter.


def membership_sql(projects) -> tuple[str, list]:
    """SQL for (project_id, organisation_id): each organisation taking part in each of
    ``projects``, as lead or partner, once."""
    quote = connections[projects.db].ops.quote_name
    ids_sql, ids_params = projects.order_by().values("pk").query.sql_with_params()
    project = Project._meta
    through = Project.partner_organisations.through._meta
    project_id = quote(project.pk.column)
    lead = quote(project.get_field("lead_organisation").column)
    partner_project = quote(through.get_field("project").column)
    partner = quote(through.get_field("organisation").column)
    sql = (
        f"SELECT {project_id} AS project_id, {lead} AS organisation_id "  # noqa: S608
        f"FROM {quote(project.db_table)} WHERE {project_id} IN ({ids_sql}) "
        f"UNION SELECT {partner_project}, {partner} FROM {quote(through.db_table)} "
        f"WHERE {partner_project} IN ({ids_sql})"
    )
    return sql, [*ids_params, *ids_params]


def run(projects, sql: str, params: list) -> list[tuple]:
    with connections[projects.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def organisation_pairs(projects) -> list[tuple[int, int, int]]:
    """(organisation id, organisation id, shared projects) for every pair of organisations
    taking part together in at least one of ``projects``, each pair once (lower id first)."""
    members, params = membership_sql(projects)
    sql = (
        f"WITH membership AS ({members}) "  # noqa: S608
        "SELECT one.organisation_id, other.organisation_id, COUNT(*) "
        "FROM membership one JOIN membership other "
        "ON one.project_id = other.project_id AND one.organisation_id < other.organisation_id "
        "GROUP BY one.organisation_id, other.organisation_id"
    )
    return run(projects, sql, params)


def sector_pairs(projects) -> list[tuple[int, int, int]]:
    """(sector id, sector id, projects) for every two sectors whose organisations take part
    together in a project, lower id first; and (sector id, same id, projects) for the
    projects joining a sector with any other."""
    members, params = membership_sql(projects)
    quote = connections[projects.db].ops.quote_name
    organisation = Organisation._meta
    sector = quote(organisation.get_field("sector").column)
    organisation_id = quote(organisation.pk.column)
    sql = (
        f"WITH membership AS ({members}), "  # noqa: S608
        f"project_sector AS (SELECT DISTINCT membership.project_id, organisation.{sector} "
        f"AS sector_id FROM membership JOIN {quote(organisation.db_table)} organisation "
        f"ON organisation.{organisation_id} = membership.organisation_id) "
        "SELECT one.sector_id, other.sector_id, COUNT(*) "
        "FROM project_sector one JOIN project_sector other "
        "ON one.project_id = other.project_id AND one.sector_id < other.sector_id "
        "GROUP BY one.sector_id, other.sector_id "
        "UNION ALL "
        "SELECT one.sector_id, one.sector_id, COUNT(DISTINCT one.project_id) "
        "FROM project_sector one JOIN project_sector other "
        "ON one.project_id = other.project_id AND one.sector_id <> other.sector_id "
        "GROUP BY one.sector_id"
    )
    return run(projects, sql, params)


def theme_region_counts(projects) -> dict[tuple[int, int], int]:
    """{(theme id, sub-region id): projects} in one query."""
    rows = (
        Project.objects.filter(pk__in=projects.order_by().values("pk"))
        .order_by()
        .values_list("theme_items__tag", "sub_regions")
        .exclude(theme_items__tag=None)
        .exclude(sub_regions=None)
        .annotate(n=Count("pk", distinct=True))
    )
    return {(theme, region): n for theme, region, n in rows}


def themes_taken_up_by(projects, theme_ids: list[int]) -> set[tuple[int, int]]:
    """(theme id, organisation id) for every organisation taking part in one of
    ``projects`` that carries the theme."""
    if not theme_ids:
        return set()
    members, params = membership_sql(projects)
    quote = connections[projects.db].ops.quote_name
    theme = ProjectTheme._meta
    tag = quote(theme.get_field("tag").column)
    project = quote(theme.get_field("content_object").column)
    marks = ", ".join(["%s"] * len(theme_ids))
    sql = (
        f"WITH membership AS ({members}) "  # noqa: S608
        f"SELECT DISTINCT theme.{tag}, membership.organisation_id "
        f"FROM membership JOIN {quote(theme.db_table)} theme "
        f"ON theme.{project} = membership.project_id WHERE theme.{tag} IN ({marks})"
    )
    return set(run(projects, sql, [*params, *theme_ids]))


def theme_choices() -> list[Tag]:
    """The themes of published projects, A to Z: the map's rows and its theme filter."""
    published = ProjectTheme.objects.filter(content_object__in=Project.objects.published())
    return sorted(
        Tag.objects.filter(pk__in=published.values("tag")), key=lambda theme: theme.name.lower()
    )


class Counter:
    """The figures of one view of the map."""

    def __init__(self, filterset):
        self.filterset = filterset
        filterset.is_valid()
        self.cleaned = filterset.form.cleaned_data
        self.params = valid_params(filterset)
        self.projects = filterset.qs.order_by()
        if self.cleaned.get("status") or self.cleaned.get("active_in"):
            self.active = self.projects
            self.active_params = []
        else:
            self.active = self.projects.filter(status=ProjectStatus.ACTIVE)
            self.active_params = [("status", ProjectStatus.ACTIVE.value)]

    def without(self, *names: str) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self.params if name not in names]

    def count(self) -> JointWork:
        pairs, organisations = self.network()
        themes = list(self.cleaned.get("theme") or [])
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
        counted = organisation_pairs(self.projects)
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
        for first, second, projects in counted:
            one, other = sorted((nodes[first], nodes[second]), key=lambda node: node.name)
            link = projects_link(
                [
                    *self.params,
                    ("with_organisation", one.slug),
                    ("with_organisation", other.slug),
                ]
            )
            pairs.append(Pair(one, other, projects, link))
        pairs.sort(key=lambda pair: (-pair.projects, pair.first.name, pair.second.name))
        ranked = sorted(nodes.values(), key=lambda node: (-node.degree, -node.projects, node.name))
        return pairs, ranked

    def sector_matrix(self) -> Matrix:
        sectors = list(Sector.objects.values_list("pk", "slug", "name"))
        counts = {}
        for first, second, projects in sector_pairs(self.active):
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
                line.append(Cell(counts.get((row_pk, column_pk), 0), projects_link(base + extra)))
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
        counts = theme_region_counts(self.active)
        base = [*self.without("theme", "sub_region"), *self.active_params]
        cells = [
            [
                Cell(
                    counts.get((theme.pk, region.pk), 0),
                    projects_link([*base, ("theme", theme.slug), ("sub_region", region.slug)]),
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
        taken = themes_taken_up_by(self.active, [theme.pk for theme in chosen_themes])
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
