"""Checking many hyperlinks at once, politely, with httpx.

``check_addresses`` fetches each address once: at most ``parallel`` requests in flight, one
at a time to any one host with ``host_interval`` seconds between the starts of its requests,
each request bounded by ``timeout`` seconds in total, redirects followed. It only reads the
status line and headers, never the body. Recording the outcome is ``record_outcomes``.
"""

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from django.db import transaction
from django.db.models import DateTimeField, F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .links import LinkHealth

USER_AGENT = "LondonConnects-link-checker/1.0 (+https://www.londonconnects.gov.uk/about/)"
MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Outcome:
    address: str
    status: int | None = None
    final_url: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


class _HostPacer:
    """One request at a time per host, and a pause between the starts of its requests."""

    def __init__(self, interval: float):
        self.interval = interval
        self.locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.last_start: dict[str, float] = {}

    def lock(self, host: str) -> asyncio.Lock:
        return self.locks[host]

    async def wait_turn(self, host: str) -> None:
        last = self.last_start.get(host)
        if last is not None:
            pause = last + self.interval - time.monotonic()
            if pause > 0:
                await asyncio.sleep(pause)
        self.last_start[host] = time.monotonic()


async def _check_one(client, address, *, timeout, pacer, slots) -> Outcome:
    host = (urlsplit(address).hostname or "").lower()
    async with pacer.lock(host):
        await pacer.wait_turn(host)
        async with slots:
            try:
                async with asyncio.timeout(timeout):
                    async with client.stream("GET", address) as response:
                        return Outcome(address, response.status_code, str(response.url))
            except (TimeoutError, httpx.TimeoutException):
                return Outcome(address, error=f"No answer within {timeout:g} seconds")
            except httpx.TooManyRedirects:
                return Outcome(address, error=f"More than {MAX_REDIRECTS} redirects")
            except (httpx.InvalidURL, httpx.UnsupportedProtocol):
                return Outcome(address, error="Not a web address that can be fetched")
            except httpx.ConnectError:
                return Outcome(address, error="Could not connect")
            except httpx.HTTPError as error:
                return Outcome(address, error=type(error).__name__)


async def _check_all(addresses, *, timeout, parallel, host_interval, transport):
    slots = asyncio.Semaphore(parallel)
    pacer = _HostPacer(host_interval)
    async with httpx.AsyncClient(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(timeout),
        limits=httpx.Limits(max_connections=parallel),
        headers={"User-Agent": USER_AGENT},
        transport=transport,
    ) as client:
        tasks = [
            _check_one(client, address, timeout=timeout, pacer=pacer, slots=slots)
            for address in addresses
        ]
        return await asyncio.gather(*tasks)


def check_addresses(
    addresses, *, timeout=10.0, parallel=8, host_interval=1.0, transport=None
) -> list[Outcome]:
    return asyncio.run(
        _check_all(
            list(addresses),
            timeout=timeout,
            parallel=parallel,
            host_interval=host_interval,
            transport=transport,
        )
    )


def addresses_to_check(models: list[type[LinkHealth]]) -> dict[str, list[type[LinkHealth]]]:
    """Each distinct published address, with the models that hold it."""
    holders: dict[str, list[type[LinkHealth]]] = defaultdict(list)
    for model in models:
        field = model.checked_url_field
        for address in model.published_links().values_list(field, flat=True).distinct():
            holders[address].append(model)
    return holders


def record_outcomes(outcomes: list[Outcome], holders) -> int:
    """Write each outcome onto every published row holding that address; rows changed.

    A set-based UPDATE: no history version and no ``updated_at`` bump for what a robot found,
    so an officer's open edit form is not made stale by a check.
    """
    now = timezone.now()
    changed = 0
    with transaction.atomic():
        for outcome in outcomes:
            values = {
                "last_checked_at": now,
                "last_status": outcome.status,
                "last_error": outcome.error,
                "final_url": outcome.final_url[:500],
                "failing_since": None
                if outcome.ok
                else Coalesce(F("failing_since"), Value(now, output_field=DateTimeField())),
            }
            for model in holders[outcome.address]:
                rows = model.published_links().filter(**{model.checked_url_field: outcome.address})
                changed += model._default_manager.filter(pk__in=rows.values("pk")).update(**values)
    return changed
