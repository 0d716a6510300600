"""gunicorn.conf.py, which every gunicorn started from the repository reads (never started
here)."""

import gc
import os
import runpy
from pathlib import Path
from types import SimpleNamespace

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


def test_gunicorn_makes_a_folder_for_the_workers_metrics_when_none_is_set(monkeypatch):
    """Set in the master before the workers fork, so every worker writes there and /metrics
    adds them up; removed when gunicorn stops."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")
    config = runpy.run_path(str(CONF))

    config["on_starting"](server=None)
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    assert folder.is_dir()
    assert not any(folder.iterdir())

    config["on_exit"](server=None)
    assert not folder.exists()
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ


def test_a_given_metrics_folder_is_emptied_of_an_earlier_runs_counts(monkeypatch, tmp_path):
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "counter_4242.db").write_bytes(b"earlier")
    (folder / "notes.txt").write_text("not ours")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))
    config = runpy.run_path(str(CONF))

    config["on_starting"](server=None)
    config["on_exit"](server=None)

    assert sorted(path.name for path in folder.iterdir()) == ["notes.txt"]
    assert os.environ["PROMETHEUS_MULTIPROC_DIR"] == str(folder)  # the operator's: kept


def test_a_worker_that_ends_no_longer_counts_in_the_live_gauges(monkeypatch, tmp_path):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    for name in ("counter_4242.db", "gauge_livesum_4242.db", "gauge_livesum_4343.db"):
        (tmp_path / name).write_bytes(b"")

    runpy.run_path(str(CONF))["child_exit"](server=None, worker=SimpleNamespace(pid=4242))

    # Its counts stay in the sums; its requests in progress do not.
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "counter_4242.db",
        "gauge_livesum_4343.db",
    ]
