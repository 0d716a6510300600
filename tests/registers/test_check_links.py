"""``manage.py check_links`` against a local HTTP server: never the internet."""

import asyncio
import io
import ipaddress
import itertools
import socket
import threading
import time
from datetime import timedelta

import httpcore
import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from django.utils import timezone
from pytest_httpserver import HTTPServer
from werkzeug import Response

from contacts.models import ContactLink
from eindex.models import Link
from funding.models import FundingSource
from partners.models import Group, Organisation
from projects.models import ProjectLink
from registers import linkcheck
from tests.factories import (
    ContactLinkFactory,
    GroupFactory,
    LinkFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectLinkFactory,
)

pytestmark = pytest.mark.django_db
SLOW_SECONDS = 3


class Site:
    """A local web site with one page per outcome, recording when requests arrive and how
    many are in flight at once."""

    def __init__(self, server: HTTPServer):
        self.server = server
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0
        self.starts: list[tuple[str, float]] = []
        self.hosts: list[str] = []  # each request's Host header
        for path, status in [("/ok", 200), ("/missing", 404), ("/error", 500)]:
            self.route(path, lambda status=status: Response("page", status=status))
        self.route("/moved", lambda: Response("", 301, {"Location": self.url("/ok")}))
        self.route("/loop", lambda: Response("", 302, {"Location": self.url("/loop")}))
        self.route("/slow", self.slow)

    def route(self, path, respond):
        def handler(request):
            with self.lock:
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
                self.starts.append((request.path, time.monotonic()))
                self.hosts.append(request.headers.get("Host"))
            try:
                time.sleep(0.05)  # long enough for overlapping requests to show
                return respond()
            finally:
                with self.lock:
                    self.in_flight -= 1

        self.server.expect_request(path).respond_with_handler(handler)

    @staticmethod
    def slow():
        time.sleep(SLOW_SECONDS)
        return Response("at last")

    def url(self, path):
        return self.server.url_for(path)

    def requested(self, path) -> int:
        return sum(1 for requested, _ in self.starts if requested == path)


@pytest.fixture(autouse=True)
def only_local_addresses(monkeypatch, settings):
    """The reference data give the 33 authorities their real web sites: blank them, and fail
    any test that would send the checker beyond this machine (whose pages it may fetch)."""
    settings.LINK_CHECK_ALLOW_PRIVATE = True
    Organisation.objects.update(website="")
    real = linkcheck.check_addresses

    def guarded(addresses, **options):
        addresses = list(addresses)
        beyond = [a for a in addresses if not a.startswith(("http://127.0.0.1:", "http://[::1"))]
        assert not beyond, f"a test would reach the internet: {beyond}"
        return real(addresses, **options)

    monkeypatch.setattr("registers.management.commands.check_links.check_addresses", guarded)


REAL_GETADDRINFO = asyncio.BaseEventLoop.getaddrinfo
REAL_CONNECT_TCP = httpcore.AnyIOBackend.connect_tcp


class NameServer:
    """The tests' DNS: a name answers what a test gave it (one answer after another, the last
    repeated), an address literal answers itself, any other name is unknown."""

    def __init__(self):
        self.answers: dict[str, list[list[str]]] = {}
        self.lookups: list[str] = []

    def add(self, name, *answers):
        self.answers[name] = [list(addresses) for addresses in answers]

    async def getaddrinfo(self, loop, host, port, *args, **kwargs):
        host = host.decode() if isinstance(host, bytes) else host
        try:
            ipaddress.ip_address(host)
        except ValueError:
            self.lookups.append(host)
            if host not in self.answers:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
            answers = self.answers[host]
            addresses = answers.pop(0) if len(answers) > 1 else answers[0]
            return [
                (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0))
                if ":" in address
                else (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
                for address in addresses
            ]
        return await REAL_GETADDRINFO(loop, host, port, *args, **kwargs)


@pytest.fixture(autouse=True)
def dns(monkeypatch):
    """No test asks a real name server."""
    server = NameServer()

    async def getaddrinfo(loop, *args, **kwargs):
        return await server.getaddrinfo(loop, *args, **kwargs)

    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", getaddrinfo)
    return server


class RecordingStream(httpcore.AsyncMockStream):
    """A canned answer from a public server, remembering the name TLS was started for."""

    def __init__(self, answer: bytes):
        super().__init__([answer])
        self.tls_server_hostname = None

    async def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        self.tls_server_hostname = server_hostname
        return self


