"""Accessible SVG charts drawn on the server: the annual review's maps and bars, and a
consultation's tally.

The charts are plain inline SVG: no JavaScript, and the same markup goes into the review's PDF,
so it keeps to what WeasyPrint's SVG renderer draws. Styling is in presentation attributes
(``fill=``, ``font-size=``) rather than CSS, text is centred with a y offset rather than
``dominant-baseline``, and there are no filters, ``foreignObject`` or external references.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and ``<desc>``; every piece of
text is escaped. Filled shapes have at least 3:1 contrast against white and text at least 4.5:1
against what it sits on (WCAG 2.2, 1.4.11 and 1.4.3).
"""

import math
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

FONT_FAMILY = "Arial, Helvetica, sans-serif"
INK = "#0b0c0c"
WHITE = "#ffffff"
# A rough width of one character, as a share of the font size, to leave room for labels:
# SVG cannot measure text, and Arial's widest common letters are about this wide.
CHARACTER_WIDTH = 0.6


class Shade(NamedTuple):
    fill: str
    text: str


# ColorBrewer "Blues", light to dark. The first shade means "none" and is outlined, as it is
# too pale to see against white; the others are 3.4, 5.1, 7.9 and 12.8 to 1 against white, and
# each carries the text colour (ink or white) that contrasts with it by 4.5:1 or more.
SHADES = (
    Shade("#eef4fa", INK),
    Shade("#4292c6", INK),
    Shade("#2171b5", WHITE),
    Shade("#08519c", WHITE),
    Shade("#08306b", WHITE),
)
NONE_OUTLINE = "#6f8fb0"
BAR_FILL = "#2171b5"

SUB_REGIONS = ("central", "east", "north", "south", "west")


class Tile(NamedTuple):
    slug: str
    name: str
    abbreviation: str
    row: int
    column: int
    sub_region: str


# The 33 local authorities on an 8 by 7 grid, each square in its rough geographical place, as
# in the "London Squared" tile map; the Thames runs roughly between rows 3 and 4.
LONDON_TILES = (
    Tile("enfield", "Enfield", "ENF", 0, 4, "north"),
    Tile("harrow", "Harrow", "HRW", 1, 2, "west"),
    Tile("barnet", "Barnet", "BRN", 1, 3, "north"),
    Tile("haringey", "Haringey", "HGY", 1, 4, "north"),
    Tile("waltham-forest", "Waltham Forest", "WAL", 1, 5, "east"),
    Tile("hillingdon", "Hillingdon", "HIL", 2, 0, "west"),
    Tile("ealing", "Ealing", "EAL", 2, 1, "west"),
    Tile("brent", "Brent", "BRE", 2, 2, "west"),
    Tile("camden", "Camden", "CMD", 2, 3, "central"),
    Tile("islington", "Islington", "ISL", 2, 4, "central"),
    Tile("hackney", "Hackney", "HCK", 2, 5, "east"),
    Tile("redbridge", "Redbridge", "RED", 2, 6, "east"),
    Tile("havering", "Havering", "HAV", 2, 7, "east"),
    Tile("hounslow", "Hounslow", "HOU", 3, 0, "west"),
    Tile("hammersmith-and-fulham", "Hammersmith and Fulham", "H&F", 3, 1, "west"),
    Tile("kensington-and-chelsea", "Kensington and Chelsea", "K&C", 3, 2, "central"),
    Tile("westminster", "Westminster", "WSM", 3, 3, "central"),
    Tile("city-of-london", "City of London", "CTY", 3, 4, "central"),
    Tile("tower-hamlets", "Tower Hamlets", "TOW", 3, 5, "east"),
    Tile("newham", "Newham", "NWM", 3, 6, "east"),
    Tile("barking-and-dagenham", "Barking and Dagenham", "B&D", 3, 7, "east"),
    Tile("richmond-upon-thames", "Richmond upon Thames", "RIC", 4, 1, "south"),
    Tile("wandsworth", "Wandsworth", "WAN", 4, 2, "south"),
    Tile("lambeth", "Lambeth", "LAM", 4, 3, "central"),
    Tile("southwark", "Southwark", "SWK", 4, 4, "central"),
    Tile("lewisham", "Lewisham", "LEW", 4, 5, "east"),
    Tile("greenwich", "Greenwich", "GRN", 4, 6, "east"),
    Tile("bexley", "Bexley", "BEX", 4, 7, "east"),
    Tile("kingston-upon-thames", "Kingston upon Thames", "KIN", 5, 2, "south"),
    Tile("merton", "Merton", "MER", 5, 3, "south"),
    Tile("croydon", "Croydon", "CRO", 5, 4, "south"),
    Tile("bromley", "Bromley", "BRM", 5, 5, "south"),
    Tile("sutton", "Sutton", "SUT", 6, 3, "south"),
)

