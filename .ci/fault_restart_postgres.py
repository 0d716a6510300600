"""Fault drill: restart PostgreSQL under a bounded load against gunicorn.

Shows that (1) while the database is away, pages answer 503 with Retry-After, not 500;
(2) once it is back, the same gunicorn processes serve every request without a restart;
(3) no write acknowledged to a user before, during or after the restart is lost.

Run from .ci/run on a machine with PostgreSQL 15 on 127.0.0.1:5432 (it restarts that cluster).
Bounded: about 20 seconds of load, a few hundred requests.
"""

import http.cookiejar
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "lc_fault_drill"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
PORT = 8093
BASE = f"http://127.0.0.1:{PORT}"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PASSWORD = "london-connects-demo"  # the demo officer's, loaded by load_demo

ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_DEBUG": "0",
    "DJANGO_HTTPS": "0",  # plain HTTP on loopback, no TLS proxy in front
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_LOG_LEVEL": "WARNING",
}


def run(*args):
    subprocess.run(args, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL)


def pg_ready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], check=False).returncode == 0


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(BASE + path, data=body, timeout=10) as response:
                response.read()
                return response.status, dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers)
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            return f"connection: {error}", {}

    def csrf(self):
        return next(c.value for c in self.cookies if c.name == "csrftoken")


def main() -> int:
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    run(PYTHON, "manage.py", "migrate", "--no-input")
    run(PYTHON, "manage.py", "load_demo")
    run(PYTHON, "manage.py", "collectstatic", "--no-input")
    slugs = subprocess.run(
        [
            "psql",
            DATABASE_URL,
            "-Atc",
            "select slug from projects_project where publication_status = 'published' order by id",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()

    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "londonconnects.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        return drill(slugs)
    finally:
        server.terminate()
        server.wait(timeout=20)
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=False
        )


def drill(slugs) -> int:
    for _ in range(100):
        if Browser().request("/healthz")[0] == 200:
            break
        time.sleep(0.2)
    else:
        print("gunicorn did not come up")
        return 1

    officer = Browser()
    officer.request("/accounts/login/")
    status, _ = officer.request(
        "/accounts/login/",
        {"username": "newham.officer", "password": PASSWORD, "csrfmiddlewaretoken": officer.csrf()},
    )
    assert status == 302, f"sign-in failed: {status}"

    results = []  # (started, status, headers, kind, ended)
    acknowledged = []
    stop = threading.Event()
    lock = threading.Lock()

    def reader():
        browser = Browser()
        paths = [
            "/",
            "/projects/",
            "/projects/?programme=isb",
            f"/projects/{slugs[0]}/",
            "/organisations/",
        ]
        number = 0
        while not stop.is_set() and number < 2000:
            started = time.monotonic()
            status, headers = browser.request(paths[number % len(paths)])
            with lock:
                results.append((started, status, headers, "read", time.monotonic()))
            number += 1
            time.sleep(0.02)

    def writer():
        for slug in slugs:
            if stop.is_set():
                break
            started = time.monotonic()
            status, headers = officer.request(
                f"/projects/{slug}/interest/",
                {"action": "register", "csrfmiddlewaretoken": officer.csrf()},
            )
            with lock:
                results.append((started, status, headers, "write", time.monotonic()))
                if status == 302 and "#interest" in headers.get("Location", ""):
                    acknowledged.append(slug)
            time.sleep(0.1)

    threads = [threading.Thread(target=reader) for _ in range(3)] + [
        threading.Thread(target=writer)
    ]
    for thread in threads:
        thread.start()
    time.sleep(3)
    outage_started = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "stop", "-m", "fast"],
        check=True,
    )
    time.sleep(2)  # long enough for every worker to notice
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "start"], check=True
    )
    while not pg_ready():
        time.sleep(0.1)
    back = time.monotonic()
    time.sleep(5)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)

    # A request still in flight when PostgreSQL stops belongs to the outage.
    before = [r for r in results if r[4] < outage_started]
    during = [r for r in results if r[4] >= outage_started and r[0] < back]
    after = [r for r in results if r[0] >= back]

    def ok(result):
        return isinstance(result[1], int) and result[1] < 400

    failures = 0
    print(f"requests: {len(before)} before, {len(during)} during, {len(after)} after the outage")
    bad_before = [r for r in before if not ok(r)]
    if bad_before:
        failures += 1
        print(f"FAIL: {len(bad_before)} errors before the outage: {bad_before[:3]}")
    statuses_during = sorted({str(r[1]) for r in during})
    print(f"statuses while PostgreSQL was down: {statuses_during}")
    # While the database is away a request either never needed it (2xx/3xx) or gets 503.
    wrong = [r for r in during if not ok(r) and r[1] != 503]
    if wrong:
        failures += 1
        print(f"FAIL: {len(wrong)} answers other than 503 during the outage: {wrong[:3]}")
    unavailable = [r for r in during if r[1] == 503]
    if any(r[2].get("Retry-After") is None for r in unavailable):
        failures += 1
        print("FAIL: a 503 answer had no Retry-After header")
    if not unavailable:
        failures += 1
        print("FAIL: no request met the outage (the drill did not test anything)")
    bad_after = [r for r in after if not ok(r)]
    if bad_after:
        failures += 1
        print(f"FAIL: {len(bad_after)} errors once PostgreSQL was back: {bad_after[:3]}")
    if not after:
        failures += 1
        print("FAIL: no request was made after the outage")

    stored = set(
        subprocess.run(
            [
                "psql",
                DATABASE_URL,
                "-Atc",
                "select p.slug from projects_projectinterest i"
                " join projects_project p on p.id = i.project_id"
                " join partners_organisation o on o.id = i.organisation_id where o.slug = 'newham'",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    )
    lost = [slug for slug in acknowledged if slug not in stored]
    print(f"writes acknowledged: {len(acknowledged)}; lost: {len(lost)}")
    if lost:
        failures += 1
        print(f"FAIL: acknowledged writes lost: {lost}")
    print("fault drill:", "FAILED" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
