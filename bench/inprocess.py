"""Queries per request, response size and cold times of each bench page, measured in-process.

``python bench/inprocess.py PAGES.json OUT.json [SQL_DIR]``: GETs every page with Django's
test Client (through the whole middleware stack, against the same database and cache gunicorn
uses) inside ``CaptureQueriesContext``, in these passes:

- ``cold``: ``COLD_RUNS`` requests as a cookieless visitor, the shared cache emptied just
  before each one, as for a URL nobody asked for lately (the long tail of project pages, a new
  search); the median request is kept, with every run's time;
- ``after_publish`` (only the pages flagged so in bench/pages.py): ``COLD_RUNS`` times, the
  page requested once to be warm, then a publish (the data version changed on commit, as any
  change to register data does) and the first request after it timed, with a cookie;
- ``cached``: ``RUNS`` more requests as a cookieless visitor, the state of the first load
  pass (public pages come from the page cache);
- ``view``: ``RUNS`` requests carrying a cookie (``COOKIE`` below), which the anonymous page
  cache leaves alone, as it does for signed-in officers and anyone holding a CSRF cookie: the
  view runs, or the shared page cache answers for the visitor's class. The state of the second
  load pass.

Warm passes report the median request. Per page and pass: status, queries, body bytes,
in-process time (all, and in the database) and whether a page cache answered
(``X-Page-Cache: hit`` for the anonymous one, ``X-Shared-Page-Cache: hit`` for the shared
one). A page that does not answer 2xx cold is not requested again. With SQL_DIR, each page's
captured SQL (with times) goes to ``SQL_DIR/<page>.json`` for bench/explain.py. The passes
leave the caches warm for the load test.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings")

RUNS = 5
COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "5"))
# Any cookie makes the anonymous page cache step aside; this one means nothing to the site.
COOKIE = "lc_bench=1"
PASSES = ("cold", "after_publish", "cached", "view")
SLOW_SECONDS = 5.0  # a request slower than this is not repeated


def slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def get(client, path: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = time.perf_counter() - started
    queries = captured.captured_queries
    return {
        "status": response.status_code,
        "content_type": response.get("Content-Type", ""),
        "queries": len(queries),
        "bytes": len(body),
        "ms": round(elapsed * 1000, 1),
        "db_ms": round(sum(float(q["time"]) for q in queries) * 1000, 1),
        "page_cache_hit": response.get("X-Page-Cache") == "hit",
        "shared_page_cache_hit": response.get("X-Shared-Page-Cache") == "hit",
        "sql": [{"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"]} for q in queries],
    }


def ok(result: dict) -> bool:
    return 200 <= result["status"] < 300


def line(name: str, when: str, result: dict) -> str:
    text = (
        f"  {name:<24} {when:<13} {result['status']} {result['queries']:>3} queries "
        f"{result['bytes']:>8} B {result['ms']:>10.1f} ms (db {result['db_ms']:.1f} ms)"
    )
    if "runs_ms" in result:
        text += f"  runs: {', '.join(f'{ms:.0f}' for ms in result['runs_ms'])} ms"
    return text


def median_of(samples: list[dict]) -> dict:
    """The median request (by time), with every run's time when there were several."""
    median = sorted(samples, key=lambda sample: sample["ms"])[len(samples) // 2]
    if len(samples) > 1:
        median = {**median, "runs_ms": [sample["ms"] for sample in samples]}
    return median


def repeat(runs: int, request, *args) -> list[dict]:
    """Up to ``runs`` samples of ``request(*args)``; a failed or very slow request is not
    repeated."""
    samples = []
    for _ in range(runs):
        samples.append(request(*args))
        if samples[-1]["ms"] > SLOW_SECONDS * 1000 or not ok(samples[-1]):
            break
    return samples


def publish() -> None:
    """What any change to register data does when it commits: a new data version, which
    every cached count and page is keyed by (registers.cache)."""
    from django.db import transaction

    from registers.cache import data_changed

    with transaction.atomic():
        data_changed()


def first_after_publish(client, path: str) -> dict:
    client.get(path)  # the page is warm before the publish, as on a busy site
    publish()
    return get(client, path)


def main(pages_file: str, out: str, sql_dir: str | None = None) -> int:
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    # As wrk sends them: the loopback host, and the load balancer's header saying the visitor
    # came over HTTPS (see run.sh). An error page is a result here, not an exception.
    headers = {"HTTP_HOST": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https"}
    # A Cookie header given here replaces the client's cookie jar: the anonymous client never
    # sends back a cookie a page set (wrk does not either).
    anonymous = Client(raise_request_exception=False, HTTP_COOKIE="", **headers)
    with_cookie = Client(raise_request_exception=False, HTTP_COOKIE=COOKIE, **headers)
    pages = json.loads(Path(pages_file).read_text())

    # Templates, URL resolvers, content types: loaded once per process, not per page.
    anonymous.get(pages[0]["path"])
    results = {page["name"]: dict.fromkeys(PASSES) for page in pages}

    def cold(client, path: str) -> dict:
        cache.clear()
        return get(client, path)

    for page in pages:
        result = median_of(repeat(COLD_RUNS, cold, anonymous, page["path"]))
        results[page["name"]]["cold"] = result
        print(line(page["name"], "cold", result), flush=True)
    for page in pages:
        if not page.get("after_publish") or not ok(results[page["name"]]["cold"]):
            continue
        samples = repeat(COLD_RUNS, first_after_publish, with_cookie, page["path"])
        results[page["name"]]["after_publish"] = median_of(samples)
        print(line(page["name"], "after publish", median_of(samples)), flush=True)
    for when, client in (("cached", anonymous), ("view", with_cookie)):
        for page in pages:
            if not ok(results[page["name"]]["cold"]):
                continue
            median = median_of(repeat(RUNS, get, client, page["path"]))
            results[page["name"]][when] = {k: v for k, v in median.items() if k != "runs_ms"}
            print(line(page["name"], when, results[page["name"]][when]), flush=True)

    summary, bad = {}, []
    for page in pages:
        name = page["name"]
        if sql_dir:
            Path(sql_dir).mkdir(parents=True, exist_ok=True)
            record = {"path": page["path"], **results[name]}
            Path(sql_dir, f"{slug(name)}.json").write_text(json.dumps(record, indent=1))
        summary[name] = {
            when: None
            if result is None
            else {key: value for key, value in result.items() if key != "sql"}
            for when, result in results[name].items()
        }
        for when, result in results[name].items():
            if result is not None and not ok(result):
                bad.append(f"{page['path']} answered {result['status']} ({when}, in-process)")
    Path(out).write_text(json.dumps(summary, indent=2) + "\n")
    for message in bad:
        print(f"ERROR: {message}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