class Connections(list):
    """The host of every connection the checker opened. Only a loopback address literal is
    really connected to (the local test server); a public address a test gave an answer
    gets that canned answer; anything else is refused here, so no test reaches the network."""

    def __init__(self):
        super().__init__()
        self.answers: dict[str, RecordingStream] = {}

    def serve(self, address, answer: bytes) -> RecordingStream:
        self.answers[address] = RecordingStream(answer)
        return self.answers[address]

    async def connect_tcp(self, backend, host, port, **options):
        self.append(host)
        if host in ("127.0.0.1", "::1"):
            return await REAL_CONNECT_TCP(backend, host, port, **options)
        if host in self.answers:
            return self.answers[host]
        raise httpcore.ConnectError(f"the tests open no connection to {host}")


@pytest.fixture(autouse=True)
def connections(monkeypatch):
    made = Connections()

    async def connect_tcp(backend, *args, **kwargs):
        return await made.connect_tcp(backend, *args, **kwargs)

    monkeypatch.setattr(httpcore.AnyIOBackend, "connect_tcp", connect_tcp)
    return made


@pytest.fixture
def site():
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield Site(server)
    finally:
        server.clear()
        server.stop()


def check(*args):
    out = io.StringIO()
    call_command("check_links", "--timeout", "1.5", "--host-interval", "0", *args, stdout=out)
    return out.getvalue()


def reload(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


def test_records_the_outcome_of_every_kind_of_link(site):
    ok = LinkFactory(url=site.url("/ok"))
    moved = LinkFactory(url=site.url("/moved"))
    missing = ProjectLinkFactory(url=site.url("/missing"))
    erroring = OrganisationFactory(website=site.url("/error"))
    slow = ContactLinkFactory(url=site.url("/slow"))
    looping = GroupFactory(website=site.url("/loop"))

    output = check()

    ok, moved, missing = reload(ok), reload(moved), reload(missing)
    erroring, slow, looping = reload(erroring), reload(slow), reload(looping)
    assert (ok.last_status, ok.failing_since, ok.is_redirected) == (200, None, False)
    assert (moved.last_status, moved.final_url) == (200, site.url("/ok"))
    assert moved.is_redirected and moved.failing_since is None
    assert missing.last_status == 404 and missing.failing_since is not None
    assert erroring.last_status == 500 and erroring.failing_since is not None
    assert slow.last_status is None and slow.last_error == "No answer within 1.5 seconds"
    assert slow.failing_since is not None
    assert looping.last_status is None and "redirects" in looping.last_error
    assert all(x.last_checked_at for x in (ok, moved, missing, erroring, slow, looping))
    assert "Checked 6 addresses (6 links)" in output
    assert "2 working (1 redirected), 4 failing" in output


def test_an_address_used_in_many_places_is_fetched_once_and_recorded_on_each(site):
    address = site.url("/missing")
    link = LinkFactory(url=address)
    organisation = OrganisationFactory(website=address)
    project_link = ProjectLinkFactory(url=address)

    check()

    assert site.requested("/missing") == 1
    assert {reload(x).last_status for x in (link, organisation, project_link)} == {404}


def test_only_published_links_are_checked(site):
    LinkFactory(url=site.url("/ok"), publication_status="draft")
    ProjectLinkFactory(url=site.url("/missing"), project=ProjectFactory())  # a draft project
    OrganisationFactory(website="")

    output = check()

    assert site.starts == []
    assert "Checked 0 addresses" in output


def test_failing_since_keeps_the_first_failure_and_clears_on_recovery(site, settings):
    settings.LINK_BROKEN_AFTER_DAYS = 7
    first_failed = timezone.now() - timedelta(days=10)
    still_broken = LinkFactory(url=site.url("/missing"), failing_since=first_failed)
    recovered = LinkFactory(url=site.url("/ok"), failing_since=first_failed)

    check()

    still_broken, recovered = reload(still_broken), reload(recovered)
    assert still_broken.failing_since == first_failed
    assert still_broken.is_possibly_out_of_date
    assert recovered.failing_since is None and not recovered.is_possibly_out_of_date


def test_broken_links_are_kept_and_checking_is_not_an_edit(site):
    link = LinkFactory(url=site.url("/missing"))
    versions, updated_at = link.history.count(), link.updated_at

    output = check()

    link = reload(link)
    assert link.history.count() == versions
    assert link.updated_at == updated_at
    assert link.publication_status == "published"
    assert "failing: " + site.url("/missing") + " (HTTP 404)" in output


def test_one_host_gets_one_request_at_a_time(site):
    for number in range(4):
        LinkFactory(url=site.url(f"/ok?page={number}"))
    call_command("check_links", "--parallel", "4", "--host-interval", "0", stdout=io.StringIO())

    assert len(site.starts) == 4
    assert site.most_in_flight == 1


def test_requests_to_one_host_start_at_least_the_interval_apart():
    """Timed where each request leaves the client; one parallel slot shared with other hosts,
    so a wait for a free slot must not eat into a host's pause."""
    starts = {}

    async def handler(request):
        starts.setdefault(request.url.host, []).append(time.monotonic())
        # The other hosts hold the one slot for longer than the pause, in all.
        await asyncio.sleep(0.01 if request.url.host == "one.example.org" else 0.05)
        return httpx.Response(200)

    addresses = [f"https://one.example.org/{number}" for number in range(4)]
    addresses += [f"https://other{number}.example.org/" for number in range(10)]
    linkcheck.check_addresses(
        addresses, parallel=1, host_interval=0.2, transport=httpx.MockTransport(handler)
    )

    one = starts["one.example.org"]
    assert len(one) == 4
    # Arrival times jitter on a busy machine; without the pause the gaps are ~0.01 s.
    assert all(later - earlier >= 0.15 for earlier, later in itertools.pairwise(one))


def test_parallel_requests_across_hosts_are_bounded():
    """Many hosts, --parallel 3: requests overlap, but never more than three at once."""
    in_flight = most = 0

    async def handler(request):
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.02)
        in_flight -= 1
        return httpx.Response(200)

    addresses = [f"https://host{number}.example.org/" for number in range(12)]
    outcomes = linkcheck.check_addresses(
        addresses, parallel=3, host_interval=0, transport=httpx.MockTransport(handler)
    )

    assert [o.status for o in outcomes] == [200] * 12
    assert 1 < most <= 3


