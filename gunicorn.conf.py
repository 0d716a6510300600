"""gunicorn's settings, read from the working directory whatever starts it (the Docker image,
bench/run.sh, the fault drill); options given on the command line override these."""

import gc
import os

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
