"""Reads from a real streaming replica (londonconnects.db_router).

Needs a physical replica of the test database's PostgreSQL: .ci/run starts one with
``.ci/replica_cluster up`` (15/replica on port 5433) and runs this module with
DATABASE_REPLICA_URLS=postgres://postgres@127.0.0.1:5433/<the same name as DATABASE_URL> (the
replica alias mirrors the primary's test database, which reaches it by streaming) and
REPLICA_CLUSTER=15/replica (the last test stops and restarts it). Skipped otherwise. Every
test commits for real (transaction=True): only committed rows stream.
"""

import os
import subprocess
import time

import pytest
from django.core.cache import cache
from django.db import connections, router, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from londonconnects import db_router
from projects.models import Project
from registers.cache import PRIMARY_POSITION_KEY
from tests.factories import OrganisationFactory, PartnerOfficerFactory, PublishedProjectFactory

pytestmark = [
    pytest.mark.replica,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_REPLICA_URLS"),
        reason="needs a streaming replica in DATABASE_REPLICA_URLS (.ci/replica_cluster up)",
    ),
    # The flush after each test empties the tables the migrations fill (groups, sectors):
    # serialized_rollback puts them back.
    pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__"),
]

REPLICA = "replica_0"


@pytest.fixture(autouse=True)
def _replica_answering():
    db_router._resting.clear()
    yield
    db_router._resting.clear()


def fetch(alias: str, sql: str, params=()):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def replica_caught_up(timeout: float = 30) -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    position = fetch("default", "SELECT pg_current_wal_lsn()")
    deadline = time.monotonic() + timeout
    while not fetch(REPLICA, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position]):
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)


def reads_of(table: str, captured) -> list[str]:
    return [
        query["sql"]
        for query in captured.captured_queries
        # A SELECT, or the server-side cursor an export streams its rows through.
        if f'"{table}"' in query["sql"] and query["sql"].startswith(("SELECT", "DECLARE"))
    ]


def test_the_alias_a_public_get_reads_from_is_in_recovery():
    seen = {}

    def view(request):
        alias = router.db_for_read(Project)
        in_recovery = fetch(alias, "SELECT pg_is_in_recovery()")
        seen[f"{request.method} {request.path}"] = (alias, in_recovery)
        with transaction.atomic():
            seen["atomic"] = router.db_for_read(Project)
        return HttpResponse()

    middleware = db_router.ReplicaReadsMiddleware(view)
    middleware(RequestFactory().get("/projects/"))
    middleware(RequestFactory().get("/admin/projects/project/"))
    middleware(RequestFactory().post("/projects/"))

    assert seen["GET /projects/"] == (REPLICA, True)
    assert seen["atomic"] == "default"
    assert seen["GET /admin/projects/project/"] == ("default", False)
    assert seen["POST /projects/"] == ("default", False)
    # Outside a request (commands, tasks): the primary.
    assert router.db_for_read(Project) == "default"
    assert router.db_for_write(Project) == "default"


@pytest.mark.parametrize(
    "path",
    [
        "{detail}",
        "/projects/",
        "/projects/?format=csv",
        "/projects/feed/",
        "/api/projects/",
        "/search/?q=replica",
    ],
)
def test_public_pages_exports_feeds_the_api_and_search_read_from_the_replica(client, path):
    project = PublishedProjectFactory(title="Read from the replica", summary="A replica read.")
    replica_caught_up()

    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(path.format(detail=project.get_absolute_url()))
        # An export streams its rows after the view returns: read them here.
        body = b"".join(response.streaming_content if response.streaming else [response.content])

    assert response.status_code == 200
    assert b"Read from the replica" in body
    assert reads_of("projects_project", on_replica), (
        on_primary.captured_queries,
        on_replica.captured_queries,
    )
    assert not reads_of("projects_project", on_primary)


