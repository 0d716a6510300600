"""The review's SVG charts, read back as XML the way a browser or WeasyPrint would read them."""

import math

import pytest
from defusedxml.ElementTree import fromstring

from registers.charts import LONDON_TILES, SHADES, bar_chart, tile_map

SVG = "{http://www.w3.org/2000/svg}"
LABELS = {"central": "Central", "east": "East", "north": "North", "south": "South", "west": "West"}
SUB_REGIONS = {
    "central": {
        "camden",
        "city-of-london",
        "islington",
        "kensington-and-chelsea",
        "lambeth",
        "southwark",
        "westminster",
    },
    "east": {
        "barking-and-dagenham",
        "bexley",
        "greenwich",
        "hackney",
        "havering",
        "lewisham",
        "newham",
        "redbridge",
        "tower-hamlets",
        "waltham-forest",
    },
    "north": {"barnet", "enfield", "haringey"},
    "south": {
        "bromley",
        "croydon",
        "kingston-upon-thames",
        "merton",
        "richmond-upon-thames",
        "sutton",
        "wandsworth",
    },
    "west": {"brent", "ealing", "hammersmith-and-fulham", "harrow", "hillingdon", "hounslow"},
}


def draw_map(counts, **options):
    options = {"title": "Projects", "description": "By sub-region", "chart_id": "map"} | options
    return fromstring(tile_map(counts, labels=LABELS, **options))


def draw_bars(rows, **options):
    options = {"title": "Projects", "description": "By sector", "chart_id": "bars"} | options
    return fromstring(bar_chart(rows, **options))


def squares(svg):
    """Each authority's square and the text written in it."""
    return [
        (group.find(f"{SVG}rect"), group.find(f"{SVG}text"))
        for group in svg.iter(f"{SVG}g")
        if group.find(f"{SVG}rect[@data-authority]") is not None
    ]


def fill_of(svg, sub_region):
    fills = {
        rect.get("fill")
        for rect, _text in squares(svg)
        if rect.get("data-sub-region") == sub_region
    }
    assert len(fills) == 1
    return fills.pop()


