"""Checking many hyperlinks at once, politely, with httpx.

``check_addresses`` fetches each address once: at most ``parallel`` requests in flight, one
at a time to any one host with ``host_interval`` seconds between the starts of its requests,
each request bounded by ``timeout`` seconds in total, redirects followed. It only reads the
status line and headers, never the body. Unless ``allow_private``, it refuses to send a
request (first or redirected) to a loopback, private or link-local address: the addresses come
from partner officers, and the checker runs inside our network. Recording the outcome is
``record_outcomes``.
"""

import asyncio
import ipaddress
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


class PrivateAddressError(Exception):
    pass


def is_private_host(host: str) -> bool:
    """A host name or address literal that points inside a network, not at the public web.
    (Names are not resolved: that would be a DNS query per link for little gain.)"""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        return not ipaddress.ip_address(host.strip("[]")).is_global
    except ValueError:
        return False


async def refuse_private_addresses(request: httpx.Request) -> None:
    if is_private_host(request.url.host):
        raise PrivateAddressError(request.url.host)


@dataclass(frozen=True)
class Outcome:
    address: str
    status: int | None = None
    final_url: str = ""  # where redirects ended; empty when there were none
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


class _HostPacer:
    """One request at a time per host, and at least ``interval`` seconds between the starts
    of its requests."""

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

    def started(self, host: str) -> None:
        self.last_start[host] = time.monotonic()


async def _check_one(client, address, *, timeout, pacer, slots) -> Outcome:
    try:
        host = (urlsplit(address).hostname or "").lower()
        async with pacer.lock(host):
            await pacer.wait_turn(host)
            async with slots:
                # Timed from the real start: a wait for a free slot must not eat the pause.
                pacer.started(host)
                return await _fetch(client, address, timeout)
    except Exception as error:  # noqa: BLE001 - one odd address must not end the run
        return Outcome(address, error=f"Could not check ({type(error).__name__})")


async def _fetch(client, address, timeout) -> Outcome:
    try:
        async with asyncio.timeout(timeout):
            async with client.stream("GET", address) as response:
                final_url = str(response.url) if response.history else ""
                return Outcome(address, response.status_code, final_url)
    except (TimeoutError, httpx.TimeoutException):
        return Outcome(address, error=f"No answer within {timeout:g} seconds")
    except httpx.TooManyRedirects:
        return Outcome(address, error=f"More than {MAX_REDIRECTS} redirects")
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError):
        return Outcome(address, error="Not a web address that can be fetched")
    except httpx.ConnectError:
        return Outcome(address, error="Could not connect")
    except PrivateAddressError:
        return Outcome(address, error="Not checked: a private or local address")
    except httpx.HTTPError as error:
        return Outcome(address, error=type(error).__name__)


async def _check_all(addresses, *, timeout, parallel, host_interval, allow_private, transport):
    slots = asyncio.Semaphore(parallel)
    pacer = _HostPacer(host_interval)
    async with httpx.AsyncClient(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(timeout),
        limits=httpx.Limits(max_connections=parallel),
        headers={"User-Agent": USER_AGENT},
        event_hooks={"request": [] if allow_private else [refuse_private_addresses]},
        transport=transport,
    ) as client:
        tasks = [
            _check_one(client, address, timeout=timeout, pacer=pacer, slots=slots)
            for address in addresses
        ]
        results = await asyncio.gather(*tasks, return_exceptions=True)
    return [
        result
        if isinstance(result, Outcome)
        else Outcome(address, error=f"Could not check ({type(result).__name__})")
        for address, result in zip(addresses, results, strict=True)
    ]


def check_addresses(
    addresses,
    *,
    timeout=10.0,
    parallel=8,
    host_interval=1.0,
    allow_private=False,
    transport=None,
) -> list[Outcome]:
    return asyncio.run(
        _check_all(
            list(addresses),
            timeout=timeout,
            parallel=parallel,
            host_interval=host_interval,
            allow_private=allow_private,
            transport=transport,
        )
    )


def addresses_to_check(models: list[type[LinkHealth]]) -> dict[str, set[type[LinkHealth]]]:
    """Each distinct published address, with the models that hold it."""
    holders: dict[str, set[type[LinkHealth]]] = defaultdict(set)
    for model in models:
        field = model.checked_url_field
        # order_by(): a model's default ordering would otherwise join the DISTINCT.
        rows = model.published_links().order_by().values_list(field, flat=True).distinct()
        for address in rows:
            holders[address].add(model)
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
