"""manage.py run_scheduler: the schedule (settings.SCHEDULE, Europe/London), one run per job
and scheduled time however many schedulers ask, failures recorded and retried at the next
time, and the runs in the admin. Every test gives the clock; none sleeps."""

import io
import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from scheduler import jobs
from scheduler.checks import check_schedule
from scheduler.jobs import due_time, next_run, parse_crontab, run_due, run_job
from scheduler.management.commands.run_scheduler import build_scheduler
from scheduler.models import JobRun
from tests.factories import EditorFactory, PartnerOfficerFactory

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def fire_times(crontab: str, start: datetime, count: int) -> list[datetime]:
    """The next ``count`` times APScheduler's trigger fires from ``start``, as the scheduler
    asks for them (each from the previous)."""
    trigger = parse_crontab("job", crontab)
    times, previous, now = [], None, start
    for _ in range(count):
        previous = trigger.get_next_fire_time(previous, now)
        times.append(previous)
        now = previous
    return times


@pytest.fixture
def fixed_now(monkeypatch):
    def set_now(moment: datetime):
        monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(UTC))

    return set_now


# -- The schedule ------------------------------------------------------------------------


def test_every_scheduled_job_is_a_management_command_of_the_site():
    commands = get_commands()

    assert set(settings.SCHEDULE) >= {
        "check_links",
        "send_alerts",
        "send_forum_digest",
        "remind_owners",
        "clearsessions",
        "send_event_reminders",
    }
    for name in settings.SCHEDULE:
        assert name in commands, f"SCHEDULE names {name!r}, which is no management command"
    assert check_schedule(None) == []


def test_the_weekly_job_runs_weekly_and_the_others_daily():
    start = london(2026, 12, 1, 12, 0)
    for name, crontab in settings.SCHEDULE.items():
        first, second = fire_times(crontab, start, 2)
        expected = timedelta(days=7) if name == "remind_owners" else timedelta(days=1)
        assert second - first == expected, name


def test_a_schedule_time_comes_from_the_environment():
    environment = {**os.environ, "DJANGO_SECRET_KEY": "x", "SCHEDULE_CHECK_LINKS": "15 4 * * *"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import londonconnects.settings as s; print(s.SCHEDULE['check_links'])",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == "15 4 * * *"


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ({"send_newsletters": "0 6 * * *"}, "not a management command"),
        ({"send_alerts": "0 6 * *"}, "give five fields"),
        ({"send_alerts": "0 25 * * *"}, "SCHEDULE['send_alerts']"),
        # APScheduler 3 would read 1 as Tuesday where crontab means Monday.
        ({"remind_owners": "0 7 * * 1"}, "name the days of the week"),
    ],
)
def test_a_wrong_schedule_is_refused_with_what_is_wrong(settings, schedule, message):
    settings.SCHEDULE = schedule

    [error] = check_schedule(None)
    assert error.id == "scheduler.E001"
    assert message in error.msg
    with pytest.raises(CommandError, match="SCHEDULE"):
        call_command("run_scheduler", "--list", skip_checks=True)


def test_a_daily_job_keeps_its_london_time_across_the_change_to_summer_time():
    # Clocks go forward at 01:00 GMT on Sunday 29 March 2026.
    times = fire_times("0 6 * * *", london(2026, 3, 27, 12, 0), 3)

    assert [t.astimezone(LONDON).strftime("%d %H:%M %Z") for t in times] == [
        "28 06:00 GMT",
        "29 06:00 BST",
        "30 06:00 BST",
    ]
    assert times[1].astimezone(UTC) - times[0].astimezone(UTC) == timedelta(hours=23)


def test_a_daily_job_keeps_its_london_time_across_the_change_to_winter_time():
    # Clocks go back at 02:00 BST on Sunday 25 October 2026.
    times = fire_times("0 6 * * *", london(2026, 10, 23, 12, 0), 3)

    assert [t.astimezone(LONDON).strftime("%d %H:%M %Z") for t in times] == [
        "24 06:00 BST",
        "25 06:00 GMT",
        "26 06:00 GMT",
    ]
    assert times[1].astimezone(UTC) - times[0].astimezone(UTC) == timedelta(hours=25)


def test_a_time_in_the_hour_that_happens_twice_runs_once():
    trigger = parse_crontab("job", "30 1 * * *")
    first, second = (
        t.astimezone(UTC) for t in fire_times("30 1 * * *", london(2026, 10, 24, 12), 2)
    )
    # APScheduler fires at both 01:30s of 25 October (BST, then GMT); only the first is a run.
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)

    assert due_time(trigger, first + timedelta(seconds=2)).astimezone(UTC) == first
    assert due_time(trigger, second + timedelta(seconds=2)) is None
    # and the next day's is a run again
    next_day = datetime(2026, 10, 26, 1, 30, tzinfo=UTC)
    assert due_time(trigger, next_day + timedelta(seconds=2)).astimezone(UTC) == next_day