def test_a_refused_connection_is_recorded_not_raised():
    outcomes = linkcheck.check_addresses(
        ["http://127.0.0.1:9/"], timeout=2, host_interval=0, allow_private=True
    )

    assert outcomes[0].status is None and outcomes[0].error == "Could not connect"


def test_the_command_fails_only_on_its_own_failure(monkeypatch):
    def broken_database(models):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(
        "registers.management.commands.check_links.addresses_to_check", broken_database
    )

    with pytest.raises(CommandError, match="Could not read the links"):
        call_command("check_links", stdout=io.StringIO())


def test_every_model_with_a_public_hyperlink_is_checked():
    from registers.links import link_models

    assert set(link_models()) == {
        Link,
        ProjectLink,
        ContactLink,
        Organisation,
        Group,
        FundingSource,
    }


def test_private_and_local_addresses_are_not_fetched_unless_allowed(site, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    link = LinkFactory(url=site.url("/ok"))

    check()

    link = reload(link)
    assert site.starts == []
    assert link.last_error == "Not checked: a private or local address"
    assert link.failing_since is not None


def test_a_redirect_into_a_private_network_is_refused():
    seen = []

    def handler(request):
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/"})

    outcomes = linkcheck.check_addresses(
        ["https://public.example.org/"], host_interval=0, transport=httpx.MockTransport(handler)
    )

    assert seen == ["https://public.example.org/"]
    assert outcomes[0].error == "Not checked: a private or local address"


@pytest.mark.parametrize(
    ("host", "private"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("192.168.0.10", True),
        ("[::1]", True),
        ("intranet.internal", True),
        ("www.gov.uk", False),
        ("8.8.8.8", False),
    ],
)
def test_what_counts_as_private(host, private):
    assert linkcheck.is_private_host(host) is private


def test_an_address_held_by_many_rows_is_written_once_per_row(site):
    address = site.url("/missing")
    links = [LinkFactory(url=address), LinkFactory(url=address)]
    ProjectLinkFactory(url=address)

    output = check()

    assert site.requested("/missing") == 1
    assert "Checked 1 addresses (3 links)" in output
    assert {reload(link).last_status for link in links} == {404}


def test_an_address_that_cannot_be_fetched_is_recorded_and_the_run_succeeds(site):
    odd = LinkFactory(url="http://[::1/broken")  # saved past the form's validation
    fine = LinkFactory(url=site.url("/ok"))

    check()  # raises on a non-zero exit

    assert reload(odd).failing_since is not None
    assert reload(odd).last_error
    assert reload(fine).last_status == 200


def test_an_unexpected_error_on_one_address_spares_the_others():
    def handler(request):
        if request.url.host == "odd.example.org":
            raise RuntimeError("something nobody expected")
        return httpx.Response(200)

    outcomes = linkcheck.check_addresses(
        ["https://odd.example.org/", "https://fine.example.org/"],
        host_interval=0,
        transport=httpx.MockTransport(handler),
    )

    assert outcomes[0].error == "Could not check (RuntimeError)"
    assert outcomes[1].status == 200


def test_only_a_real_redirect_counts_as_one():
    def handler(request):
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "https://example.org/new"})
        return httpx.Response(200)

    plain, moved = linkcheck.check_addresses(
        ["https://EXAMPLE.org/a page", "https://example.org/old"],
        host_interval=0,
        transport=httpx.MockTransport(handler),
    )

    assert plain.final_url == ""
    assert moved.final_url == "https://example.org/new"


