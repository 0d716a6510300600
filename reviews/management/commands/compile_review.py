"""Show the figures a review of a year would get if it were published now."""

import json
import re

from django.core.management.base import BaseCommand, CommandError

from registers.filters import FIRST_YEAR, LAST_YEAR
from reviews.figures import comparison, compile_figures
from reviews.services import figures_csv


class Command(BaseCommand):
    help = (
        "Compile the annual review's figures for YEAR from the registers as they are now, "
        "without storing anything, for checking before publishing."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", help="The year, as four digits.")
        parser.add_argument("--format", choices=["text", "csv", "json"], default="text")

    def handle(self, *args, year: str, format: str, **options):
        if not (re.fullmatch(r"[0-9]{4}", year) and FIRST_YEAR <= int(year) <= LAST_YEAR):
            raise CommandError(
                f"“{year}” is not a year: give four digits, from {FIRST_YEAR} to {LAST_YEAR}."
            )
        figures = compile_figures(int(year))
        if format == "json":
            self.stdout.write(json.dumps(figures, indent=2))
        elif format == "csv":
            self.stdout.write(figures_csv(figures), ending="")
        else:
            self.write_text(figures)

    def write_text(self, figures: dict) -> None:
        self.stdout.write(f"Figures for {figures['year']}, compiled {figures['compiled_at']}")
        compared = {row["key"]: row for row in comparison(figures)}
        self.heading("Headline figures")
        for item in figures["headlines"]:
            line = f"  {item['label']:<50} {item['value']:>8}"
            if item["key"] in compared:
                row = compared[item["key"]]
                line += f"   ({row['trend']}, {row['previous']} in {figures['previous']['year']})"
            self.stdout.write(line)
        for table in figures["tables"]:
            self.heading(table["title"])
            self.stdout.write(
                f"  {table['row_heading']:<50}"
                + "".join(f" {column:>15}" for column in table["columns"])
            )
            for row in table["rows"]:
                values = "".join(f" {cell['value']:>15}" for cell in row["cells"])
                self.stdout.write(f"  {row['label'][:50]:<50}{values}")
            if table["note"]:
                self.stdout.write(f"  Note: {table['note']}")

    def heading(self, text: str) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(text))
