"""Rate limits that hold under concurrency, in the database every process shares.

A limit is "at most ``limit`` in each fixed window of ``window``" under a key. ``take`` counts
one use only while the window's count is below the limit, with a single conditional UPDATE:
the database serialises concurrent requests on the row, so twenty posts at once never make
eleven against a limit of ten. Called inside a transaction, the count is part of it: an action
that fails and rolls back gives its use back. (Django's database cache has no atomic
increment, so the cache cannot do this where Redis is not set up.)
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Throttle

# Rows of windows older than this are deleted whenever a new window starts.
KEEP = timedelta(days=1)


def _window_start(window: timedelta, now: datetime) -> datetime:
    seconds = int(window.total_seconds())
    return datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=now.tzinfo)


def take(key: str, *, limit: int, window: timedelta) -> bool:
    """Count one use of ``key``; False, counting nothing, when the window's limit is reached."""
    now = timezone.now()
    start = _window_start(window, now)
    with transaction.atomic():
        _row, created = Throttle.objects.get_or_create(key=key, window_start=start)
        if created:
            Throttle.objects.filter(window_start__lt=now - max(KEEP, window)).delete()
        counted = Throttle.objects.filter(key=key, window_start=start, hits__lt=limit).update(
            hits=F("hits") + 1
        )
    return counted == 1


def used(key: str, *, window: timedelta) -> int:
    """How many uses ``key`` has had in the current window."""
    start = _window_start(window, timezone.now())
    row = Throttle.objects.filter(key=key, window_start=start).values_list("hits", flat=True)
    return row.first() or 0