def luminance(colour):
    """WCAG 2.2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    red, green, blue = (
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("svg", [draw_map({"east": 3}), draw_bars([("Health", 3)])])
def test_the_chart_is_named_by_its_title_and_description(svg):
    title, desc = list(svg)[:2]

    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.get("class") == "lc-chart"
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Projects"
    _x, _y, width, height = map(float, svg.get("viewBox").split())
    assert (float(svg.get("width")), float(svg.get("height"))) == (width, height)


def test_the_tiles_are_the_33_authorities_each_in_its_own_cell_and_sub_region():
    cells = {(tile.row, tile.column) for tile in LONDON_TILES}

    assert len(LONDON_TILES) == 33
    assert len(cells) == 33
    assert {tile.slug for tile in LONDON_TILES} == set().union(*SUB_REGIONS.values())
    for tile in LONDON_TILES:
        assert tile.slug in SUB_REGIONS[tile.sub_region]
    drawn = {
        rect.get("data-authority"): rect.get("data-sub-region") for rect, _ in squares(draw_map({}))
    }
    assert drawn == {tile.slug: tile.sub_region for tile in LONDON_TILES}


def test_the_larger_count_gets_the_darker_fill_and_zero_gets_none():
    svg = draw_map({"central": 40, "east": 4, "north": 0, "south": 20})

    central, east, south = (fill_of(svg, region) for region in ("central", "east", "south"))
    assert luminance(central) < luminance(south) < luminance(east) < luminance(SHADES[0].fill)
    assert fill_of(svg, "north") == fill_of(svg, "west") == SHADES[0].fill
    for rect, _text in squares(svg):
        if rect.get("fill") == SHADES[0].fill:
            assert contrast(rect.get("stroke"), "#ffffff") >= 3
        else:
            assert contrast(rect.get("fill"), "#ffffff") >= 3


def test_all_zero_counts_draw_every_square_as_none():
    svg = draw_map({"central": 0})

    assert {rect.get("fill") for rect, _text in squares(svg)} == {SHADES[0].fill}


def test_the_hover_title_names_the_authority_its_sub_region_and_count():
    svg = draw_map({"central": 1234})

    rect = next(rect for rect, _ in squares(svg) if rect.get("data-authority") == "camden")
    assert rect.find(f"{SVG}title").text == "Camden (Central): 1,234"


def test_the_legend_names_each_sub_region_with_its_count_and_colour():
    svg = draw_map({"central": 12, "east": 3, "west": 7})

    texts = {text.text for text in svg.iter(f"{SVG}text")}
    assert {"Central: 12", "East: 3", "North: 0", "South: 0", "West: 7"} <= texts
    swatches = {
        rect.get("data-legend-sub-region"): rect.get("fill") for rect in svg.iter(f"{SVG}rect")
    }
    for region in LABELS:
        assert swatches[region] == fill_of(svg, region)


@pytest.mark.parametrize(
    "counts", [{}, {"central": 1, "east": 2, "north": 3, "south": 4, "west": 5}]
)
def test_the_letters_in_each_square_contrast_with_its_fill(counts):
    svg = draw_map(counts)

    for rect, text in squares(svg):
        assert text.text
        assert contrast(text.get("fill"), rect.get("fill")) >= 4.5


def test_every_shade_has_enough_contrast_for_its_text_and_against_white():
    for shade in SHADES:
        assert contrast(shade.text, shade.fill) >= 4.5
    for shade in SHADES[1:]:
        assert contrast(shade.fill, "#ffffff") >= 3


def bars(svg):
    return [rect for rect in svg.iter(f"{SVG}rect") if rect.get("data-value") is not None]


def test_bars_are_proportional_to_their_values_in_the_order_given():
    svg = draw_bars([("Health", 5), ("Housing", 10), ("Police", 0)])

    widths = [float(rect.get("width")) for rect in bars(svg)]
    assert [rect.get("data-value") for rect in bars(svg)] == ["5", "10", "0"]
    assert widths[1] == 2 * widths[0] > 0
    assert widths[2] == 0
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert texts == ["Health", "5", "Housing", "10", "Police", "0"]


def test_more_rows_make_a_taller_chart():
    one, three = draw_bars([("A", 1)]), draw_bars([("A", 1), ("B", 2), ("C", 3)])

    assert float(three.get("height")) > float(one.get("height"))


@pytest.mark.parametrize("rows", [[("Health", 0), ("Housing", 0)], []])
def test_all_zero_or_no_rows_draw_no_nan_and_no_negative_widths(rows):
    markup = bar_chart(rows, title="Nothing yet", description="No projects", chart_id="empty")

    assert "nan" not in markup.lower()
    assert "inf" not in markup.lower()
    for rect in bars(fromstring(markup)):
        assert math.isfinite(float(rect.get("width")))
        assert float(rect.get("width")) == 0


def test_a_negative_value_draws_no_negative_width():
    svg = draw_bars([("Health", -3), ("Housing", 4)])

    assert [float(rect.get("width")) >= 0 for rect in bars(svg)] == [True, True]


def test_text_is_escaped_and_reads_back_intact():
    label = """Fish & "chips" <b>'s</b>"""
    markup = bar_chart([(label, 1)], title=label, description=label, chart_id="escaped")
    svg = fromstring(markup)

    assert "<b>" not in markup
    assert svg.find(f"{SVG}title").text == label
    assert svg.find(f"{SVG}desc").text == label
    assert label in [text.text for text in svg.iter(f"{SVG}text")]
    labels = {**LABELS, "west": label}
    svg = fromstring(tile_map({}, labels=labels, title=label, description=label, chart_id="m"))
    assert f"{label}: 0" in [text.text for text in svg.iter(f"{SVG}text")]
    assert "H&F" in [text.text for _rect, text in squares(svg)]


@pytest.mark.parametrize("chart_id", ["", "Map", "map one", 'x" onload="alert(1)', "map\n"])
def test_a_chart_id_that_is_not_a_simple_identifier_is_refused(chart_id):
    with pytest.raises(ValueError, match="chart_id"):
        tile_map({}, labels=LABELS, title="t", description="d", chart_id=chart_id)
    with pytest.raises(ValueError, match="chart_id"):
        bar_chart([], title="t", description="d", chart_id=chart_id)
