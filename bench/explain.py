"""EXPLAIN the slow queries of a page: the tool for finding out why a page misses its target.

    python bench/explain.py [--min-ms 10] [--no-analyze] [--warm] [--timeout 300] TARGET...

TARGET is a URL path (``/projects/?q=benefits``), requested in-process with the test Client
(with a cookie, so the page cache steps aside) after emptying the cache (unless --warm, which
keeps the shared facet counts and totals) with its SQL captured; or a file written by
bench/inprocess.py (``bench/work/sql/projects.json``), the SQL of that page's cold request.
Every query that took at least --min-ms is printed with its time and its
``EXPLAIN (ANALYZE, BUFFERS)`` plan (plain ``EXPLAIN`` with --no-analyze, for a query too slow
to run). Needs the same environment as the bench (see bench/README.md), e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lc_bench DJANGO_SECRET_KEY=x \\
    DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_LOG_LEVEL=WARNING \\
    .venv/bin/python bench/explain.py /projects/
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings")


def captured(target: str, *, warm: bool) -> tuple[str, list[dict]]:
    if not target.startswith("/"):
        record = json.loads(Path(target).read_text())
        return record["path"], record["cold"]["sql"]
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # With a cookie, so that the page cache steps aside and the view runs (see inprocess.py).
    client = Client(
        HTTP_HOST="127.0.0.1",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_COOKIE="lc_bench=1",
        raise_request_exception=False,
    )
    if not warm:
        cache.clear()  # the cold request: cached facet counts and totals recomputed
    with CaptureQueriesContext(connection) as queries:
        response = client.get(target)
    print(f"{target}: {response.status_code}, {len(queries)} queries")
    return target, [
        {"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"]} for q in queries.captured_queries
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="+")
    parser.add_argument("--min-ms", type=float, default=10.0)
    parser.add_argument("--no-analyze", action="store_true")
    parser.add_argument("--warm", action="store_true", help="do not empty the cache first")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per EXPLAIN ANALYZE")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    for target in args.targets:
        path, queries = captured(target, warm=args.warm)
        total = sum(q["ms"] for q in queries)
        print(f"\n#### {path}: {len(queries)} queries, {total:.1f} ms in the database")
        for number, query in enumerate(queries, 1):
            if query["ms"] < args.min_ms:
                continue
            print(f"\n-- query {number}: {query['ms']:.1f} ms\n{query['sql']}\n")
            options = "" if args.no_analyze else "(ANALYZE, BUFFERS) "
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {args.timeout * 1000}")
                cursor.execute(f"EXPLAIN {options}{query['sql']}")
                for (line,) in cursor.fetchall():
                    print(line)


if __name__ == "__main__":
    main()
