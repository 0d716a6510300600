"""Check every published hyperlink on the site and record what was found.

    python manage.py check_links [--timeout 10] [--parallel 8] [--host-interval 1]

Broken links are reported, flagged and marked, never deleted. The command fails (non-zero
exit) only when it cannot do its own job, e.g. the database is unreachable; a site full of
broken links is a successful check.
"""

import time
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from registers.cache import data_changed
from registers.linkcheck import addresses_to_check, check_addresses, record_outcomes
from registers.links import link_models


def positive(kind):
    def parse(text):
        value = kind(text)
        if value <= 0:
            raise ValueError(text)
        return value

    parse.__name__ = kind.__name__
    return parse


class Command(BaseCommand):
    help = "Check every published hyperlink and record its health."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=positive(float),
            default=settings.LINK_CHECK_TIMEOUT,
            help="Seconds one request may take in all (default %(default)s).",
        )
        parser.add_argument(
            "--parallel",
            type=positive(int),
            default=settings.LINK_CHECK_PARALLEL,
            help="Requests in flight at once (default %(default)s).",
        )
        parser.add_argument(
            "--host-interval",
            type=float,
            default=settings.LINK_CHECK_HOST_INTERVAL,
            help="Seconds between the starts of two requests to one host (default %(default)s).",
        )

    def handle(self, *args, timeout, parallel, host_interval, **options):
        started = time.monotonic()
        try:
            holders = addresses_to_check(link_models())
        except DatabaseError as error:
            raise CommandError(f"Could not read the links to check: {error}") from error
        self.stdout.write(f"Checking {len(holders)} addresses…")
        outcomes = check_addresses(
            holders,
            timeout=timeout,
            parallel=parallel,
            host_interval=host_interval,
            allow_private=settings.LINK_CHECK_ALLOW_PRIVATE,
        )
        # The connection sat idle through the check and may have been dropped: reconnect
        # (unless a caller's transaction holds it, as in tests).
        if not connection.in_atomic_block:
            connection.close()
        try:
            rows = record_outcomes(outcomes, holders)
        except DatabaseError as error:
            raise CommandError(f"Could not record the results: {error}") from error
        data_changed()

        failing = [outcome for outcome in outcomes if not outcome.ok]
        redirected = sum(1 for o in outcomes if o.ok and o.final_url)
        for outcome in sorted(failing, key=lambda o: o.address):
            found = f"HTTP {outcome.status}" if outcome.status else outcome.error
            self.stdout.write(f"  failing: {outcome.address} ({found})")
        causes = Counter(f"HTTP {o.status}" if o.status else o.error for o in failing).most_common()
        self.stdout.write(
            self.style.SUCCESS(
                f"Checked {len(outcomes)} addresses ({rows} links) in "
                f"{time.monotonic() - started:.1f} s: "
                f"{len(outcomes) - len(failing)} working ({redirected} redirected), "
                f"{len(failing)} failing"
                + (f" ({', '.join(f'{n} × {cause}' for cause, n in causes)})" if causes else "")
                + "."
            )
        )
