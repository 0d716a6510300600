"""Every CSV the site hands out is safe to open in a spreadsheet: every cell is quoted, and no
cell starts a formula however the program splits the line (on commas, or on semicolons as in
locales whose decimal mark is a comma, or on tabs)."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse

from eindex.models import Section
from projects.models import Programme
from registers.exports import CsvWriter
from reviews import services
from reviews.services import figures_csv
from tests.factories import (
    FundingSourceFactory,
    LinkFactory,
    PaperFactory,
    PublishedContactFactory,
    PublishedProjectFactory,
    ReviewFactory,
    SteeringMemberFactory,
)
from tests.pages import body

pytestmark = pytest.mark.django_db

ATTACKS = [
    "Smart card;=cmd|' /C calc'!A0;x",
    '=HYPERLINK("http://evil.example")',
    "Joined up, +1+2",
    "Joined up,-2+3",
    "Services\t@SUM(1+1)",
    "First line\n=1+1",
    "Carriage\r=1+1",
    "\t=1+1",
    'Quoted;"=1+1"',
    "Spaced;   =1+1",
    "Tabbed;\t=1+1",
    "@SUM(1+1)",
    "-2+3",
]

FORMULA_START = tuple("=+-@\t\r")
# A line of cells each wholly in double quotes (doubled inside), lines ending in CRLF.
QUOTED = r'"(?:[^"]|"")*"'
ALL_QUOTED = re.compile(rf"(?:{QUOTED}(?:,{QUOTED})*\r\n)+")


def assert_safe_in_any_spreadsheet(text: str):
    assert ALL_QUOTED.fullmatch(text), "every cell is quoted"
    for delimiter in [",", ";", "\t"]:
        for line in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            for cell in line:
                # Spreadsheets may trim spaces and stray quotes before reading a cell.
                assert not cell.lstrip(' "').startswith(FORMULA_START), (delimiter, cell)


EXPORTS = {
    "projects": (lambda title: PublishedProjectFactory(title=title), lambda: "/projects/"),
    "contacts": (lambda title: PublishedContactFactory(title=title), lambda: "/contacts/"),
    "funding": (lambda title: FundingSourceFactory(title=title), lambda: "/funding/"),
    "papers": (lambda title: PaperFactory(title=title), lambda: "/papers/"),
    "e-index": (
        lambda title: LinkFactory(title=title),
        lambda: Section.objects.order_by("order").first().get_absolute_url(),
    ),
}


@pytest.mark.parametrize(("make", "list_url"), EXPORTS.values(), ids=EXPORTS.keys())
@pytest.mark.parametrize("title", ATTACKS)
def test_a_register_export_runs_no_formula(client, make, list_url, title):
    make(title)

    response = client.get(list_url(), {"format": "csv"})

    assert response.status_code == 200
    text = body(response)
    assert_safe_in_any_spreadsheet(text)


def test_the_reader_still_gets_the_words(client):
    PublishedProjectFactory(title="Smart card;=cmd|' /C calc'!A0;x")

    [row] = csv.DictReader(io.StringIO(body(client.get("/projects/", {"format": "csv"}))))

    assert row["title"] == "Smart card;'=cmd|' /C calc'!A0;x"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Plain words, with commas; and semicolons", "Plain words, with commas; and semicolons"),
        ("A-road - e-learning", "A-road - e-learning"),
        ("2003-05-01", "2003-05-01"),
        ("=1+1", "'=1+1"),
        ("a;=1+1", "a;'=1+1"),
        ("a, -1", "a, '-1"),
        ('a;"@x"', 'a;"\'@x"'),
        ("\t=1", "'\t'=1"),
        (["smart cards", "=1+1"], "smart cards; '=1+1"),
        (None, ""),
        (datetime.date(2003, 5, 1), "2003-05-01"),
        (-5, "'-5"),
    ],
)
def test_what_a_cell_holds(value, written):
    out = io.StringIO()

    CsvWriter(out).writerow([value])

    assert next(csv.reader(io.StringIO(out.getvalue()))) == [written]


def figures_with(label: str) -> dict:
    return {
        "year": 2025,
        "tables": [
            {
                "title": "Projects by sub-region",
                "columns": ["Started"],
                "rows": [{"label": label, "cells": [{"value": 1, "link": ""}]}],
            }
        ],
    }


@pytest.mark.parametrize("label", ATTACKS)
def test_the_reviews_figures_run_no_formula(label):
    assert_safe_in_any_spreadsheet(figures_csv(figures_with(label)))


def test_the_reviews_data_download_is_quoted(client):
    PublishedProjectFactory(programme=Programme.PATHFINDER, start_date=datetime.date(2025, 3, 1))
    services.publish(ReviewFactory(year=2025), by=SteeringMemberFactory())

    response = client.get(reverse("reviews:data", kwargs={"year": 2025}))

    assert response.status_code == 200
    assert_safe_in_any_spreadsheet(body(response))
