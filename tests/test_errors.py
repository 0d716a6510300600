"""Errors to Sentry when SENTRY_DSN is set, with personal data scrubbed; nothing when unset."""

import json
import logging
import os
import re
import subprocess
import sys

import pytest
import sentry_sdk
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from sentry_sdk.transport import Transport

from londonconnects.sentry import FILTERED, scrub_event, start_sentry
from londonconnects.urls import urlpatterns as site_urlpatterns
from tests.factories import UserFactory

ROOT = settings.BASE_DIR
AN_EMAIL_ADDRESS = re.compile(r"[\w.+-]+(@|%40)[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}")
POST_BODY = "Our borough's pilot went badly; ring me on 07700 900123 to hear why"


def realistic_event() -> dict:
    """An event as the Django integration makes one, had it collected everything."""
    return {
        "event_id": "5b3e0c6f9c2b4f5b8a0f1d2e3c4b5a69",
        "level": "error",
        "release": "londonconnects@2.1.0",
        "environment": "production",
        "logentry": {
            "message": "Mail to %s failed",
            "params": ["amara.okafor@camden.gov.uk"],
            "formatted": "Mail to amara.okafor@camden.gov.uk failed",
        },
        "exception": {
            "values": [
                {
                    "type": "SMTPRecipientsRefused",
                    "value": "{'amara.okafor@camden.gov.uk': (550, b'no such user')}",
                    "module": "smtplib",
                    "stacktrace": {
                        "frames": [
                            {
                                "function": "send_mail",
                                "module": "forums.services",
                                "lineno": 40,
                                "vars": {"recipient": "'amara.okafor@camden.gov.uk'"},
                            }
                        ]
                    },
                }
            ]
        },
        "request": {
            "url": "https://londonconnects.example.org/forums/digital/42/reply/",
            "method": "POST",
            "query_string": "notify=amara.okafor%40camden.gov.uk&page=2",
            "headers": {
                "Host": "londonconnects.example.org",
                "User-Agent": "Mozilla/5.0",
                "Cookie": "__Host-sessionid=abc123; __Host-csrftoken=def456",
                "Authorization": "Bearer secret-token",
                "X-Forwarded-For": "198.51.100.7",
                "Referer": "https://londonconnects.example.org/forums/digital/42/",
            },
            "cookies": {"__Host-sessionid": "abc123", "__Host-csrftoken": "def456"},
            "data": {"body": POST_BODY, "csrfmiddlewaretoken": "def456"},
            "env": {"SERVER_NAME": "web", "SERVER_PORT": "8000"},
        },
        "user": {
            "id": "17",
            "email": "amara.okafor@camden.gov.uk",
            "username": "amara.okafor@camden.gov.uk",
            "ip_address": "198.51.100.7",
        },
        "extra": {
            "recipient": "amara.okafor@camden.gov.uk",
            "recipients": ["amara.okafor@camden.gov.uk", "d.o'neil@hackney.gov.uk"],
            "topic": 42,
        },
        "breadcrumbs": {
            "values": [
                {
                    "category": "londonconnects.access",
                    "message": "POST /forums/digital/42/reply/ 500",
                    "data": {"client": "198.51.100.7", "status": 500},
                },
                {
                    "category": "forums",
                    "message": "Sending the reply to j.smith@hackney.gov.uk",
                    "level": "info",
                },
            ]
        },
    }


