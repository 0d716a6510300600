"""Checking many hyperlinks at once, politely, with httpx.

``check_addresses`` fetches each address once: at most ``parallel`` requests in flight, one
at a time to any one host with ``host_interval`` seconds between the starts of its requests,
each request bounded by ``timeout`` seconds in total, redirects followed. It only reads the
status line and headers, never the body. Recording the outcome is ``record_outcomes``.

The addresses come from partner officers, and the checker runs inside our network: unless
``allow_private``, it fetches nothing (first request or redirect) from a host that is, or whose
name resolves to, any loopback, private or link-local address. The name is resolved once, when
the connection is opened, and the connection goes to the very address checked, so a name
server answering differently a moment later (DNS rebinding) cannot steer it elsewhere; TLS
still verifies the certificate against the name.
"""

import asyncio
import ipaddress
import socket
import time
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
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


# The IPv6 prefix that carries an IPv4 address in its last 32 bits (NAT64, RFC 6052).
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public_address(address: str) -> bool:
    """An IP address on the public internet: not loopback, private, link-local, shared or
    multicast, nor an IPv6 form (mapped, 6to4, NAT64) of an IPv4 address that is."""
    ip = ipaddress.ip_address(address)
    if not ip.is_global or ip.is_multicast:
        return False
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(str(embedded))
    return True


def is_private_host(host: str) -> bool:
    """A host name or address literal that plainly points inside a network, refused before
    any name is looked up. Names that merely resolve inside are refused on connecting."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        return not is_public_address(host.strip("[]"))
    except ValueError:
        return False


async def refuse_private_addresses(request: httpx.Request) -> None:
    if is_private_host(request.url.host):
        raise PrivateAddressError(request.url.host)


async def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order, each once."""
    try:
        answers = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:  # socket.gaierror: no such name, or no name server
        raise httpcore.ConnectError(f"Could not resolve {host}: {error}") from error
    return list(dict.fromkeys(sockaddr[0] for *_, sockaddr in answers))


class CheckedNetworkBackend(httpcore.AsyncNetworkBackend):
    """Opens each connection to an address resolved and checked here, never to a name that
    would be resolved again behind the check. httpcore starts TLS afterwards with the URL's
    host as ``server_hostname``, so the certificate is still verified against the name."""

    def __init__(self, *, allow_private: bool):
        self.allow_private = allow_private
        self.backend = httpcore.AnyIOBackend()

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = await resolve(host, port)
        # Any private answer refuses the name: a resolver may hand out its answers in any order.
        if not self.allow_private and not all(map(is_public_address, addresses)):
            raise PrivateAddressError(host)
        failure = httpcore.ConnectError(f"{host} resolves to no address")
        for address in addresses:
            try:
                return await self.backend.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as error:
                failure = error
        raise failure

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("The link checker connects over TCP only")

    async def sleep(self, seconds):
        await self.backend.sleep(seconds)


class CheckedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, opening its connections through a ``CheckedNetworkBackend``."""

    def __init__(self, *, limits: httpx.Limits, allow_private: bool):
        super().__init__(limits=limits)
        # httpx 0.28 has no argument for a network backend (encode/httpx#3749 proposes one):
        # the transport sends every request through ``_pool``, so give it a pool built with ours.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=CheckedNetworkBackend(allow_private=allow_private),
        )


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
    limits = httpx.Limits(max_connections=parallel)
    async with httpx.AsyncClient(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": USER_AGENT},
        event_hooks={"request": [] if allow_private else [refuse_private_addresses]},
        transport=transport or CheckedTransport(limits=limits, allow_private=allow_private),
        # A proxy from the environment would resolve names itself, out of the check's sight.
        trust_env=False,
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
