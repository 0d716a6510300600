"""Sign-in security and the HTTP headers every page sends."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, PartnerOfficerFactory, PublishedProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "/",
    "/projects/",
    "/projects/?programme=pathfinder",
    "DETAIL",
    "/organisations/",
    "/accounts/login/",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_security_headers_on_every_page_type(client, path):
    if path == "DETAIL":
        path = PublishedProjectFactory().get_absolute_url()

    response = client.get(path)

    csp = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]:
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert len(response["X-Request-ID"]) == 32


def test_plain_http_is_redirected_to_https():
    from django.test import Client

    response = Client().get("/projects/")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_cookies_are_host_only_secure_and_http_only(client):
    UserFactory(username="officer")

    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})

    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    assert session["path"] == "/" and not session["domain"]
    csrf = client.get("/accounts/login/").cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Strict"


def test_check_deploy_reports_nothing_with_production_settings(settings):
    import secrets

    # Only the key differs from production: the test run's own key is deliberately short.
    settings.SECRET_KEY = secrets.token_urlsafe(64)

    call_command("check", "--deploy", "--fail-level", "WARNING")


def test_a_load_balancer_request_id_is_kept_and_echoed(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234567890")

    assert response["X-Request-ID"] == "lb-1234567890"


def test_a_malformed_request_id_is_replaced(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")

    assert response["X-Request-ID"] != "<script>"


# -- sessions -----------------------------------------------------------------------------


def test_signing_in_starts_a_new_session(client):
    UserFactory(username="officer")
    client.get("/accounts/login/")
    session = client.session
    session["anything"] = "before sign-in"
    session.save()
    before = session.session_key

    client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})

    assert client.session.session_key != before


def test_changing_the_password_ends_other_sessions(client):
    from django.test import Client

    user = UserFactory()
    other_device = Client(HTTP_X_FORWARDED_PROTO="https")
    other_device.force_login(user)
    client.force_login(user)

    client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new long passphrase",
            "new_password2": "a brand new long passphrase",
        },
    )

    assert SESSION_KEY in client.session  # the session that changed it stays signed in
    assert SESSION_KEY not in other_device.get("/").wsgi_request.session


def test_deactivating_an_account_ends_its_sessions(client):
    user = UserFactory()
    client.force_login(user)
    user.is_active = False
    user.save()

    assert not client.get("/").wsgi_request.user.is_authenticated


def test_staff_are_signed_out_after_being_idle(client, settings):
    settings.STAFF_IDLE_TIMEOUT = 60
    client.force_login(UserFactory(is_staff=True))
    client.get("/")
    session = client.session
    session["staff_last_seen"] -= 61
    session.save()

    response = client.get("/")

    assert not response.wsgi_request.user.is_authenticated
    assert "signed out because you were away" in response.content.decode()


@pytest.fixture
def clock(monkeypatch):
    """The idle timeout's clock, moved on by hand."""
    from accounts import middleware

    class Clock:
        now = 1_800_000_000

        def time(self):
            return self.now

    clock = Clock()
    monkeypatch.setattr(middleware, "time", clock)
    return clock


def test_a_signed_in_staff_request_to_the_bare_view_costs_at_most_one_query(
    client, staff_login, django_assert_max_num_queries
):
    staff_login(UserFactory(is_staff=True))
    client.get("/healthz/live")

    # The user's row; the session comes from the cache, the OTP device is not needed, and
    # nothing is written.
    with django_assert_max_num_queries(1):
        response = client.get("/healthz/live")

    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated
    assert response.wsgi_request.user.is_verified()


def test_staff_last_seen_is_written_at_most_once_a_minute(client, clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(UserFactory(is_staff=True))
    client.get("/healthz/live")
    first_seen = clock.now

    clock.now += 59
    with CaptureQueriesContext(connection) as queries:
        client.get("/healthz/live")

    assert not [query for query in queries if "django_session" in query["sql"]]
    assert client.session["staff_last_seen"] == first_seen

    clock.now += 1
    client.get("/healthz/live")

    assert client.session["staff_last_seen"] == first_seen + 60


def test_staff_who_keep_working_stay_signed_in(client, clock, settings):
    settings.STAFF_IDLE_TIMEOUT = 120
    client.force_login(UserFactory(is_staff=True))

    for _ in range(10):
        clock.now += 50
        response = client.get("/healthz/live")

        assert response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize("seconds_after_the_last_write", [0, 30, 59])
def test_staff_are_signed_out_idle_for_the_timeout_whenever_they_were_last_seen(
    client, clock, settings, seconds_after_the_last_write
):
    settings.STAFF_IDLE_TIMEOUT = 600
    client.force_login(UserFactory(is_staff=True))
    client.get("/healthz/live")
    clock.now += seconds_after_the_last_write
    client.get("/healthz/live")

    clock.now += 601
    response = client.get("/")

    assert not response.wsgi_request.user.is_authenticated
    assert "signed out because you were away" in response.content.decode()


def test_the_public_are_not_timed_out(client, settings):
    settings.STAFF_IDLE_TIMEOUT = 60
    client.force_login(UserFactory())
    client.get("/")

    assert "staff_last_seen" not in client.session


@pytest.mark.parametrize(
    ("password", "accepted"),
    [("short-pass1", False), ("password1234", False), ("correct horse battery", True)],
)
def test_password_rules_length_and_common_list_no_composition(password, accepted):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password)
    except ValidationError:
        assert not accepted
    else:
        assert accepted