def test_before_send_removes_personal_data_from_a_realistic_event():
    scrubbed = scrub_event(realistic_event(), {})

    assert not AN_EMAIL_ADDRESS.search(json.dumps(scrubbed))
    assert POST_BODY not in json.dumps(scrubbed)
    assert "abc123" not in json.dumps(scrubbed)
    assert "secret-token" not in json.dumps(scrubbed)
    assert "198.51.100.7" not in json.dumps(scrubbed)
    assert scrubbed["request"] == {
        "url": "https://londonconnects.example.org/forums/digital/42/reply/",
        "method": "POST",
        "query_string": f"notify={FILTERED}&page=2",
        "headers": {
            "Host": "londonconnects.example.org",
            "User-Agent": "Mozilla/5.0",
            "Cookie": FILTERED,
            "Authorization": FILTERED,
            "X-Forwarded-For": FILTERED,
            "Referer": "https://londonconnects.example.org/forums/digital/42/",
        },
        "env": {"SERVER_NAME": "web", "SERVER_PORT": "8000"},
    }
    assert scrubbed["user"] == {"id": "17"}
    assert scrubbed["logentry"] == {
        "message": "Mail to %s failed",
        "params": [FILTERED],
        "formatted": f"Mail to {FILTERED} failed",
    }
    [exception] = scrubbed["exception"]["values"]
    assert exception["value"] == f"{{'{FILTERED}': (550, b'no such user')}}"
    assert exception["stacktrace"]["frames"][0]["vars"] == {"recipient": f"'{FILTERED}'"}
    assert scrubbed["extra"] == {
        "recipient": FILTERED,
        "recipients": [FILTERED, FILTERED],
        "topic": 42,
    }
    access, mail = scrubbed["breadcrumbs"]["values"]
    assert access["data"] == {"client": FILTERED, "status": 500}
    assert mail["message"] == f"Sending the reply to {FILTERED}"
    # What is not personal stays, for the error to be found.
    assert scrubbed["release"] == "londonconnects@2.1.0"
    assert exception["type"] == "SMTPRecipientsRefused"
    assert exception["stacktrace"]["frames"][0]["function"] == "send_mail"


def settings_in_a_fresh_process(**env) -> dict:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SENTRY_")}
    environment.update({"DJANGO_SECRET_KEY": "x", **env})
    program = (
        "import json, sys; import londonconnects.settings; "
        "imported = 'sentry_sdk' in sys.modules; import sentry_sdk; "
        "client = sentry_sdk.get_client(); "
        "print(json.dumps({'imported': imported, 'active': client.is_active(), "
        "'pii': client.options.get('send_default_pii'), "
        "'collected': client.options.get('data_collection'), "
        "'before_send': getattr(client.options.get('before_send'), '__name__', None), "
        "'body': client.options.get('max_request_body_size'), "
        "'environment': client.options.get('environment'), "
        "'traces': client.options.get('traces_sample_rate')}))"
    )
    result = subprocess.run(  # noqa: S603  (this interpreter, with a fixed program)
        [sys.executable, "-c", program],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_without_a_dsn_sentry_is_not_started():
    started = settings_in_a_fresh_process()

    assert started["imported"] is False
    assert started["active"] is False
    # Nor in this process, whose settings were read without one.
    assert not sentry_sdk.get_client().is_active()


def test_with_a_dsn_sentry_starts_with_the_scrubber_and_no_personal_data():
    started = settings_in_a_fresh_process(
        # A local address nothing listens on: nothing is sent anywhere.
        SENTRY_DSN="http://publickey@127.0.0.1:9/1",
        SENTRY_ENVIRONMENT="staging",
        SENTRY_TRACES_SAMPLE_RATE="0.25",
    )

    collected = started.pop("collected")
    assert started == {
        "imported": True,
        "active": True,
        "pii": None,  # off: the default, superseded by data_collection
        "before_send": "scrub_event",
        "body": "never",
        "environment": "staging",
        "traces": 0.25,
    }
    assert collected["provided_by_user"] is True
    assert collected["user_info"] is False
    assert collected["cookies"] == {"mode": "off"}
    assert collected["http_bodies"] == []
    assert collected["stack_frame_variables"] is False
    assert collected["database_query_data"] is False


# -- An error in a view, through the real integration, to a transport that keeps it -------


class KeptEnvelopes(Transport):
    """Keeps what would be sent, instead of sending it."""

    def __init__(self):
        super().__init__()
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)

    def events(self) -> list[dict]:
        return [
            item.payload.json
            for envelope in self.envelopes
            for item in envelope.items
            if item.type == "event"
        ]


