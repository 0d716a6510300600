"""Database chores of bench/run.sh.

``python bench/db.py ensure``  creates the PostgreSQL database of DATABASE_URL if it is missing
                               (and refuses any other kind of database).
``python bench/db.py analyze`` VACUUM (FULL, ANALYZE) after seeding: seeding leaves two or three
                               dead versions of every row (delete, insert, then the search
                               vector update) that a production table, autovacuumed over
                               months, does not carry; and the planner gets fresh statistics.
``python bench/db.py quiesce`` waits (up to 40 s) until no other session runs a query on the
                               database: what one page left running (a request gunicorn gave up
                               on) must not slow the next page's measurement.
``python bench/db.py config OUT.json [key=value ...]`` writes the run's configuration.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings")


def connection_params() -> tuple[str, dict]:
    import dj_database_url

    settings = dj_database_url.parse(os.environ["DATABASE_URL"])
    if "postgresql" not in settings["ENGINE"]:
        raise SystemExit(f"The bench runs on PostgreSQL; DATABASE_URL is {settings['ENGINE']}.")
    params = {
        "host": settings.get("HOST") or None,
        "port": settings.get("PORT") or None,
        "user": settings.get("USER") or None,
        "password": settings.get("PASSWORD") or None,
    }
    return settings["NAME"], params


def ensure() -> None:
    import psycopg2
    from psycopg2 import sql

    name, params = connection_params()
    # PostgreSQL may be restarting (CI's restart drill does that): wait up to a minute.
    for attempt in range(60):
        try:
            maintenance = psycopg2.connect(dbname="postgres", connect_timeout=5, **params)
            break
        except psycopg2.OperationalError as error:
            if attempt == 59:
                raise SystemExit(f"PostgreSQL does not answer: {error}") from error
            time.sleep(1)
    maintenance.autocommit = True
    with maintenance.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")
        else:
            print(f"Database {name} exists.")
    maintenance.close()


def analyze() -> None:
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (FULL, ANALYZE)")


def quiesce(limit_seconds: str = "40") -> None:
    import psycopg2

    name, params = connection_params()
    started = time.monotonic()
    connection = psycopg2.connect(dbname=name, **params)
    connection.autocommit = True
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND state = 'active' AND pid <> pg_backend_pid()"
            )
            (active,) = cursor.fetchone()
            if not active:
                break
            if time.monotonic() - started > float(limit_seconds):
                print(f"    still {active} queries running after {limit_seconds} s")
                break
            time.sleep(0.5)
    waited = time.monotonic() - started
    if waited > 1:
        print(f"    waited {waited:.0f} s for the database to finish earlier requests' queries")
    connection.close()


def config(out: str, *pairs: str) -> None:
    import django

    django.setup()
    from django.db import connection

    from projects.models import Project

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]

    values = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        values[key] = int(value) if value.isdigit() else value
    data = {
        **values,
        "projects": Project.objects.count(),
        "published_projects": Project.objects.published().count(),
        "postgresql": version.split()[0],
        "cpus": os.cpu_count(),
        "load_average_1m_before": round(os.getloadavg()[0], 2),
    }
    Path(out).write_text(json.dumps(data, indent=2) + "\n")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    commands = {
        "ensure": ensure,
        "analyze": analyze,
        "quiesce": quiesce,
        "config": config,
    }
    commands[command](*args)
