"""/metrics: a trusted scraper gets the site's counters in Prometheus' text format; anyone
else gets the site's 404."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from londonconnects import metrics
from scheduler.models import JobRun
from tests.factories import PublishedProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "a-scrapers-token-of-forty-or-so-characters"


@pytest.fixture(autouse=True)
def _metrics_settings(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16", "2001:db8::/32"]


def scrape(client, **headers) -> dict[tuple[str, frozenset], float]:
    """Every sample of a scrape with the token, by name and labels."""
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", **headers)
    assert response.status_code == 200
    return parse(response.content.decode())


def parse(text: str) -> dict[tuple[str, frozenset], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples, name, **labels) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def requests_of(samples, view, status="200", method="GET") -> float:
    return value(
        samples, "londonconnects_http_requests_total", view=view, method=method, status=status
    )


# -- Who may scrape -------------------------------------------------------------------------


def test_without_the_token_it_is_the_sites_404(client):
    response = client.get("/metrics")
    unknown = client.get("/no-such-page/")

    assert response.status_code == 404
    # Word for word the page any unknown address gets (but for the address itself, in the
    # sign-in link's "next"): nothing tells it apart.
    assert response.content.decode().replace("/metrics", "/no-such-page/") == (
        unknown.content.decode()
    )
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer wrong-token-of-the-same-length-as-the-right-o",
        f"Bearer {TOKEN[:-1]}",
        f"Bearer {TOKEN}x",
        f"Basic {TOKEN}",
        TOKEN,
        "Bearer ",
    ],
)
def test_a_wrong_token_is_a_404(client, authorization):
    response = client.get("/metrics", HTTP_AUTHORIZATION=authorization)

    assert response.status_code == 404


def test_a_disallowed_address_is_a_404(client):
    assert client.get("/metrics", REMOTE_ADDR="10.21.0.1").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404


def test_an_allowed_network_may_scrape_without_the_token(client):
    for address in ("10.20.0.1", "10.20.255.7", "2001:db8::1"):
        response = client.get("/metrics", REMOTE_ADDR=address)

        assert response.status_code == 200, address
        assert "londonconnects_http_requests_total" in response.content.decode()


def test_the_address_is_the_clients_behind_the_proxies(client, settings):
    """Behind one proxy the client is what the proxy appended, not what the client wrote."""
    settings.PROXY_COUNT = 1
    through_proxy = {"REMOTE_ADDR": "172.16.0.2"}

    allowed = client.get("/metrics", HTTP_X_FORWARDED_FOR="10.20.1.1", **through_proxy)
    forged = client.get("/metrics", HTTP_X_FORWARDED_FOR="10.20.1.1, 198.51.100.4", **through_proxy)

    assert allowed.status_code == 200
    assert forged.status_code == 404


def test_with_neither_token_nor_networks_it_is_always_a_404(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = []

    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer None").status_code == 404


def test_the_metrics_are_never_kept_by_the_page_caches(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.SHARED_PAGE_CACHE_SECONDS = 3600

    first = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    second = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    refused = client.get("/metrics")

    assert first["Content-Type"].startswith("text/plain")
    assert "no-store" in first["Cache-Control"]
    assert "X-Page-Cache" not in second
    assert refused.status_code == 404
    # The second scrape counted the first: it was made afresh.
    assert requests_of(parse(second.content.decode()), "metrics") == (
        requests_of(parse(first.content.decode()), "metrics") + 1
    )


# -- What it counts ------------------------------------------------------------------------


def test_requests_are_counted_by_view_with_their_time_and_queries(client):
    PublishedProjectFactory()
    before = scrape(client)

    for _ in range(3):
        assert client.get("/projects/").status_code == 200
    client.get("/projects/no-such-project/")
    after = scrape(client)

    assert requests_of(after, "projects:list") - requests_of(before, "projects:list") == 3
    assert (
        requests_of(after, "projects:detail", status="404")
        - requests_of(before, "projects:detail", status="404")
        == 1
    )
    latency = "londonconnects_http_request_duration_seconds_count"
    assert (
        value(after, latency, view="projects:list") - value(before, latency, view="projects:list")
        == 3
    )
    queries = "londonconnects_db_queries_total"
    assert (
        value(after, queries, view="projects:list") - value(before, queries, view="projects:list")
        >= 3
    )
    seconds = "londonconnects_db_query_seconds_total"
    assert value(after, seconds, view="projects:list") > value(
        before, seconds, view="projects:list"
    )


def test_a_path_no_pattern_matches_is_counted_apart(client):
    before = scrape(client)
    client.get("/no-such-page/")

    assert requests_of(scrape(client), "<unmatched>", status="404") == (
        requests_of(before, "<unmatched>", status="404") + 1
    )


def test_anonymous_page_cache_hits_and_misses_are_counted_and_the_hit_by_its_view(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    PublishedProjectFactory()
    lookups = "londonconnects_page_cache_lookups_total"
    before = scrape(client)

    client.get("/projects/")
    client.cookies.clear()
    hit = client.get("/projects/")
    after = scrape(Client(HTTP_X_FORWARDED_PROTO="https"))

    assert hit["X-Page-Cache"] == "hit"
    assert value(after, lookups, cache="anonymous", result="hit") == (
        value(before, lookups, cache="anonymous", result="hit") + 1
    )
    assert value(after, lookups, cache="anonymous", result="miss") == (
        value(before, lookups, cache="anonymous", result="miss") + 1
    )
    # The page the cache answered is counted as the view's, though no view ran.
    assert requests_of(after, "projects:list") == requests_of(before, "projects:list") + 2


def test_shared_page_cache_hits_are_counted(client, settings):
    settings.SHARED_PAGE_CACHE_SECONDS = 3600
    PublishedProjectFactory()
    client.force_login(UserFactory())
    lookups = "londonconnects_page_cache_lookups_total"
    before = scrape(client)

    client.get("/projects/")
    hit = client.get("/projects/")
    after = scrape(client)

    assert hit["X-Shared-Page-Cache"] == "hit"
    assert value(after, lookups, cache="shared", result="hit") == (
        value(before, lookups, cache="shared", result="hit") + 1
    )
    assert value(after, lookups, cache="shared", result="miss") == (
        value(before, lookups, cache="shared", result="miss") + 1
    )


def queued_task(status=TaskResultStatus.READY, run_after=None):
    """A row as django_tasks_db's backend writes it (no run_after: to run at once)."""
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {"version": 1}},
        task_path="registers.tasks.warm_pages",
        backend_name="default",
        run_after=run_after,
        exception_class_path="",
        traceback="",
    )


