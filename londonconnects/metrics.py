"""/metrics: what the site counts, in Prometheus' text format, for a scraper the site trusts.

Counted as requests go (prometheus_client counters, written by each process):
- requests by view (the URL's name), method and status, and their latency by view
  (``RequestMetricsMiddleware``, first in MIDDLEWARE, so pages the page cache answers count);
- database queries and the time spent in them, by view;
- page cache look-ups, hit or miss (``registers.pagecache.PAGE_CACHE_LOOKUPS``).

Read from the database at each scrape (``SiteCollector``), so every process answers alike:
- background tasks in django_tasks_db's queue by status (the queue's depth is those ready to
  run, its failures those failed) and the age of the oldest one waiting;
- when each scheduled job last succeeded and last failed (scheduler.JobRun).

Under gunicorn every worker counts its own requests: with PROMETHEUS_MULTIPROC_DIR set (as
gunicorn.conf.py does) each writes its counters to files there and a scrape, whichever
worker answers it, adds up the files of all of them (prometheus_client's multiprocess mode).
"""

import hmac
import ipaddress
import logging
import os
import time
from contextlib import ExitStack

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from accounts.addresses import client_address
from scheduler.models import JobRun

logger = logging.getLogger(__name__)

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
# The view label of a request no URL pattern matched.
UNMATCHED = "<unmatched>"

REQUESTS = Counter(
    "londonconnects_http_requests",
    "Requests answered, by view (the URL pattern's name), method and status.",
    ["view", "method", "status"],
)
REQUEST_SECONDS = Histogram(
    "londonconnects_http_request_duration_seconds",
    "Time from a request's arrival to its response (its first byte when streamed), by view.",
    ["view"],
)
IN_PROGRESS = Gauge(
    "londonconnects_http_requests_in_progress",
    "Requests being answered now, in the processes that are alive.",
    multiprocess_mode="livesum",
)
QUERIES = Counter(
    "londonconnects_db_queries",
    "Database queries made while answering requests, by view.",
    ["view"],
)
QUERY_SECONDS = Counter(
    "londonconnects_db_query_seconds",
    "Time spent in database queries while answering requests, by view.",
    ["view"],
)


def view_name(request) -> str:
    """The name of the URL pattern that answers ``request``: resolved by Django for a request
    that reached a view, resolved here for one the anonymous page cache answered first."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return UNMATCHED
    return match.view_name or UNMATCHED


class QueryTally:
    """A database execute wrapper counting the queries of one request and their time."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - started


def measure(request, get_response):
    """Answer ``request`` with ``get_response``, counting it, its time and its queries."""
    tally = QueryTally()
    started = time.perf_counter()
    IN_PROGRESS.inc()
    try:
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(tally))
            response = get_response(request)
    finally:
        IN_PROGRESS.dec()
    view = view_name(request)
    method = request.method if request.method in METHODS else "other"
    REQUESTS.labels(view=view, method=method, status=str(response.status_code)).inc()
    REQUEST_SECONDS.labels(view=view).observe(time.perf_counter() - started)
    if tally.count:
        QUERIES.labels(view=view).inc(tally.count)
        QUERY_SECONDS.labels(view=view).inc(tally.seconds)
    return response