def test_a_time_in_the_hour_that_never_happens_runs_an_hour_late_once():
    times = fire_times("30 1 * * *", london(2026, 3, 28, 12, 0), 2)

    assert [t.astimezone(UTC) for t in times] == [
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # 02:30 BST
        datetime(2026, 3, 30, 0, 30, tzinfo=UTC),  # 01:30 BST
    ]


def test_the_run_due_is_the_latest_scheduled_time_within_the_grace_time():
    trigger = parse_crontab("check_links", "30 2 * * *")

    assert due_time(trigger, london(2026, 12, 1, 2, 30, 0)) == london(2026, 12, 1, 2, 30)
    assert due_time(trigger, london(2026, 12, 1, 3, 10)) == london(2026, 12, 1, 2, 30)
    # Too late: it waits for tomorrow.
    assert due_time(trigger, london(2026, 12, 1, 3, 31)) is None
    assert due_time(trigger, london(2026, 12, 1, 2, 29)) is None


# -- Runs ---------------------------------------------------------------------------------


def expired_session(key: str) -> Session:
    return Session.objects.create(
        session_key=key, session_data="", expire_date=timezone.now() - timedelta(days=1)
    )


@pytest.mark.django_db
def test_two_schedulers_asking_for_the_same_run_run_the_job_once():
    at = london(2026, 12, 1, 3, 0)
    expired_session("first-expired-session")

    first = run_job("clearsessions", scheduled_for=at)
    expired_session("expired-after-the-first-run")
    second = run_job("clearsessions", scheduled_for=at)

    assert first.outcome == JobRun.Outcome.OK
    assert first.finished_at >= first.started_at
    assert second is None
    # The second scheduler did not run clearsessions: what expired since is still there.
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        "expired-after-the-first-run"
    ]
    assert JobRun.objects.filter(job="clearsessions").count() == 1

    # The next day's run is another run.
    assert run_job("clearsessions", scheduled_for=at + timedelta(days=1)).outcome == "ok"
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_logged_and_its_next_run_still_happens(monkeypatch, caplog):
    at = london(2026, 12, 1, 6, 0)
    real_call_command = jobs.call_command
    calls = []

    def mail_server_down_once(name, **options):
        calls.append(name)
        if len(calls) == 1:
            raise ConnectionRefusedError("mail server down")
        return real_call_command(name, **options)

    monkeypatch.setattr(jobs, "call_command", mail_server_down_once)

    with caplog.at_level(logging.INFO, logger="scheduler"):
        failed = run_job("send_alerts", scheduled_for=at)
    succeeded = run_job("send_alerts", scheduled_for=at + timedelta(days=1))

    assert failed.outcome == JobRun.Outcome.FAILED
    assert "ConnectionRefusedError: mail server down" in failed.error
    assert failed.finished_at is not None
    [logged] = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert logged.exc_info[1].args == ("mail server down",)
    assert "send_alerts" in logged.getMessage()
    assert logged.job == "send_alerts"  # a field of its own in the JSON log line

    assert succeeded.outcome == JobRun.Outcome.OK
    assert succeeded.error == ""
    assert "alerts mailed" in succeeded.output


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(settings.SCHEDULE))
def test_every_scheduled_job_runs_as_the_scheduler_runs_it(name):
    # No arguments, nothing to do on an empty site: each succeeds.
    run = run_job(name, scheduled_for=london(2026, 12, 1, 6, 0))

    assert (run.outcome, run.error) == (JobRun.Outcome.OK, "")


@pytest.mark.django_db
def test_a_command_that_refuses_to_run_is_a_failed_run():
    run = run_job("compile_review", scheduled_for=london(2026, 12, 1, 6, 0))

    assert run.outcome == JobRun.Outcome.FAILED
    assert "CommandError" in run.error
    assert "year" in run.error


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_runs_what_is_due_and_nothing_it_meets_escapes(monkeypatch, fixed_now):
    trigger = parse_crontab("clearsessions", "0 3 * * *")
    fixed_now(london(2026, 12, 1, 3, 0, 4))

    run_due("clearsessions", trigger)
    run_due("clearsessions", trigger)  # a second scheduler, a moment later

    [run] = JobRun.objects.all()
    assert (run.job, run.scheduled_for, run.outcome) == (
        "clearsessions",
        london(2026, 12, 1, 3, 0),
        JobRun.Outcome.OK,
    )

    def database_gone(name, *, scheduled_for):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(jobs, "run_job", database_gone)
    fixed_now(london(2026, 12, 2, 3, 0, 4))
    run_due("clearsessions", trigger)  # logged, not raised


