"""The periodic jobs: which management commands run when (``settings.SCHEDULE``, crontab
lines in Europe/London), and running one of them once for one scheduled time.

APScheduler's cron triggers work out the times; ``manage.py run_scheduler`` is the process
that waits for them. Every run is recorded as a ``JobRun``, written before the command starts
with (job, scheduled time) unique, which is also the lock between two schedulers.
"""

import io
import logging
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command, get_commands
from django.db import IntegrityError, close_old_connections, connections, transaction
from django.utils import timezone

from .models import JobRun

logger = logging.getLogger(__name__)

LONDON = ZoneInfo("Europe/London")
# A run may start this late (the process was busy, or restarted just after the time) and
# still count; later than that, it waits for its next time.
MISFIRE_GRACE = timedelta(hours=1)
# What a run keeps of the command's printed output (the admin shows it).
OUTPUT_KEPT_CHARACTERS = 10_000

DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


@dataclass(frozen=True)
class ScheduledJob:
    name: str  # a management command
    crontab: str
    trigger: CronTrigger

    @property
    def in_words(self) -> str:
        return crontab_in_words(self.crontab)


def parse_crontab(name: str, crontab: str) -> CronTrigger:
    """The cron trigger of one line of ``settings.SCHEDULE``, or ImproperlyConfigured saying
    what is wrong with it."""
    fields = crontab.split()
    if len(fields) != 5:
        raise ImproperlyConfigured(
            f"SCHEDULE[{name!r}] = {crontab!r}: give five fields, "
            "minute hour day-of-month month day-of-week (e.g. '30 2 * * *')."
        )
    # APScheduler 3 counts weekdays from Monday = 0 where crontab has Sunday = 0: names mean
    # the same to both.
    if any(character.isdigit() for character in fields[4]):
        raise ImproperlyConfigured(
            f"SCHEDULE[{name!r}] = {crontab!r}: name the days of the week (mon, tue, ... sun), "
            "not numbers."
        )
    try:
        return CronTrigger.from_crontab(crontab, timezone=LONDON)
    except ValueError as error:
        raise ImproperlyConfigured(f"SCHEDULE[{name!r}] = {crontab!r}: {error}") from error


def scheduled_jobs() -> list[ScheduledJob]:
    """Every job of ``settings.SCHEDULE``, checked: each is an installed management command
    with a valid crontab line."""
    commands = get_commands()
    jobs = []
    for name, crontab in settings.SCHEDULE.items():
        if name not in commands:
            raise ImproperlyConfigured(
                f"SCHEDULE names {name!r}, which is not a management command of this site."
            )
        jobs.append(ScheduledJob(name=name, crontab=crontab, trigger=parse_crontab(name, crontab)))
    return jobs


def crontab_in_words(crontab: str) -> str:
    """'30 2 * * *' -> 'every day at 02:30'; '0 7 * * mon' -> 'every Monday at 07:00'.
    Anything fancier is given as the crontab line itself."""
    minute, hour, day, month, weekdays = crontab.split()
    if not (minute.isdigit() and hour.isdigit() and day == "*" and month == "*"):
        return f"crontab '{crontab}' (minute hour day month weekday)"
    at = f"at {int(hour):02d}:{int(minute):02d}"
    if weekdays == "*":
        return f"every day {at}"
    names = [DAY_NAMES.get(day_name.lower()) for day_name in weekdays.split(",")]
    if None in names:
        return f"crontab '{crontab}' (minute hour day month weekday)"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"every {listed} {at}"


def next_run(trigger: CronTrigger, now: datetime) -> datetime:
    """The first time at or after ``now`` the job is due, in London time."""
    return trigger.get_next_fire_time(None, now).astimezone(LONDON)


def due_time(trigger: CronTrigger, now: datetime) -> datetime | None:
    """The scheduled time a run starting at ``now`` is for: the latest one at or before
    ``now`` within MISFIRE_GRACE. Every scheduler computes the same time for the same run
    whatever its clock's drift, so it can serve as the lock's key.

    None when there is none, and when the time is the second pass of a wall-clock time that
    happens twice (01:00-01:59 on the last Sunday of October): a daily job runs once a day.
    """
    # In UTC, so the arithmetic and comparisons below are of instants, not of wall-clock times.
    now = now.astimezone(UTC)
    due = None
    candidate = trigger.get_next_fire_time(None, now - MISFIRE_GRACE)
    while candidate is not None and candidate <= now:
        due = candidate
        candidate = trigger.get_next_fire_time(candidate, candidate)
    if due is None or repeats_a_wall_clock_time(due):
        return None
    return due


def repeats_a_wall_clock_time(moment: datetime) -> bool:
    local = moment.astimezone(LONDON)
    return local.fold == 1 and local.replace(fold=0).utcoffset() != local.utcoffset()


def run_job(name: str, *, scheduled_for: datetime) -> JobRun | None:
    """Run management command ``name`` for its run at ``scheduled_for``, unless some scheduler
    has already started that run (then None). A failure is logged and recorded, never raised:
    the job is tried again at its next time."""
    # Fields of their own in the JSON log line, to search the logs by.
    log_fields = {"job": name, "scheduled_for": scheduled_for.isoformat()}
    try:
        with transaction.atomic():
            run = JobRun.objects.create(
                job=name, scheduled_for=scheduled_for, started_at=timezone.now()
            )
    except IntegrityError:
        logger.info(
            "scheduled job %s at %s already run by another scheduler; skipped",
            name,
            scheduled_for.isoformat(),
            extra=log_fields,
        )
        return None

    logger.info("scheduled job %s at %s started", name, scheduled_for.isoformat(), extra=log_fields)
    output = io.StringIO()
    try:
        call_command(name, stdout=output, stderr=output)
    # A command that calls sys.exit() must not end the scheduler either.
    except (Exception, SystemExit) as error:
        logger.exception(
            "scheduled job %s at %s failed", name, scheduled_for.isoformat(), extra=log_fields
        )
        run.outcome = JobRun.Outcome.FAILED
        run.error = "".join(traceback.format_exception(error))
    else:
        logger.info(
            "scheduled job %s at %s succeeded", name, scheduled_for.isoformat(), extra=log_fields
        )
        run.outcome = JobRun.Outcome.OK
    run.output = output.getvalue()[-OUTPUT_KEPT_CHARACTERS:]
    run.finished_at = timezone.now()
    run.save(update_fields=["outcome", "output", "error", "finished_at"])
    return run


def run_due(name: str, trigger: CronTrigger) -> None:
    """What the scheduler calls at each of a job's times (in one of its threads): the run
    that is due now. Nothing it does may raise into the scheduler. Runs are hours apart, so
    the thread's database connection is closed after each rather than kept idle."""
    close_old_connections()
    try:
        scheduled_for = due_time(trigger, timezone.now())
        if scheduled_for is None:
            logger.info("scheduled job %s: no run due now; skipped", name)
            return
        run_job(name, scheduled_for=scheduled_for)
    except Exception:
        # The database gone, say: the run is not recorded, and the next time tries again.
        logger.exception("scheduled job %s could not be run", name)
    finally:
        connections.close_all()