class SiteCollector:
    """What the database says at scrape time: the task queue and the scheduled jobs."""

    def collect(self):
        try:
            yield from self.task_queue()
            yield from self.scheduled_jobs()
        except DatabaseError:
            # The counters are still worth having while the database is away.
            logger.warning("metrics: the database did not answer", exc_info=True)

    def task_queue(self):
        tasks = GaugeMetricFamily(
            "londonconnects_tasks",
            "Background tasks in the database queue by queue and status: READY ones wait to "
            "run (the queue's depth), FAILED ones failed.",
            labels=["queue", "status"],
        )
        depth = GaugeMetricFamily(
            "londonconnects_task_queue_depth",
            "Background tasks waiting to run (status READY), by queue.",
            labels=["queue"],
        )
        oldest = GaugeMetricFamily(
            "londonconnects_task_queue_oldest_ready_age_seconds",
            "How long the task waiting longest has been in the queue (its run time reached), "
            "by queue; 0 when none waits.",
            labels=["queue"],
        )
        now = timezone.now()
        rows = (
            DBTaskResult.objects.order_by()
            .values("queue_name", "status")
            .annotate(
                count=Count("id"),
                # A task set to run later is not late yet (one to run at once is stored to run
                # after the largest date there is).
                oldest_due=Min(
                    "enqueued_at", filter=Q(run_after__lte=now) | Q(run_after=get_date_max())
                ),
            )
        )
        counts = {(queue, status): 0 for queue in self.queues() for status in TaskResultStatus}
        waiting_since = {}
        for row in rows:
            counts[row["queue_name"], row["status"]] = row["count"]
            if row["status"] == TaskResultStatus.READY and row["oldest_due"]:
                waiting_since[row["queue_name"]] = row["oldest_due"]
        for (queue, status), count in sorted(counts.items()):
            tasks.add_metric([queue, str(status)], count)
            if status == TaskResultStatus.READY:
                depth.add_metric([queue], count)
                since = waiting_since.get(queue)
                oldest.add_metric([queue], (now - since).total_seconds() if since else 0)
        yield from (tasks, depth, oldest)

    @staticmethod
    def queues() -> set[str]:
        from django_tasks import DEFAULT_TASK_QUEUE_NAME

        return {DEFAULT_TASK_QUEUE_NAME}

    def scheduled_jobs(self):
        last_success = GaugeMetricFamily(
            "londonconnects_scheduled_job_last_success_timestamp_seconds",
            "When each scheduled job (settings.SCHEDULE) last finished successfully, as a Unix "
            "time; 0 if it never has.",
            labels=["job"],
        )
        last_failure = GaugeMetricFamily(
            "londonconnects_scheduled_job_last_failure_timestamp_seconds",
            "When each scheduled job last failed, as a Unix time; 0 if it never has.",
            labels=["job"],
        )
        runs = {
            row["job"]: row
            for row in JobRun.objects.order_by()
            .values("job")
            .annotate(
                succeeded=Max("finished_at", filter=Q(outcome=JobRun.Outcome.OK)),
                failed=Max("finished_at", filter=Q(outcome=JobRun.Outcome.FAILED)),
            )
        }
        for job in sorted(set(settings.SCHEDULE) | set(runs)):
            row = runs.get(job, {})
            for family, field in ((last_success, "succeeded"), (last_failure, "failed")):
                finished = row.get(field)
                family.add_metric([job], finished.timestamp() if finished else 0)
        yield from (last_success, last_failure)


def registry(multiprocess_dir: str | None = None):
    """What one scrape reports: every process's counters (or this process's, outside
    multiprocess mode) and what the database says now."""
    multiprocess_dir = multiprocess_dir or os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    scrape = CollectorRegistry(auto_describe=False)
    if multiprocess_dir:
        MultiProcessCollector(scrape, path=multiprocess_dir)
    else:
        scrape.register(ThisProcess())
    scrape.register(SiteCollector())
    return scrape


class ThisProcess:
    """The process's own registry (its counters, and its CPU, memory and garbage collector),
    as one collector of a scrape's registry."""

    def collect(self):
        return REGISTRY.collect()


def may_scrape(request) -> bool:
    """A bearer token equal to METRICS_TOKEN, or a client in METRICS_ALLOWED_NETWORKS."""
    token = settings.METRICS_TOKEN
    if token:
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode(), token.encode()
        ):
            return True
    if settings.METRICS_ALLOWED_NETWORKS:
        try:
            address = ipaddress.ip_address(client_address(request))
        except ValueError:
            return False
        return any(
            address in ipaddress.ip_network(network, strict=False)
            for network in settings.METRICS_ALLOWED_NETWORKS
        )
    return False


@never_cache
def metrics(request):
    """The metrics for a trusted scraper; for anyone else the site's 404, as for a page that
    does not exist."""
    if not may_scrape(request):
        raise Http404
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
