"""Reads to a streaming replica where a moment's lag cannot matter; everything else to the primary.

``DATABASE_REPLICA_URLS`` adds the aliases ``replica_0``, ``replica_1``, ... (settings.py).
``ReplicaReadsMiddleware`` decides, once per request, whether its reads may go to one:

- a GET or HEAD outside the admin and the sign-in pages (public pages, register lists and
  entries, exports, feeds, the API, the site search) may, and nothing else: every write, every
  admin request and every read outside a request (commands, tasks, the scheduler) goes to the
  primary;
- a visitor whose own request wrote (a POST that saved something) carries a signed cookie for
  ``DATABASE_READ_YOUR_WRITES_SECONDS``, and their reads go to the primary until it lapses: an
  officer sees their save at once, whatever the replica's lag;
- within a request, a read after a write, and every read inside ``transaction.atomic``, goes
  to the primary;
- the session and the database cache are always read from the primary (a fresh sign-in, a new
  data version).

A replica that does not answer (a short ``connect_timeout``, or a failed first query) is left
alone for ``DATABASE_REPLICA_RETRY_SECONDS`` and the primary serves in its place; so does
one that has not yet replayed the latest change to register data (pages are cached by data
version, and must not be rendered from older rows).
"""

import contextvars
import logging
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections

from registers.cache import PRIMARY_POSITION_KEY

logger = logging.getLogger(__name__)

PRIMARY = "default"
# Always read from the primary: sessions (a sign-in a moment ago) and the database cache (its
# data version decides whether a cached page is current).
PRIMARY_ONLY_APPS = {"sessions", "django_cache"}
# Requests whose reads always go to the primary.
PRIMARY_ONLY_PREFIXES = ("/admin/", "/accounts/")
COOKIE_SALT = "londonconnects.db_router.wrote"

# Replica alias -> time.monotonic() until which it is skipped, after it failed to answer.
_resting: dict[str, float] = {}


@dataclass
class RequestReads:
    """Where this request's reads go: a replica until it writes, or once the primary is
    needed."""

    may_use_replica: bool
    wrote: bool = False
    alias: str | None = None

    def read_alias(self) -> str:
        if not self.may_use_replica:
            return PRIMARY
        if self.alias is None:
            self.alias = choose_replica()
        return self.alias


_request = contextvars.ContextVar("londonconnects_request_reads", default=None)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def choose_replica() -> str:
    """A replica that answers now, else the primary."""
    candidates = replica_aliases()
    random.shuffle(candidates)
    now = time.monotonic()
    for alias in candidates:
        if _resting.get(alias, 0) > now:
            continue
        connection = connections[alias]
        try:
            # A query, not just a connection: a kept connection to a server that has gone
            # fails only when used.
            caught_up = replayed_latest_change(connection)
        except DatabaseError as error:
            _resting[alias] = now + settings.DATABASE_REPLICA_RETRY_SECONDS
            connection.close()
            logger.warning(
                "Replica %s did not answer; reading from the primary for %ss: %s",
                alias,
                settings.DATABASE_REPLICA_RETRY_SECONDS,
                error,
            )
            continue
        if caught_up:
            return alias
    return PRIMARY


def replayed_latest_change(connection) -> bool:
    """Whether the replica has replayed the latest change to register data: pages are cached
    by data version (registers.cache), and one rendered from rows older than its version
    would be kept as current."""
    position = cache.get(PRIMARY_POSITION_KEY) if connection.vendor == "postgresql" else None
    with connection.cursor() as cursor:
        if position is None:
            cursor.execute("SELECT true")
        else:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position])
        return bool(cursor.fetchone()[0])


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _request.get()
        if reads is None or model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return reads.read_alias()

    def db_for_write(self, model, **hints):
        reads = _request.get()
        if reads is not None and model._meta.app_label != "django_cache":
            # From now on this request reads what it wrote.
            reads.wrote = True
            reads.may_use_replica = False
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every replica is a copy of the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def reading_as(reads: RequestReads, chunks):
    """Each chunk of a streamed response, made with this request's reads."""
    iterator = iter(chunks)
    while True:
        token = _request.set(reads)
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        finally:
            _request.reset(token)
        yield chunk


def cookie_name() -> str:
    return "__Host-lc-primary" if settings.SESSION_COOKIE_SECURE else "lc-primary"


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_aliases():
            return self.get_response(request)
        seconds = settings.DATABASE_READ_YOUR_WRITES_SECONDS
        wrote_lately = (
            request.get_signed_cookie(
                cookie_name(), default=None, salt=COOKIE_SALT, max_age=seconds
            )
            is not None
        )
        reads = RequestReads(
            may_use_replica=request.method in ("GET", "HEAD")
            and not request.path.startswith(PRIMARY_ONLY_PREFIXES)
            and not wrote_lately
        )
        token = _request.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if response.streaming and not response.is_async:
            # Exports stream their rows after the view has returned: read them as it would.
            response.streaming_content = reading_as(reads, response.streaming_content)
        if reads.wrote and request.method not in ("GET", "HEAD", "OPTIONS"):
            # A GET that counts a download writes too, but shows the visitor nothing new.
            response.set_signed_cookie(
                cookie_name(),
                "1",
                salt=COOKIE_SALT,
                max_age=seconds,
                path="/",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
