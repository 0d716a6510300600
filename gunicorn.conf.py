"""gunicorn's settings, read from the working directory whatever starts it (the Docker image,
bench/run.sh, the fault drill); options given on the command line override these."""

import gc
import os
import shutil
import tempfile
from pathlib import Path

# GUNICORN_WORKERS is the Docker image's knob (4 by default there and here).
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
# No access log of gunicorn's own: the app writes one JSON line per request, with its
# request id (londonconnects.middleware.RequestIdMiddleware); a second line would only
# repeat it and cost every worker a write per request.


def post_worker_init(worker):
    """Once a worker has loaded the application, set what is there (Django, every app's
    modules, models and settings: objects that live as long as the process) aside from the
    garbage collector, so a full collection no longer walks them all in the middle of a
    request. Startup's garbage is collected first rather than kept for good.

    The application loads in each worker, after the fork (there is no ``preload_app``), so
    this is the place, not ``post_fork`` (before the load) or the master's ``when_ready``.
    """
    gc.collect()
    gc.freeze()


# /metrics adds up what every worker counted (londonconnects.metrics): in prometheus_client's
# multiprocess mode each worker writes its counters to files in PROMETHEUS_MULTIPROC_DIR, and
# whichever worker answers a scrape reads them all. The folder must be empty when gunicorn
# starts; left unset, gunicorn makes one of its own for the run (set it only to choose where,
# e.g. a tmpfs, and only for gunicorn: other processes do not need it).
# Set in the environment when the folder is gunicorn's own, to be removed when it stops.
MADE_METRICS_FOLDER = "LONDONCONNECTS_MADE_METRICS_FOLDER"


def on_starting(server):
    """In the master, before any worker is forked (the workers inherit its environment)."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="londonconnects-metrics-")
        os.environ[MADE_METRICS_FOLDER] = "1"
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    # Counts of an earlier run would be added to this one's.
    for stale in Path(folder).glob("*.db"):
        stale.unlink()


def child_exit(server, worker):
    """A worker ended (recycled, or killed): its counters stay in the sums, but its
    in-progress gauge no longer counts."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if os.environ.pop(MADE_METRICS_FOLDER, None):
        shutil.rmtree(os.environ.pop("PROMETHEUS_MULTIPROC_DIR"), ignore_errors=True)
