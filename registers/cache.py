"""Cached facet counts and result counts for register lists, shared by every worker.

Keys carry a data version that any change to register data replaces (on commit), so a
publish is seen by every process at once and nothing needs deleting. The cache is Redis or
the database (settings.CACHES), never per-process memory.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "registers:data-version"
TIMEOUT = 60 * 60


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def data_changed() -> None:
    """Call when register data changes: cached counts and pages are recomputed after the
    commit, and the pages every visitor asks for first are warmed in the background."""
    # Robust: a cache that is down must not undo or fail a write that has committed.
    transaction.on_commit(_new_version, robust=True)


def _new_version() -> None:
    version = time.time_ns()
    cache.set(VERSION_KEY, version, None)
    if settings.WARM_PAGES_AFTER_CHANGE:
        from .tasks import warm_pages  # the task loads Django's test client: only when used

        warm_pages.enqueue(version)


def cached(kind: str, params: list[tuple[str, str]], compute):
    digest = hashlib.sha256(repr(sorted(params)).encode()).hexdigest()[:32]
    key = f"registers:{data_version()}:{kind}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def public_list_key(model) -> list[tuple[str, str]]:
    """The cache parameters of a register's unfiltered public list."""
    return [("register", model._meta.label), ("visibility", "public")]
