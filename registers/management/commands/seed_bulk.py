"""Bulk, plausible data for benchmarks: ``manage.py seed_bulk --projects 100000``.

Bulk rows replace the previous bulk rows of the same register (they are recognisable by their
slugs), so the command can be rerun; the demo content is left alone.
"""

import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from contacts.bulk import seed_contacts
from eindex.bulk import seed_links
from forums.bulk import seed_topics
from funding.bulk import seed_funding
from papers.bulk import seed_papers
from projects.bulk import seed_projects

# Option name -> the register's seeding function. A newer register declares its own instead
# (``bulk_seeder = (option name, dotted path)`` on its AppConfig), seeded after these.
REGISTERS = {
    "projects": seed_projects,
    "contacts": seed_contacts,
    "links": seed_links,
    "funding": seed_funding,
    "papers": seed_papers,
    "topics": seed_topics,
}


def registers() -> dict:
    declared = {
        config.bulk_seeder[0]: import_string(config.bulk_seeder[1])
        for config in apps.get_app_configs()
        if getattr(config, "bulk_seeder", None)
    }
    return {**REGISTERS, **declared}


class Command(BaseCommand):
    help = "Load bulk benchmark data into the registers."

    def add_arguments(self, parser):
        for name in registers():
            parser.add_argument(f"--{name}", type=int, default=0, help=f"number of {name}")
        parser.add_argument(
            "--posts-per-topic", type=int, default=10, help="posts in each bulk forum topic"
        )

    def handle(self, *args, **options):
        if options["posts_per_topic"] < 1:
            raise CommandError("--posts-per-topic must be at least 1")
        for name, seed in registers().items():
            count = options[name]
            if count < 0:
                raise CommandError(f"--{name} must not be negative")
            if not count:
                continue
            started = time.monotonic()
            try:
                made = seed(count, options["posts_per_topic"]) if name == "topics" else seed(count)
            except ValueError as problem:
                raise CommandError(str(problem)) from problem
            self.stdout.write(f"{made} {name} in {time.monotonic() - started:.1f}s")
        # Bulk rows are written without signals: what an app keeps from them (declared as
        # ``after_bulk_seed`` on its AppConfig, a dotted path) is made again from the rows.
        for config in apps.get_app_configs():
            if getattr(config, "after_bulk_seed", None):
                started = time.monotonic()
                import_string(config.after_bulk_seed)()
                self.stdout.write(f"{config.label} recounted in {time.monotonic() - started:.1f}s")