CELL = 48  # the pitch of the grid; each square is smaller by the white gap between squares
GAP = 3
OUTLINE = 1  # the width of the outline round "none"; the squares on the edge leave room for it
TILE_FONT_SIZE = 13
LEGEND_FONT_SIZE = 14
LEGEND_ROW = 26
SWATCH = 16
BAR_FONT_SIZE = 14
BAR_ROW = 30
BAR_HEIGHT = 18
BAR_AREA = 360
PADDING = 8


def shade_for(count: int, largest: int) -> Shade:
    """The shade for a count: "none" for zero, else one of four steps up to the largest."""
    if count <= 0 or largest <= 0:
        return SHADES[0]
    steps = len(SHADES) - 1
    return SHADES[min(steps, math.ceil(count / largest * steps))]


def tile_map(
    counts: Mapping[str, int],
    *,
    labels: Mapping[str, str],
    title: str,
    description: str,
    chart_id: str,
) -> SafeString:
    """London's local authorities as squares, each filled by the count of its sub-region."""
    totals = {region: max(counts.get(region, 0), 0) for region in SUB_REGIONS}
    largest = max(totals.values())
    side = CELL - GAP
    parts = []
    for tile in LONDON_TILES:
        shade = shade_for(totals[tile.sub_region], largest)
        x, y = OUTLINE + tile.column * CELL, OUTLINE + tile.row * CELL
        hover = f"{tile.name} ({_label(labels, tile.sub_region)}): {totals[tile.sub_region]:,}"
        square = _element(
            "rect",
            _element("title", hover),
            x=x,
            y=y,
            width=side,
            height=side,
            **_fill(shade),
            data_authority=tile.slug,
            data_sub_region=tile.sub_region,
        )
        # The pointer passes through the letters to the square, which holds the hover title.
        abbreviation = _element(
            "text",
            tile.abbreviation,
            x=x + side / 2,
            y=_baseline(y + side / 2, TILE_FONT_SIZE),
            fill=shade.text,
            font_size=TILE_FONT_SIZE,
            font_weight="bold",
            text_anchor="middle",
            pointer_events="none",
        )
        parts.append(_element("g", square, abbreviation))
    legend_x = (1 + max(tile.column for tile in LONDON_TILES)) * CELL + 2 * PADDING
    entries = [f"{_label(labels, region)}: {totals[region]:,}" for region in SUB_REGIONS]
    for index, (region, entry) in enumerate(zip(SUB_REGIONS, entries, strict=True)):
        y = PADDING + index * LEGEND_ROW
        swatch = _element(
            "rect",
            x=legend_x,
            y=y,
            width=SWATCH,
            height=SWATCH,
            **_fill(shade_for(totals[region], largest)),
            data_legend_sub_region=region,
        )
        text_x = legend_x + SWATCH + PADDING
        text_y = _baseline(y + SWATCH / 2, LEGEND_FONT_SIZE)
        label = _element("text", entry, x=text_x, y=text_y, fill=INK, font_size=LEGEND_FONT_SIZE)
        parts.append(_element("g", swatch, label))
    width = legend_x + SWATCH + PADDING + _text_width(entries, LEGEND_FONT_SIZE) + PADDING
    height = OUTLINE + (1 + max(tile.row for tile in LONDON_TILES)) * CELL
    return _svg(parts, width, height, title=title, description=description, chart_id=chart_id)