PUBLIC = "93.184.215.14"
OK = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"


@pytest.mark.parametrize(
    "addresses",
    [
        ["127.0.0.1"],
        ["10.0.0.5"],
        ["169.254.169.254"],
        ["::1"],
        ["::ffff:10.0.0.5"],
        [PUBLIC, "10.0.0.5"],
        ["10.0.0.5", PUBLIC],
    ],
)
def test_a_public_name_for_a_private_address_is_not_fetched(site, dns, connections, addresses):
    """The attack: an officer's link names a host whose DNS answer points inside our network
    (here at the local test server's own port, so a fetch would show)."""
    dns.add("intranet.example.org", addresses)
    connections.serve(PUBLIC, OK)
    port = site.server.port

    [outcome] = linkcheck.check_addresses(
        [f"http://intranet.example.org:{port}/ok"], host_interval=0
    )

    assert outcome.error == "Not checked: a private or local address"
    assert connections == []
    assert site.starts == []


def test_a_redirect_to_a_name_for_a_private_address_is_refused(site, dns, connections):
    dns.add("public.example.org", [PUBLIC])
    dns.add("intranet.example.org", ["127.0.0.1"])
    port = site.server.port
    connections.serve(
        PUBLIC,
        b"HTTP/1.1 302 Found\r\nLocation: http://intranet.example.org:%d/ok\r\n"
        b"Content-Length: 0\r\n\r\n" % port,
    )

    [outcome] = linkcheck.check_addresses(["http://public.example.org/"], host_interval=0)

    assert outcome.error == "Not checked: a private or local address"
    assert connections == [PUBLIC]
    assert site.starts == []


def test_the_connection_goes_to_the_address_checked_and_asks_for_the_name(site, dns, connections):
    dns.add("public.example.test", ["127.0.0.1"])
    port = site.server.port

    [outcome] = linkcheck.check_addresses(
        [f"http://public.example.test:{port}/ok"], host_interval=0, allow_private=True
    )

    assert outcome.status == 200
    assert connections == ["127.0.0.1"]
    assert site.hosts == [f"public.example.test:{port}"]


def test_a_name_answering_differently_later_is_still_connected_to_where_it_was_checked(
    site, dns, connections
):
    """DNS rebinding: the name answers a public address to the check and a private one to
    any later question; the connection must go to the address checked."""
    dns.add("rebind.example.org", [PUBLIC], ["127.0.0.1"])
    connections.serve(PUBLIC, OK)
    port = site.server.port

    [outcome] = linkcheck.check_addresses([f"http://rebind.example.org:{port}/ok"], host_interval=0)

    assert outcome.status == 200
    assert dns.lookups == ["rebind.example.org"]
    assert connections == [PUBLIC]
    assert site.starts == []


def test_tls_is_verified_for_the_name_not_the_address(dns, connections):
    dns.add("secure.example.org", [PUBLIC])
    server = connections.serve(PUBLIC, OK)

    [outcome] = linkcheck.check_addresses(["https://secure.example.org/"], host_interval=0)

    assert outcome.status == 200
    assert connections == [PUBLIC]
    assert server.tls_server_hostname == "secure.example.org"


def test_a_name_that_does_not_resolve_is_recorded_as_not_connecting(connections):
    [outcome] = linkcheck.check_addresses(["https://nowhere.example.org/"], host_interval=0)

    assert outcome.error == "Could not connect"
    assert connections == []


def test_every_checked_address_of_a_name_is_tried_in_turn(dns, connections):
    dns.add("twice.example.org", ["93.184.215.15", PUBLIC])
    connections.serve(PUBLIC, OK)

    [outcome] = linkcheck.check_addresses(["http://twice.example.org/"], host_interval=0)

    assert outcome.status == 200
    assert connections == ["93.184.215.15", PUBLIC]


@pytest.mark.parametrize(
    ("address", "public"),
    [
        (PUBLIC, True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.0.0.5", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),  # noqa: S104 - an address to classify, not to bind
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:10.0.0.5", False),
        ("64:ff9b::a00:5", False),  # NAT64 for 10.0.0.5
        ("2002:a00:5::", False),  # 6to4 for 10.0.0.5
        ("224.0.0.1", False),
    ],
)
def test_what_counts_as_a_public_address(address, public):
    assert linkcheck.is_public_address(address) is public