# -- brute force ------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_sign_in(client):
    UserFactory(username="officer")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "officer", "password": "wrong"})

    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})

    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_admin_sign_in_is_locked_too(client):
    UserFactory(username="officer", is_staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "officer", "password": "wrong"})

    response = client.post("/admin/login/", {"username": "officer", "password": PASSWORD})

    assert response.status_code == 429


# -- two-factor enrolment -------------------------------------------------------------------


def test_staff_enrol_an_authenticator_app(client):
    user = PartnerOfficerFactory()
    client.force_login(user)

    page = client.get("/accounts/two-factor/")
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post("/accounts/two-factor/", {"token": "000000"})
    assert "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()  # as if the officer waited the few seconds it asks for

    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    client.post("/accounts/two-factor/", {"token": code})

    device.refresh_from_db()
    assert device.confirmed
    assert client.session["otp_device_id"] == device.persistent_id


def test_the_public_cannot_enrol(client):
    client.force_login(UserFactory())

    assert client.get("/accounts/two-factor/").status_code == 403


# -- the client address and password spraying (issue 14, finding 1) -------------------------


def test_a_made_up_forwarded_for_header_does_not_lift_a_lock_out(client):
    UserFactory(username="hackney.officer")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "hackney.officer", "password": "wrong"})

    response = client.post(
        "/accounts/login/",
        {"username": "hackney.officer", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )

    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_a_new_forwarded_for_header_per_guess_is_still_locked_out(client):
    UserFactory(username="steering")
    statuses = [
        client.post(
            "/accounts/login/",
            {"username": "steering", "password": f"guess {n}"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(20)
    ]

    # The fifth wrong password locks the name from this address; the header changes nothing.
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}


def test_behind_a_trusted_proxy_the_address_it_appended_is_the_client(rf, settings):
    from accounts.addresses import client_address

    settings.PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert client_address(request) == "198.51.100.7"  # what the client wrote is ignored

    settings.PROXY_COUNT = 2
    assert client_address(request) == "10.9.9.9"

    settings.PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"


def test_with_a_proxy_count_a_missing_or_garbled_header_falls_back_to_the_peer(rf, settings):
    from accounts.addresses import client_address

    settings.PROXY_COUNT = 1
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    garbled = rf.get("/", HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="10.0.0.2")
    assert client_address(garbled) == "10.0.0.2"


def test_behind_a_proxy_clients_are_locked_out_by_their_own_address(client, settings):
    settings.PROXY_COUNT = 1
    UserFactory(username="officer")
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": "officer", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",
        )

    from_the_attacker = client.post(
        "/accounts/login/",
        {"username": "officer", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="5.6.7.8, 198.51.100.7",
    )
    from_the_officers_office = client.post(
        "/accounts/login/",
        {"username": "officer", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )

    assert from_the_attacker.status_code == 429
    assert from_the_officers_office.status_code == 302  # signed in from elsewhere


def test_one_password_sprayed_over_many_names_is_stopped(client, settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 10
    names = [f"officer{n}" for n in range(15)]
    for name in names:
        UserFactory(username=name)

    statuses = [
        client.post("/accounts/login/", {"username": name, "password": "Summer2026!"}).status_code
        for name in names[:12]
    ]
    # Once the address is throttled even a right password is refused from it.
    right = client.post("/accounts/login/", {"username": names[12], "password": PASSWORD})

    assert statuses[:10] == [200] * 10
    assert set(statuses[10:]) == {429}
    assert right.status_code == 429
    assert SESSION_KEY not in client.session


def test_spraying_from_one_address_does_not_lock_the_users_out_elsewhere(settings):
    from django.test import Client

    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 3
    UserFactory(username="officer")
    attacker = Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="203.0.113.66")
    for _ in range(6):
        attacker.post("/accounts/login/", {"username": "officer", "password": "wrong"})

    officer = Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="198.51.100.20")
    response = officer.post("/accounts/login/", {"username": "officer", "password": PASSWORD})

    assert response.status_code == 302
    assert SESSION_KEY in officer.session


def test_the_access_log_names_the_client_address(client, caplog):
    with caplog.at_level("INFO", logger="londonconnects.access"):
        client.get("/healthz", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="192.0.2.10")

    (line,) = [r for r in caplog.records if r.name == "londonconnects.access"]
    assert line.client == "192.0.2.10"