def test_the_task_queue_depth_and_failures_are_read_at_scrape_time(client):
    waiting_longest = queued_task()
    for _ in range(2):
        queued_task()
    queued_task(run_after=timezone.now() + timedelta(hours=2))  # waiting for its time
    queued_task(TaskResultStatus.RUNNING)
    queued_task(TaskResultStatus.FAILED)
    queued_task(TaskResultStatus.FAILED)
    queued_task(TaskResultStatus.SUCCESSFUL)
    DBTaskResult.objects.filter(pk=waiting_longest.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )

    samples = scrape(client)

    assert value(samples, "londonconnects_task_queue_depth", queue="default") == 4
    tasks = "londonconnects_tasks"
    assert value(samples, tasks, queue="default", status="READY") == 4
    assert value(samples, tasks, queue="default", status="RUNNING") == 1
    assert value(samples, tasks, queue="default", status="FAILED") == 2
    assert value(samples, tasks, queue="default", status="SUCCESSFUL") == 1
    age = value(samples, "londonconnects_task_queue_oldest_ready_age_seconds", queue="default")
    assert 600 <= age < 700

    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
        status=TaskResultStatus.SUCCESSFUL
    )
    samples = scrape(client)
    assert value(samples, "londonconnects_task_queue_depth", queue="default") == 0
    assert (
        value(samples, "londonconnects_task_queue_oldest_ready_age_seconds", queue="default") == 0
    )


def job_run(job, finished_at, outcome):
    return JobRun.objects.create(
        job=job,
        scheduled_for=finished_at - timedelta(minutes=1),
        started_at=finished_at - timedelta(seconds=30),
        finished_at=finished_at,
        outcome=outcome,
    )


def test_the_last_successful_run_of_each_scheduled_job(client):
    now = timezone.now().replace(microsecond=0)
    job_run("send_alerts", now - timedelta(days=2), JobRun.Outcome.OK)
    last_success = job_run("send_alerts", now - timedelta(days=1), JobRun.Outcome.OK)
    failure = job_run("send_alerts", now - timedelta(hours=1), JobRun.Outcome.FAILED)
    JobRun.objects.create(  # running now: neither a success nor a failure yet
        job="send_alerts", scheduled_for=now, started_at=now, outcome=JobRun.Outcome.RUNNING
    )

    samples = scrape(client)

    success = "londonconnects_scheduled_job_last_success_timestamp_seconds"
    assert value(samples, success, job="send_alerts") == last_success.finished_at.timestamp()
    assert (
        value(
            samples,
            "londonconnects_scheduled_job_last_failure_timestamp_seconds",
            job="send_alerts",
        )
        == failure.finished_at.timestamp()
    )
    # Every scheduled job is there, 0 for one that never succeeded.
    for job in django_settings.SCHEDULE:
        assert (success, frozenset({("job", job)})) in samples
    assert value(samples, success, job="check_links") == 0


# -- Across gunicorn's workers -------------------------------------------------------------

WORKER = """
import os, django
django.setup()
from django.test import Client
client = Client()
for _ in range({requests}):
    assert client.get("/healthz/live").status_code == 200
print(os.getpid())
"""


def test_counts_from_every_worker_process_are_added_up(tmp_path):
    """Two processes in multiprocess mode, as gunicorn's workers run (gunicorn.conf.py sets
    PROMETHEUS_MULTIPROC_DIR): a scrape reads what both counted."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "londonconnects.settings",
        "DJANGO_SECRET_KEY": "test-only-secret-key-not-for-production",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
    }
    pids = []
    for requests in (3, 4):
        worker = subprocess.run(  # noqa: S603  (this interpreter, with a fixed program)
            [sys.executable, "-c", WORKER.format(requests=requests)],
            cwd=django_settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert worker.returncode == 0, worker.stderr
        pids.append(int(worker.stdout.split()[-1]))

    samples = parse(generate_latest(metrics.registry(multiprocess_dir=str(tmp_path))).decode())

    assert len({*pids}) == 2
    assert {path.name for path in tmp_path.glob("counter_*.db")} == {
        f"counter_{pid}.db" for pid in pids
    }
    assert requests_of(samples, "live") == 7
    assert value(samples, "londonconnects_http_request_duration_seconds_count", view="live") == 7