def bar_chart(
    rows: Sequence[tuple[str, int]], *, title: str, description: str, chart_id: str
) -> SafeString:
    """Horizontal bars in the order given, each as long as its value against the largest."""
    largest = max((value for _name, value in rows), default=0)
    bar_x = _text_width([name for name, _value in rows], BAR_FONT_SIZE) + 2 * PADDING
    value_width = _text_width([f"{value:,}" for _name, value in rows], BAR_FONT_SIZE)
    parts = []
    for index, (name, value) in enumerate(rows):
        length = round(BAR_AREA * max(value, 0) / largest, 2) if largest > 0 else 0
        top = PADDING + index * BAR_ROW
        text_y = _baseline(top + BAR_ROW / 2, BAR_FONT_SIZE)
        text = {"y": text_y, "fill": INK, "font_size": BAR_FONT_SIZE}
        parts.append(
            _element(
                "g",
                _element("text", name, x=bar_x - PADDING, text_anchor="end", **text),
                _element(
                    "rect",
                    x=bar_x,
                    y=top + (BAR_ROW - BAR_HEIGHT) / 2,
                    width=length,
                    height=BAR_HEIGHT,
                    fill=BAR_FILL,
                    data_value=value,
                ),
                _element("text", f"{value:,}", x=bar_x + length + PADDING, **text),
            )
        )
    width = bar_x + BAR_AREA + PADDING + value_width + PADDING
    height = 2 * PADDING + len(rows) * BAR_ROW
    return _svg(parts, width, height, title=title, description=description, chart_id=chart_id)


def _svg(
    parts: list[SafeString],
    width: float,
    height: float,
    *,
    title: str,
    description: str,
    chart_id: str,
) -> SafeString:
    if not re.fullmatch(r"[a-z0-9-]+", chart_id):
        raise ValueError(f"chart_id must be lower-case letters, digits and hyphens: {chart_id!r}")
    width, height = math.ceil(width), math.ceil(height)
    return _element(
        "svg",
        _element("title", title, id=f"{chart_id}-title"),
        _element("desc", description, id=f"{chart_id}-desc"),
        *parts,
        xmlns="http://www.w3.org/2000/svg",
        role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        class_="lc-chart",
        font_family=FONT_FAMILY,
    )


def _element(tag: str, *children: str, **attributes: object) -> SafeString:
    """An SVG element with its text and attribute values escaped; attributes are named the
    Python way (`font_size=` for font-size, `class_=` for class)."""
    attributes_html = format_html_join(
        "",
        ' {}="{}"',
        ((name.rstrip("_").replace("_", "-"), value) for name, value in attributes.items()),
    )
    if not children:
        return format_html("<{}{}/>", tag, attributes_html)
    children_html = format_html_join("", "{}", ((child,) for child in children))
    return format_html("<{}{}>{}</{}>", tag, attributes_html, children_html, tag)


def _fill(shade: Shade) -> dict[str, object]:
    if shade == SHADES[0]:
        return {"fill": shade.fill, "stroke": NONE_OUTLINE, "stroke_width": OUTLINE}
    return {"fill": shade.fill}


def _label(labels: Mapping[str, str], region: str) -> str:
    return labels.get(region, region.capitalize())


def _baseline(middle: float, font_size: int) -> float:
    # Where to put the baseline so that capitals sit centred on `middle`; WeasyPrint ignores
    # dominant-baseline, so the shift is done by hand (a cap height is about 0.7 em).
    return round(middle + 0.35 * font_size, 2)


def _text_width(texts: Sequence[str], font_size: int) -> float:
    return max((len(text) for text in texts), default=0) * CHARACTER_WIDTH * font_size
