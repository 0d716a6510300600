"""Where reads go (londonconnects.db_router), decided without a replica: the choice of alias, the
read-your-own-write cookie, and a replica that does not answer. tests/test_replicas.py shows
the same against a real streaming replica."""

import copy

import pytest
from django.db import connections, router
from django.http import HttpResponse
from django.test import RequestFactory

from londonconnects import db_router
from projects.models import Project

# No database: the router only names an alias (and a test's own transaction would send every
# read to the primary).
factory = RequestFactory()


@pytest.fixture
def one_replica(monkeypatch):
    """A replica that always answers (the choice of one is tested below)."""
    monkeypatch.setattr(db_router, "replica_aliases", lambda: ["replica_0"])
    monkeypatch.setattr(db_router, "choose_replica", lambda: "replica_0")


def serve(request, *, writes=False):
    """Run a request through the middleware; return (response, where its reads went)."""
    seen = {}

    def view(request):
        seen["before"] = router.db_for_read(Project)
        # As inside transaction.atomic() (opened for real in tests/test_replicas.py).
        primary = connections["default"]
        primary.in_atomic_block = True
        try:
            seen["atomic"] = router.db_for_read(Project)
        finally:
            primary.in_atomic_block = False
        if writes:
            seen["write"] = router.db_for_write(Project)
            seen["after"] = router.db_for_read(Project)
        seen["session"] = router.db_for_read(
            type("Session", (), {"_meta": type("Meta", (), {"app_label": "sessions"})})
        )
        return HttpResponse()

    return db_router.ReplicaReadsMiddleware(view)(request), seen


def test_outside_a_request_everything_goes_to_the_primary(one_replica):
    assert router.db_for_read(Project) == "default"
    assert router.db_for_write(Project) == "default"


def test_a_public_get_reads_from_the_replica_but_not_in_a_transaction(one_replica):
    response, seen = serve(factory.get("/projects/"))

    assert seen["before"] == "replica_0"
    assert seen["atomic"] == "default"
    assert seen["session"] == "default"
    assert db_router.cookie_name() not in response.cookies


def test_a_read_after_a_write_in_the_same_request_goes_to_the_primary(one_replica):
    _response, seen = serve(factory.get("/papers/x/download/"), writes=True)

    assert seen["before"] == "replica_0"
    assert (seen["write"], seen["after"]) == ("default", "default")


@pytest.mark.parametrize("path", ["/admin/projects/project/", "/accounts/login/"])
def test_the_admin_and_sign_in_read_from_the_primary(one_replica, path):
    _response, seen = serve(factory.get(path))

    assert seen["before"] == "default"


def test_after_a_post_that_wrote_the_visitors_reads_go_to_the_primary(one_replica):
    response, seen = serve(factory.post("/forums/x/1/reply/"), writes=True)
    assert seen["before"] == "default"  # a POST reads the primary throughout
    cookie = response.cookies[db_router.cookie_name()]
    assert cookie["httponly"] and cookie["max-age"] == 10

    following = factory.get("/projects/")
    following.COOKIES[db_router.cookie_name()] = cookie.value
    _response, seen = serve(following)
    assert seen["before"] == "default"


def test_a_post_that_wrote_nothing_sets_no_cookie(one_replica):
    response, _seen = serve(factory.post("/search/"))

    assert db_router.cookie_name() not in response.cookies


def test_a_forged_cookie_is_ignored(one_replica):
    request = factory.get("/projects/")
    request.COOKIES[db_router.cookie_name()] = "1"

    _response, seen = serve(request)

    assert seen["before"] == "replica_0"


def test_without_replicas_the_middleware_does_nothing():
    response, seen = serve(factory.post("/forums/x/1/reply/"), writes=True)

    assert seen["before"] == "default"
    assert db_router.cookie_name() not in response.cookies


def test_a_replica_that_does_not_answer_is_skipped_and_rested(
    monkeypatch, tmp_path, settings, django_db_blocker
):
    broken = copy.deepcopy(connections["default"].settings_dict)
    if broken["ENGINE"] == "django.db.backends.sqlite3":
        broken["NAME"] = str(tmp_path / "no such folder" / "db.sqlite3")
    else:
        broken.update(HOST="127.0.0.1", PORT="1", OPTIONS={"connect_timeout": 1})
    broken["CONN_MAX_AGE"] = 0
    monkeypatch.setitem(connections.settings, "replica_0", broken)
    monkeypatch.setattr(db_router, "replica_aliases", lambda: ["replica_0"])
    monkeypatch.setattr(db_router, "_resting", {})
    settings.DATABASE_REPLICA_RETRY_SECONDS = 30
    try:
        with django_db_blocker.unblock():
            assert db_router.choose_replica() == "default"
        assert "replica_0" in db_router._resting

        # Remembered: the next requests go straight to the primary without trying it.
        def must_not_connect():
            raise AssertionError("tried the resting replica again")

        monkeypatch.setattr(connections["replica_0"], "cursor", must_not_connect)
        assert db_router.choose_replica() == "default"
    finally:
        del connections["replica_0"]