@csrf_exempt  # the request comes without the test client, which skips the check
def failing_reply(request, slug):
    """A view that fails while posting, as a bug would: after reading the form and with the
    member's address at hand."""
    body = request.POST["body"]
    logging.getLogger("forums").info("Sending the reply to %s", request.user.email)
    raise RuntimeError(f"could not post {len(body)} characters for {request.user.email}")


urlpatterns = [path("boom/<slug:slug>/reply/", failing_reply), *site_urlpatterns]
handler500 = "londonconnects.views.server_error"


@pytest.fixture
def sentry():
    kept = KeptEnvelopes()
    start_sentry(
        "http://publickey@127.0.0.1:9/1",
        environment="test",
        traces_sample_rate=0,
        transport=kept,
    )
    yield kept
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def through_wsgi(request) -> str:
    """Answer a request as gunicorn hands it to the site (Django's WSGI handler, which the SDK
    wraps), not as the test client does (which bypasses it); its status line."""
    statuses = []
    # As the test client does: the test's database connection must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(
            request.environ, lambda status, headers, exc_info=None: statuses.append(status)
        )
        b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return statuses[0]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_error_in_a_view_is_sent_without_personal_data(sentry, client):
    member = UserFactory(email="amara.okafor@camden.gov.uk", username="amara.okafor")
    client.force_login(member)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    request = RequestFactory().post(
        "/boom/digital/reply/?notify=amara.okafor%40camden.gov.uk",
        {"body": POST_BODY},
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session}",
        HTTP_AUTHORIZATION="Bearer secret-token",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert through_wsgi(request).startswith("500")
    [event] = sentry.events()
    sent = json.dumps(event)
    [exception] = event["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == f"could not post {len(POST_BODY)} characters for {FILTERED}"
    assert event["request"]["url"].endswith("://testserver/boom/digital/reply/")
    assert event["request"]["method"] == "POST"
    assert event["request"]["query_string"] == f"notify={FILTERED}"
    assert "data" not in event["request"]
    assert "cookies" not in event["request"]
    headers = event["request"]["headers"]
    assert headers.get("Cookie") in (None, FILTERED)
    assert headers.get("Authorization") in (None, FILTERED)
    assert set(event.get("user", {})) <= {"id"}
    assert "amara.okafor" not in sent
    assert not AN_EMAIL_ADDRESS.search(sent)
    assert POST_BODY not in sent
    assert "badly" not in sent
    assert session not in sent
    assert "secret-token" not in sent
    assert "198.51.100.7" not in sent
    breadcrumbs = [crumb.get("message", "") for crumb in event["breadcrumbs"]["values"]]
    assert f"Sending the reply to {FILTERED}" in breadcrumbs


def test_the_tokens_of_mailed_signed_links_never_leave():
    """Whoever holds an alert's stop link, a forum's unsubscribe link or a reviewed link acts
    as its owner: an error on such a page is sent with the path but not the token."""
    event = {
        "request": {"url": "https://londonconnects.example.org/alerts/stop/eyJhbGci.tok-123/"},
        "message": "GET /forums/unsubscribe/Zm9vYmFy:1sX/ 500",
        "breadcrumbs": {"values": [{"message": "POST /reviewed/abcDEF123:xyz/ 500"}]},
    }

    scrubbed = json.dumps(scrub_event(event, {}))

    for token in ("eyJhbGci.tok-123", "Zm9vYmFy:1sX", "abcDEF123:xyz"):
        assert token not in scrubbed
    assert "/alerts/stop/[Filtered]/" in scrubbed
    assert "/forums/unsubscribe/[Filtered]/" in scrubbed
    assert "/reviewed/[Filtered]/" in scrubbed
