"""What a visitor sees when things go wrong: never a trace, and a 503 while the database is
away."""

import pytest
from django.db import OperationalError
from django.test import Client

from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    return Client(HTTP_X_FORWARDED_PROTO="https", raise_request_exception=False)


def test_database_unavailable_is_503_with_retry_after(visitor, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr("projects.models.ProjectQuerySet.for_list", unreachable)

    response = visitor.get("/projects/")

    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "temporarily unavailable" in body
    assert "Connection refused" not in body and "Traceback" not in body


def test_other_errors_are_a_500_page_without_a_trace(visitor, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("projects.models.ProjectQuerySet.for_detail", broken)

    response = visitor.get(PublishedProjectFactory().get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in body
    assert "secret internals" not in body
    assert response["X-Request-ID"] in body  # the reference a visitor can quote


def test_an_oversized_request_body_is_refused_with_413(visitor, settings):
    settings.MAX_REQUEST_BODY_SIZE = 1024

    response = visitor.post(
        "/accounts/login/", data="x" * 2048, content_type="application/octet-stream"
    )

    assert response.status_code == 413
    assert "too large" in response.content.decode()


def test_a_bad_request_gets_the_sites_400_page(visitor):
    response = visitor.get("/projects/", HTTP_HOST="evil.example.org")

    assert response.status_code == 400
    assert "Request not understood" in response.content.decode()


def test_a_session_lost_to_the_outage_is_503_not_400(rf):
    from django.contrib.sessions.exceptions import SessionInterrupted

    from londonconnects.views import bad_request

    # Django turns a session it could not save into SessionInterrupted (a 400).
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as outage:
            raise SessionInterrupted("The request's session was deleted") from outage
    except SessionInterrupted as error:
        response = bad_request(rf.get("/projects/"), error)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_a_genuinely_bad_request_stays_400(rf):
    from django.core.exceptions import BadRequest

    from londonconnects.views import bad_request

    assert bad_request(rf.get("/projects/"), BadRequest("nonsense")).status_code == 400