def test_an_officer_sees_their_save_at_once_while_the_replica_lags(client, staff_login):
    Tag.objects.create(name="customer relationship management")
    newham = OrganisationFactory(name="Test Newham", slug="test-newham")
    staff_login(PartnerOfficerFactory(organisation=newham))
    project = PublishedProjectFactory(title="Before the save", lead_organisation=newham)
    project.refresh_from_db()
    replica_caught_up()
    fetch(REPLICA, "SELECT pg_wal_replay_pause()")
    try:
        with (
            CaptureQueriesContext(connections["default"]) as on_primary,
            CaptureQueriesContext(connections[REPLICA]) as on_replica,
        ):
            response = client.post(
                reverse("admin:projects_project_change", args=[project.pk]),
                {
                    "title": "After the save",
                    "slug": project.slug,
                    "summary": project.summary,
                    "description": "",
                    "publication_status": "published",
                    "programme": project.programme,
                    "status": project.status,
                    "start_date": "2002-04-01",
                    "end_date": "",
                    "budget": "",
                    "tags": "customer relationship management",
                    "links-TOTAL_FORMS": "0",
                    "links-INITIAL_FORMS": "0",
                    "links-MIN_NUM_FORMS": "0",
                    "links-MAX_NUM_FORMS": "1000",
                    "edit_version": project.updated_at.isoformat(),
                },
            )
        assert response.status_code == 302, response.content[:2000]
        # The write went to the primary, and no admin read went to the replica.
        assert any(
            query["sql"].startswith('UPDATE "projects_project"')
            for query in on_primary.captured_queries
        )
        assert not on_replica.captured_queries
        assert db_router.cookie_name() in response.cookies
        # The replica has not replayed it ...
        title = fetch(REPLICA, "SELECT title FROM projects_project WHERE id = %s", [project.pk])
        assert title == "Before the save"

        # ... yet the officer's next page shows it: their reads go to the primary.
        page = client.get(project.get_absolute_url())
        assert b"After the save" in page.content

        # A visitor without that cookie sees it too: the replica has not replayed the latest
        # change to register data, so no page of the new data version is read from it ...
        visitor = Client(HTTP_X_FORWARDED_PROTO="https")
        assert b"After the save" in visitor.get(project.get_absolute_url()).content
        # ... and were that mark not there, the visitor would read the paused replica, while
        # the officer, by the cookie, still reads the primary.
        cache.delete(PRIMARY_POSITION_KEY)
        assert b"Before the save" in visitor.get(project.get_absolute_url()).content
        assert b"After the save" in client.get(project.get_absolute_url()).content
    finally:
        fetch(REPLICA, "SELECT pg_wal_replay_resume()")
    replica_caught_up()
    assert (
        b"After the save"
        in Client(HTTP_X_FORWARDED_PROTO="https").get(project.get_absolute_url()).content
    )


@pytest.mark.skipif(
    not os.environ.get("REPLICA_CLUSTER"),
    reason="needs REPLICA_CLUSTER=<version>/<name> of the replica, to stop it",
)
def test_the_site_answers_from_the_primary_with_the_replica_stopped(client):
    project = PublishedProjectFactory(title="Served by the primary")
    version, name = os.environ["REPLICA_CLUSTER"].split("/")
    cluster = ["pg_ctlcluster", "--skip-systemctl-redirect", version, name]
    replica_caught_up()
    subprocess.run([*cluster, "stop", "-m", "fast"], check=True)  # noqa: S603
    try:
        with CaptureQueriesContext(connections["default"]) as on_primary:
            started = time.monotonic()
            first = client.get(project.get_absolute_url())
            again = client.get("/projects/")
            elapsed = time.monotonic() - started
        assert first.status_code == 200
        assert b"Served by the primary" in first.content
        assert again.status_code == 200
        assert reads_of("projects_project", on_primary)
        # Skipped quickly, and remembered: not a connect timeout on every request.
        assert REPLICA in db_router._resting
        assert elapsed < 10
    finally:
        connections[REPLICA].close()
        subprocess.run([*cluster, "start"], check=True)  # noqa: S603
        for _ in range(60):
            port = str(connections[REPLICA].settings_dict["PORT"])
            ready = subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", port, "-q"])  # noqa: S603, S607
            if ready.returncode == 0:
                break
            time.sleep(0.5)
