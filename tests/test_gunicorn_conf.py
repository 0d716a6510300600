"""gunicorn.conf.py, which every gunicorn started from the repository reads (never started
here)."""

import gc
import runpy

from django.conf import settings

CONF = settings.BASE_DIR / "gunicorn.conf.py"


def test_each_worker_freezes_the_loaded_application_out_of_the_garbage_collector():
    config = runpy.run_path(str(CONF))
    gc.unfreeze()
    try:
        config["post_worker_init"](worker=None)

        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_workers_come_from_gunicorn_workers(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "7")
    assert runpy.run_path(str(CONF))["workers"] == 7

    monkeypatch.delenv("GUNICORN_WORKERS")
    assert runpy.run_path(str(CONF))["workers"] == 4
