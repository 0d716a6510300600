"""The network of who works with whom, drawn on the server as SVG (no JavaScript needed to
see it): an organisation is a dot coloured by its sector, a line joins two organisations
sharing projects, the thicker the more they share.

Large networks stay legible: only the most connected organisations are drawn, the rest are
counted in words, and the table beside the figure lists every pair. The layout is networkx's
spring layout with a fixed seed, computed once for each network drawn and kept in the
database by the network's digest (NetworkLayout), so the figure does not move between
requests and a request with an empty cache does not lay it out again.
"""

import hashlib
from dataclasses import dataclass

import networkx
from django.db import IntegrityError, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString

from .analysis import JointWork, Node, Pair
from .models import NetworkLayout

LAYOUTS_KEPT = 1000  # the newest; an older network is laid out again if it is drawn again

DRAWN = 40  # organisations drawn, most connected first
LABELLED = 12  # of those, the ones named on the figure itself
WIDTH, HEIGHT, MARGIN = 800, 560, 40
SEED = 2002  # any fixed number: the same data always gets the same picture
# Okabe and Ito's colours, told apart with any colour vision, then grey; each dot also has a
# dark outline, so that the light ones stand out from the white ground.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
)


@dataclass(frozen=True)
class Dot:
    node: Node
    x: float
    y: float
    radius: float
    colour: str
    labelled: bool

    @property
    def label_y(self) -> float:
        return round(self.y + self.radius + 14, 1)


@dataclass(frozen=True)
class Line:
    pair: Pair
    x1: float
    y1: float
    x2: float
    y2: float
    width: float


# A line of the figure in SVG, with its title (a tooltip, and words for assistive technology).
LINE = (
    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke-width="{}">'
    "<title>{} and {}: {} shared project{}</title></line>"
)


@dataclass
class Figure:
    dots: list[Dot]
    lines: list[Line]
    legend: list[tuple[str, str]]  # (sector, colour) of the sectors drawn
    organisations: int  # in the whole network
    pairs: int
    not_drawn: int  # organisations left out of the figure
    pairs_not_drawn: int
    description: str
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def lines_svg(self) -> str:
        """The lines' markup, written here rather than in the template: a figure has hundreds
        of lines, and the template language took most of the page's time over them. Every
        name is escaped (once per organisation); the rest are numbers."""
        names = {}
        for line in self.lines:
            for node in (line.pair.first, line.pair.second):
                if node.pk not in names:
                    names[node.pk] = escape(node.name)
        return SafeString(
            "".join(
                LINE.format(
                    line.x1,
                    line.y1,
                    line.x2,
                    line.y2,
                    line.width,
                    names[line.pair.first.pk],
                    names[line.pair.second.pk],
                    line.pair.projects,
                    "" if line.pair.projects == 1 else "s",
                )
                for line in self.lines
            )
        )


def layout(nodes: list[Node], pairs: list[Pair]) -> dict[int, tuple[float, float]]:
    """Where each node goes, in the figure's coordinates: the same for the same network."""
    if not nodes:
        return {}
    key = "|".join(
        [
            ",".join(str(node.pk) for node in nodes),
            ",".join(f"{p.first.pk}-{p.second.pk}-{p.projects}" for p in pairs),
        ]
    )
    digest = hashlib.sha256(key.encode()).hexdigest()
    stored = NetworkLayout.objects.filter(digest=digest).values_list("positions", flat=True).first()
    if stored is not None:
        return {int(pk): tuple(position) for pk, position in stored.items()}
    positions = compute_layout(nodes, pairs)
    try:
        with transaction.atomic():
            NetworkLayout.objects.create(
                digest=digest, positions={pk: list(xy) for pk, xy in positions.items()}
            )
            old = NetworkLayout.objects.order_by("-pk").values_list("pk", flat=True)
            NetworkLayout.objects.filter(pk__in=list(old[LAYOUTS_KEPT:])).delete()
    except IntegrityError:
        pass  # another request stored the same layout meanwhile
    return positions


