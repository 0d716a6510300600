"""The map's figures as tidy tables, one row a number: the CSV and JSON downloads of the
page and the API's joint-work endpoints, read from the same counts as the page."""

from collections.abc import Callable
from dataclasses import dataclass

from registers.exports import Column

from .analysis import JointWork

ANY_OTHER_SECTOR = "Any other sector"


@dataclass
class Table:
    title: str
    description: str
    columns: list[Column]
    rows: Callable[[JointWork], list[dict]]


def pair_rows(work: JointWork) -> list[dict]:
    return [
        {
            "organisation": pair.first.name,
            "organisation_sector": pair.first.sector,
            "organisation_url": pair.first.url,
            "partner": pair.second.name,
            "partner_sector": pair.second.sector,
            "partner_url": pair.second.url,
            "shared_projects": pair.projects,
            "projects_url": pair.link,
        }
        for pair in work.pairs
    ]


def sector_rows(work: JointWork) -> list[dict]:
    """Each pair of sectors once, and each sector with any other."""
    matrix = work.sectors
    rows = []
    for row_index, (_slug, sector) in enumerate(matrix.rows):
        for column_index, (_other, with_sector) in enumerate(matrix.columns):
            if column_index < row_index:
                continue  # the same pair as (column, row)
            cell = matrix.cells[row_index][column_index]
            rows.append(
                {
                    "sector": sector,
                    "with_sector": ANY_OTHER_SECTOR if column_index == row_index else with_sector,
                    "projects": cell.value,
                    "projects_url": cell.link,
                }
            )
    return rows


def gap_rows(work: JointWork) -> list[dict]:
    matrix = work.gaps
    return [
        {
            "theme": theme,
            "sub_region": region,
            "projects": cell.value,
            "gap": cell.gap,
            "projects_url": cell.link,
        }
        for (_slug, theme), cells in zip(matrix.rows, matrix.cells, strict=True)
        for (_region_slug, region), cell in zip(matrix.columns, cells, strict=True)
    ]


def borough_rows(work: JointWork) -> list[dict]:
    return [
        {"theme": theme, "borough": borough.name, "borough_url": borough.url}
        for theme, boroughs in work.boroughs.items()
        for borough in boroughs
    ]


def column(name: str, kind=str) -> Column:
    return Column(name, lambda row: row[name], kind)


PAIRS = Table(
    "Organisation pairs",
    "Every two organisations that share published projects (lead or partner), with how many "
    "they share and the register list of those projects.",
    [
        column("organisation"),
        column("organisation_sector"),
        column("organisation_url"),
        column("partner"),
        column("partner_sector"),
        column("partner_url"),
        column("shared_projects", int),
        column("projects_url"),
    ],
    pair_rows,
)
SECTORS = Table(
    "Sectors working together",
    "For each two sectors, the active projects joining organisations of both; for a sector "
    f"with “{ANY_OTHER_SECTOR}”, its active projects joining it with any other sector.",
    [column("sector"), column("with_sector"), column("projects", int), column("projects_url")],
    sector_rows,
)
GAPS = Table(
    "Themes by sub-region",
    "Active projects on each theme in each sub-region; a gap is a theme with no project there.",
    [
        column("theme"),
        column("sub_region"),
        column("projects", int),
        column("gap", bool),
        column("projects_url"),
    ],
    gap_rows,
)
BOROUGHS = Table(
    "Boroughs with no project on a theme",
    "For each theme chosen (theme=), the London local authorities taking part in no active "
    "project on it. Empty unless a theme is chosen.",
    [column("theme"), column("borough"), column("borough_url")],
    borough_rows,
)
TABLES = {"pairs": PAIRS, "sectors": SECTORS, "gaps": GAPS, "boroughs": BOROUGHS}
