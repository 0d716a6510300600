import pytest
from django.db import connection
from django.test import Client


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory, monkeypatch):
    # A fast hasher keeps sign-in tests quick; plain static storage needs no collectstatic.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        # Uploaded papers go to a throwaway folder, never the working tree.
        "papers": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path_factory.mktemp("papers"), "base_url": None},
        },
        "reviews": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path_factory.mktemp("reviews"), "base_url": None},
        },
    }
    # One process, a fresh cache per test, so query counts are the application's own.
    # Whole-page caching is off except in the tests that are about it.
    # A FileField takes its storage when the model loads: point it at the test one.
    from django.core.files.storage import storages

    from papers.models import Paper
    from reviews.models import Edition

    monkeypatch.setattr(Paper._meta.get_field("file"), "storage", storages["papers"])
    monkeypatch.setattr(Edition._meta.get_field("pdf"), "storage", storages["reviews"])
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SECONDS = 0
    # Likewise the shared page cache: tests change data without committing, so the data
    # version would not move (tests/registers/test_shared_pages.py turns it on).
    settings.SHARED_PAGE_CACHE_SECONDS = 0
    settings.WARM_PAGES_AFTER_CHANGE = False
    # Tasks (forum mail) run as soon as they are enqueued, that is after the commit.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = "https://londonconnects.test"
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _only_on_postgresql(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://...")


@pytest.fixture
def client():
    """A test client that arrives over HTTPS through the load balancer, as every visitor does
    in production (the tests run with production settings: SSL redirect, Secure and __Host-
    cookies)."""
    return Client(HTTP_X_FORWARDED_PROTO="https")


@pytest.fixture
def staff_login(client):
    """Sign a staff account in as the admin requires in production: password and a verified
    second factor (a confirmed TOTP device recorded in the session, as django-otp does)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def sign_in(user):
        device = TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return user

    return sign_in