def compute_layout(nodes: list[Node], pairs: list[Pair]) -> dict[int, tuple[float, float]]:
    """networkx's spring layout, scaled to the figure."""
    graph = networkx.Graph()
    graph.add_nodes_from(node.pk for node in nodes)
    graph.add_weighted_edges_from((p.first.pk, p.second.pk, p.projects) for p in pairs)
    if len(nodes) == 1:
        return {nodes[0].pk: (WIDTH / 2, HEIGHT / 2)}
    spread = networkx.spring_layout(graph, seed=SEED, weight="weight", iterations=200)
    xs = [float(x) for x, _y in spread.values()]
    ys = [float(y) for _x, y in spread.values()]

    def scale(value, low, high, size):
        return MARGIN + (value - low) / ((high - low) or 1) * (size - 2 * MARGIN)

    return {
        pk: (
            round(scale(float(x), min(xs), max(xs), WIDTH), 1),
            round(scale(float(y), min(ys), max(ys), HEIGHT), 1),
        )
        for pk, (x, y) in spread.items()
    }


def draw(work: JointWork, *, drawn: int = DRAWN) -> Figure:
    colours = {
        slug: PALETTE[index % len(PALETTE)] for index, (slug, _name) in enumerate(work.sectors.rows)
    }
    nodes = work.organisations[:drawn]
    shown = {node.pk for node in nodes}
    pairs = [pair for pair in work.pairs if pair.first.pk in shown and pair.second.pk in shown]
    # Drawn in a fixed order (by id), so that the layout's input does not depend on ranking.
    positions = layout(sorted(nodes, key=lambda node: node.pk), sorted(pairs, key=pair_key))
    heaviest = max((pair.projects for pair in pairs), default=1)
    lines = [
        Line(
            pair,
            *positions[pair.first.pk],
            *positions[pair.second.pk],
            width=round(1 + 7 * (pair.projects - 1) / max(heaviest - 1, 1), 1),
        )
        for pair in sorted(pairs, key=lambda pair: pair.projects)  # thick lines on top
    ]
    dots = [
        Dot(
            node,
            *positions[node.pk],
            radius=round(5 + min(node.degree, 16) * 0.5, 1),
            colour=colours.get(node.sector_slug, PALETTE[-1]),
            labelled=rank < LABELLED,
        )
        for rank, node in reversed(list(enumerate(nodes)))  # the most connected on top
    ]
    drawn_sectors = {node.sector_slug for node in nodes}
    legend = [(name, colours[slug]) for slug, name in work.sectors.rows if slug in drawn_sectors]
    return Figure(
        dots=dots,
        lines=lines,
        legend=legend,
        organisations=len(work.organisations),
        pairs=len(work.pairs),
        not_drawn=len(work.organisations) - len(nodes),
        pairs_not_drawn=len(work.pairs) - len(pairs),
        description=describe(work, nodes, pairs),
    )


def pair_key(pair: Pair) -> tuple[int, int]:
    return (pair.first.pk, pair.second.pk)


def describe(work: JointWork, nodes: list[Node], pairs: list[Pair]) -> str:
    """The figure in words, for those who cannot see it."""
    if not work.pairs:
        return "No two organisations share a project among the projects chosen."
    words = [
        f"A network of {len(nodes)} organisations"
        + (
            f", the most connected of {len(work.organisations)},"
            if len(nodes) < len(work.organisations)
            else ""
        )
        + f" joined by {len(pairs)} lines, one for each pair that shares projects.",
        "Most connected: "
        + "; ".join(f"{node.name} ({node.sector}, works with {node.degree})" for node in nodes[:5])
        + ".",
        "Strongest partnerships: "
        + "; ".join(
            f"{pair.first.name} and {pair.second.name} ({pair.projects} projects)"
            for pair in work.pairs[:3]
        )
        + ".",
        "The table after the figure lists the pairs.",
    ]
    return " ".join(words)
