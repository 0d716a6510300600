"""How fast the site search answers, on the benchmark database.

``python bench/search.py OUT.json``, after seeding: requests ``/search/`` in-process (Django's
test client, as a visitor with a cookie, so the anonymous page cache steps aside and every
request runs the search) for a mix of searches: common and rare words, a phrase, an
exclusion, OR, a misspelling (which asks for a suggestion), one register, a later page. Each
is asked once to warm the database's own caches, then ``RUNS`` times; the 95th percentile of
all of those requests is held to the issue's target of 100 ms.
"""

import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings")

RUNS = 20
TARGET_MS = 100.0
SEARCHES = [
    {"q": "smart card"},
    {"q": "partnership"},
    {"q": "business case"},
    {"q": '"contact centre" -newham'},
    {"q": "kiosk OR procurement"},
    {"q": "caldicott"},
    {"q": "smrt crd"},
    {"q": "smart", "register": "projects"},
    {"q": "specification", "register": "posts", "page": "3"},
]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(out: str) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from contacts.models import Contact
    from forums.models import Post
    from papers.models import Paper
    from projects.models import Project

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="localhost")
    client.cookies["lc_bench"] = "1"
    rows, every = [], []
    for params in SEARCHES:
        response = client.get("/search/", params)
        assert response.status_code == 200, (params, response.status_code)
        html = response.content.decode()
        counted = re.search(r'id="results-count">([\d,]+) ', html)
        total = int(counted.group(1).replace(",", "")) if counted else 0
        suggested = re.search(r"Did you mean <a[^>]*>([^<]*)</a>", html)
        samples = []
        for _ in range(RUNS):
            start = time.perf_counter()
            client.get("/search/", params)
            samples.append((time.perf_counter() - start) * 1000)
        every += samples
        rows.append(
            {
                "params": params,
                "results": total,
                "suggestion": suggested.group(1) if suggested else "",
                "median_ms": round(statistics.median(samples), 1),
                "p95_ms": round(percentile(samples, 0.95), 1),
            }
        )
        print(
            f"  {json.dumps(params):55} {total:>7} results  median {rows[-1]['median_ms']:6.1f} ms"
            f"  p95 {rows[-1]['p95_ms']:6.1f} ms"
        )
    p95 = round(percentile(every, 0.95), 1)
    result = {
        "rows": {
            "projects": Project.objects.count(),
            "contacts": Contact.objects.count(),
            "papers": Paper.objects.count(),
            "forum_posts": Post.objects.count(),
        },
        "database": connection.vendor,
        "runs_each": RUNS,
        "searches": rows,
        "p50_ms": round(statistics.median(every), 1),
        "p95_ms": p95,
        "target": f"a search answers in under {TARGET_MS:.0f} ms at the 95th percentile",
        "result": "PASS" if p95 < TARGET_MS else "FAIL",
    }
    Path(out).write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"  all {len(every)} requests: p50 {result['p50_ms']} ms, p95 {p95} ms: {result['result']}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
