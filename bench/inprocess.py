"""Queries per request and response size of each bench page, measured in-process.

``python bench/inprocess.py PAGES.json OUT.json [SQL_DIR]``: GETs every page with Django's
test Client (through the whole middleware stack, against the same database and cache gunicorn
uses) inside ``CaptureQueriesContext``, in three passes:

- ``cold``: the shared cache emptied just before the page's first request, as after any
  change to register data (or for a URL nobody asked for lately);
- ``cached``: ``RUNS`` more requests as a cookieless visitor, the state of the first load
  pass (public pages come from the page cache);
- ``view``: ``RUNS`` requests carrying a cookie (``COOKIE`` below), which the page cache
  leaves alone, as it does for signed-in officers and anyone holding a CSRF cookie: the view
  runs, with the shared facet counts and totals warm. The state of the second load pass.

Warm passes report the median request. Per page and pass: status, queries, body bytes,
in-process time (all, and in the database) and whether the page cache answered
(``X-Page-Cache: hit``). A page that does not answer 2xx cold is not requested again. With
SQL_DIR, each page's captured SQL (with times) goes to ``SQL_DIR/<page>.json`` for
bench/explain.py. The passes leave the caches warm for the load test.
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
# Any cookie makes the page cache step aside; this one means nothing to the site.
COOKIE = "lc_bench=1"
PASSES = ("cold", "cached", "view")
SLOW_SECONDS = 5.0  # a warm request slower than this is not repeated


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
        "sql": [{"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"]} for q in queries],
    }


def ok(result: dict) -> bool:
    return 200 <= result["status"] < 300


def line(name: str, when: str, result: dict) -> str:
    return (
        f"  {name:<24} {when:<6} {result['status']} {result['queries']:>3} queries "
        f"{result['bytes']:>8} B {result['ms']:>10.1f} ms (db {result['db_ms']:.1f} ms)"
    )


def main(pages_file: str, out: str, sql_dir: str | None = None) -> int:
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    # As wrk sends them: the loopback host, and the load balancer's header saying the visitor
    # came over HTTPS (see run.sh). An error page is a result here, not an exception.
    headers = {"HTTP_HOST": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https"}
    anonymous = Client(raise_request_exception=False, **headers)
    with_cookie = Client(raise_request_exception=False, HTTP_COOKIE=COOKIE, **headers)
    pages = json.loads(Path(pages_file).read_text())

    # Templates, URL resolvers, content types: loaded once per process, not per page.
    anonymous.get(pages[0]["path"])
    results = {page["name"]: dict.fromkeys(PASSES) for page in pages}
    for page in pages:
        cache.clear()
        results[page["name"]]["cold"] = get(anonymous, page["path"])
        print(line(page["name"], "cold", results[page["name"]]["cold"]), flush=True)
    for when, client in (("cached", anonymous), ("view", with_cookie)):
        for page in pages:
            if not ok(results[page["name"]]["cold"]):
                continue
            samples = []
            for _ in range(RUNS):
                samples.append(get(client, page["path"]))
                if samples[-1]["ms"] > SLOW_SECONDS * 1000 or not ok(samples[-1]):
                    break
            median = sorted(samples, key=lambda s: s["ms"])[len(samples) // 2]
            results[page["name"]][when] = median
            print(line(page["name"], when, median), flush=True)

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
