"""Settings are secure by default and read from the environment."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

ROOT = settings.BASE_DIR


def load_settings(**env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import londonconnects.settings as s; print(s.DEBUG)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_refuses_to_start_without_a_secret_key_outside_debug():
    result = load_settings()

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_debug_is_off_unless_asked_for():
    assert load_settings(DJANGO_SECRET_KEY="x").stdout.strip() == "False"
    assert load_settings(DJANGO_DEBUG="1").stdout.strip() == "True"


def test_the_tests_run_on_the_database_they_were_asked_to():
    wanted = os.environ.get("DATABASE_URL", "sqlite")
    expected = "postgresql" if wanted.startswith(("postgres", "postgis")) else "sqlite"

    assert connection.vendor == expected


@pytest.mark.django_db
def test_the_database_answers():
    with connection.cursor() as cursor:
        cursor.execute("select 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db
def test_healthz_answers_ok_while_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    from django.db import OperationalError

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("londonconnects.views.connection.cursor", broken_cursor)

    assert client.get("/healthz").status_code == 503
    assert client.get("/healthz/live").status_code == 200
