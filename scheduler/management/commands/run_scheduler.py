"""``python manage.py run_scheduler``: the one long-running process that runs the periodic
jobs of ``settings.SCHEDULE`` at their times in Europe/London (APScheduler's cron triggers).
``--list`` prints each job, its schedule and its next run, and exits.

Run exactly one per site. A second one started by mistake is harmless: each run is recorded
before it starts, once per job and scheduled time, and the second scheduler skips it.
"""

import logging
import signal

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from scheduler.jobs import LONDON, MISFIRE_GRACE, next_run, run_due, scheduled_jobs

logger = logging.getLogger("scheduler")


def build_scheduler(jobs, scheduler_class=BlockingScheduler) -> BaseScheduler:
    scheduler = scheduler_class(
        timezone=LONDON,
        job_defaults={
            # Runs missed while the process was busy or down come back as one run, and only
            # within the grace time: a job never runs twice to catch up.
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": int(MISFIRE_GRACE.total_seconds()),
        },
    )
    for job in jobs:
        scheduler.add_job(
            run_due, trigger=job.trigger, args=[job.name, job.trigger], id=job.name, name=job.name
        )
    return scheduler


class Command(BaseCommand):
    help = "Run the scheduled jobs (settings.SCHEDULE) at their times in Europe/London."

    def add_arguments(self, parser):
        parser.add_argument(
            "--list",
            action="store_true",
            help="Print each job, its schedule and its next run in London time, and exit.",
        )

    def handle(self, *args, **options):
        try:
            jobs = scheduled_jobs()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error

        now = timezone.now()
        if options["list"]:
            width = max((len(job.name) for job in jobs), default=0)
            for job in jobs:
                self.stdout.write(
                    f"{job.name:<{width}}  {job.in_words:<28}  next: "
                    f"{next_run(job.trigger, now):%a %d %b %Y %H:%M %Z}"
                )
            return

        scheduler = build_scheduler(jobs)

        def stop(signum, frame):
            # `docker compose stop` sends SIGTERM: take no new run, and end.
            if scheduler.running:
                scheduler.shutdown(wait=False)
            else:
                raise SystemExit(0)

        signal.signal(signal.SIGTERM, stop)
        for job in jobs:
            logger.info(
                "scheduled %s %s, next at %s",
                job.name,
                job.in_words,
                next_run(job.trigger, now).isoformat(),
            )
        scheduler.start()
