"""Cached facet counts and result counts for register lists, shared by every worker.

Keys carry a data version that any change to register data replaces (on commit), so a
publish is seen by every process at once and nothing needs deleting. The cache is Redis or
the database (settings.CACHES), never per-process memory.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction

VERSION_KEY = "registers:data-version"
PRIMARY_POSITION_KEY = "registers:data-version:primary-position"
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
    primary = connections[DEFAULT_DB_ALIAS]
    if len(settings.DATABASES) > 1 and primary.vendor == "postgresql":
        # Streaming replicas (londonconnects.db_router): note where the primary's log stands
        # now that the change has committed. A replica that has not replayed this far would
        # render the new version's pages from older rows, and keep them; until it has, the
        # router reads from the primary.
        with primary.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            cache.set(PRIMARY_POSITION_KEY, cursor.fetchone()[0], None)
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