def test_the_scheduler_holds_one_job_per_schedule_line_with_its_trigger():
    # The same set-up as run_scheduler's, in a scheduler that does not block the test; paused,
    # it runs nothing.
    scheduler = build_scheduler(jobs.scheduled_jobs(), scheduler_class=BackgroundScheduler)
    scheduler.start(paused=True)
    try:
        scheduled = {job.id: job for job in scheduler.get_jobs()}
    finally:
        scheduler.shutdown(wait=False)

    assert set(scheduled) == set(settings.SCHEDULE)
    check_links = scheduled["check_links"]
    assert check_links.func is run_due
    assert check_links.args[0] == "check_links"
    assert check_links.coalesce is True
    assert check_links.max_instances == 1
    assert check_links.misfire_grace_time == 3600
    assert check_links.trigger.timezone == LONDON
    assert check_links.next_run_time.astimezone(LONDON).strftime("%H:%M") == "02:30"
    assert str(check_links.trigger) == (
        "cron[month='*', day='*', day_of_week='*', hour='2', minute='30']"
    )


def test_list_prints_each_job_its_schedule_and_next_run_in_london(settings, fixed_now):
    settings.SCHEDULE = {
        "check_links": "30 2 * * *",
        "remind_owners": "0 7 * * mon",
        "send_alerts": "0 6 * * mon,thu",
    }
    # Saturday 28 March 2026, the day before the clocks go forward.
    fixed_now(london(2026, 3, 28, 12, 0))
    out = io.StringIO()

    call_command("run_scheduler", "--list", stdout=out, skip_checks=True)

    assert [" ".join(line.split()) for line in out.getvalue().splitlines()] == [
        "check_links every day at 02:30 next: Sun 29 Mar 2026 02:30 BST",
        "remind_owners every Monday at 07:00 next: Mon 30 Mar 2026 07:00 BST",
        "send_alerts every Monday and Thursday at 06:00 next: Mon 30 Mar 2026 06:00 BST",
    ]
    assert next_run(parse_crontab("x", "30 2 * * *"), london(2026, 3, 28, 12)).utcoffset() == (
        timedelta(hours=1)
    )


# -- The admin ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_editors_see_the_runs_in_the_admin_and_change_nothing(client, staff_login):
    run = JobRun.objects.create(
        job="check_links",
        scheduled_for=london(2026, 12, 1, 2, 30),
        started_at=london(2026, 12, 1, 2, 30, 1),
        finished_at=london(2026, 12, 1, 2, 41),
        outcome=JobRun.Outcome.FAILED,
        error="OperationalError: could not connect to server",
    )
    staff_login(EditorFactory())

    listing = client.get(reverse("admin:scheduler_jobrun_changelist"))
    page = client.get(reverse("admin:scheduler_jobrun_change", args=[run.pk]))

    assert listing.status_code == 200
    assert "check_links" in listing.text
    assert "Failed" in listing.text
    assert page.status_code == 200
    assert "could not connect to server" in page.text
    assert 'name="_save"' not in page.text
    add = client.get(reverse("admin:scheduler_jobrun_add"))
    assert add.status_code == 403
    index = client.get(reverse("admin:index"))
    assert "Scheduled jobs" in index.text


@pytest.mark.django_db
def test_partner_officers_do_not_see_the_runs(client, staff_login):
    staff_login(PartnerOfficerFactory())

    assert client.get(reverse("admin:scheduler_jobrun_changelist")).status_code == 403
    assert "Scheduled jobs" not in client.get(reverse("admin:index")).text


# -- The process --------------------------------------------------------------------------


def test_the_scheduler_process_starts_with_every_job_and_stops_on_sigterm():
    """What `docker compose up` and `stop` do to the scheduler service: it logs each job's
    next run, waits, and ends cleanly on SIGTERM."""
    environment = {**os.environ, "DJANGO_SECRET_KEY": "x"}
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler", "--skip-checks"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout], daemon=True
    ).start()
    messages = []
    try:
        while "Scheduler started" not in messages:
            line = lines.get(timeout=60)
            messages.append(json.loads(line)["message"] if line.startswith("{") else line)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()

    scheduled = [message for message in messages if message.startswith("scheduled ")]
    assert [message.split()[1] for message in scheduled] == list(settings.SCHEDULE)
    assert "scheduled check_links every day at 02:30, next at " in scheduled[0]
