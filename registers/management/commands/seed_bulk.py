"""Bulk, plausible data for benchmarks: ``manage.py seed_bulk --projects 100000``.

Bulk rows replace the previous bulk rows of the same register (they are recognisable by their
slugs), so the command can be rerun; the demo content is left alone.
"""

import time

from django.core.management.base import BaseCommand

from projects.bulk import seed_projects


class Command(BaseCommand):
    help = "Load bulk benchmark data into the registers."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=0, help="number of projects")

    def handle(self, *args, **options):
        if options["projects"] < 0:
            self.stderr.write("--projects must not be negative")
            return
        started = time.monotonic()
        made = seed_projects(options["projects"]) if options["projects"] else 0
        self.stdout.write(f"{made} projects in {time.monotonic() - started:.1f}s")
