"""Turn one bench run into the table and bench/results.json.

``python bench/report.py WORK_DIR OUT.json``, reading from WORK_DIR: ``pages.json`` (from
bench/pages.py), ``inprocess.json`` (from bench/inprocess.py), ``wrk/<page>.txt`` (wrk's output
with bench/wrk_stats.lua's ``BENCH_JSON`` line for the cookieless pass; missing for a page that
failed in-process), ``wrk/<page>--view.txt`` (the same with a cookie: no page cache),
``wrk/bare-view-end.txt`` (the bare view again, after the pages) and ``config.json``.

Exits 1 if any page failed: a response that was not 2xx, or a request that got no response
(socket error or wrk's 10 s timeout), in-process or under load. With BENCH_STRICT=1, also if
any page missed its target.
"""

import json
import os
import sys
from pathlib import Path

# Throughput as a share of the bare view's, and p95 latency, each kind of page must reach.
# The two load passes: (name, wrk file suffix, in-process pass, heading).
PASSES = [
    ("cached", "", "cached", "Cookieless visitors: public pages from the page cache"),
    (
        "view",
        "--view",
        "view",
        "Visitors with a cookie: no page cache, the view runs (facet counts and totals cached)",
    ),
]

TARGETS = {
    "detail": {"min_ratio": 0.30, "max_p95_ms": None},
    "list": {"min_ratio": 0.15, "max_p95_ms": 100.0},
}


def slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def read_wrk(path: Path) -> dict | None:
    if not path.exists():
        return None
    for line in path.read_text().splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise SystemExit(f"{path}: no BENCH_JSON line (did wrk run with bench/wrk_stats.lua?)")


def target_text(kind: str) -> str:
    target = TARGETS.get(kind)
    if not target:
        return "reference"
    text = f"≥{target['min_ratio']:.0%} of bare"
    if target["max_p95_ms"]:
        text += f", p95<{target['max_p95_ms']:.0f}ms"
    return text


def target_misses(kind: str, ratio: float, p95_ms: float) -> list[str]:
    target = TARGETS.get(kind)
    misses = []
    if target:
        if ratio < target["min_ratio"]:
            misses.append(f"throughput {ratio:.0%} of the bare view's < {target['min_ratio']:.0%}")
        if target["max_p95_ms"] and p95_ms >= target["max_p95_ms"]:
            misses.append(f"p95 {p95_ms:.0f} ms ≥ {target['max_p95_ms']:.0f} ms")
    return misses


def page_errors(local: dict, wrk: dict | None) -> list[str]:
    errors = []
    for when, result in local.items():
        if result is not None and not 200 <= result["status"] < 300:
            errors.append(
                f"answered {result['status']} in-process ({when}, after {result['ms']:.0f} ms)"
            )
    if wrk is None:
        errors.append("not loaded (failed in-process)")
        return errors
    if wrk["non2xx"]:
        errors.append(f"{wrk['non2xx']} non-2xx responses under load")
    failed = {kind: n for kind, n in wrk["errors"].items() if n}
    if failed:
        errors.append(
            "requests without a response under load: "
            + ", ".join(f"{n} {kind}" for kind, n in failed.items())
        )
    return errors


def main(work: str, out: str) -> int:
    work_dir = Path(work)
    pages = json.loads((work_dir / "pages.json").read_text())
    inprocess = json.loads((work_dir / "inprocess.json").read_text())
    config = json.loads((work_dir / "config.json").read_text())
    if os.environ.get("BENCH_ELAPSED_S"):
        config["wall_time_s_before_report"] = int(os.environ["BENCH_ELAPSED_S"])

    bare_page = next(page for page in pages if page["kind"] == "bare")
    bare_start = read_wrk(work_dir / "wrk" / f"{slug(bare_page['name'])}.txt")
    bare_end = read_wrk(work_dir / "wrk" / "bare-view-end.txt") or bare_start
    if bare_start is None:
        raise SystemExit("The bare view was not loaded: no reference to compare pages with.")
    bare_rps = (bare_start["rps"] + bare_end["rps"]) / 2
    # wrk, gunicorn and PostgreSQL share the CPUs with whatever else runs on the machine: if
    # the bare view itself moved during the run, the other figures moved with it.
    drift = abs(bare_start["rps"] - bare_end["rps"]) / max(bare_start["rps"], bare_end["rps"])
    config["load_average_1m_after"] = round(os.getloadavg()[0], 2)
    config["bare_drift"] = round(drift, 3)

    rows, failures, errors = [], [], []
    for pass_name, suffix, local_pass, _heading in PASSES:
        for page in pages:
            if page["kind"] == "bare" and suffix:
                continue  # one bare view: the reference of both passes
            wrk = read_wrk(work_dir / "wrk" / f"{slug(page['name'])}{suffix}.txt")
            if wrk is not None and page["kind"] == "bare":
                wrk = {**wrk, "rps": bare_rps}
            local = inprocess[page["name"]]
            measured = local[local_pass] or local["cold"]
            ratio = wrk["rps"] / bare_rps if wrk and bare_rps else 0.0
            errs = page_errors({local_pass: local[local_pass], "cold": local["cold"]}, wrk)
            misses = target_misses(page["kind"], ratio, wrk["p95_ms"]) if wrk else []
            passed = "-" if page["kind"] == "bare" else "PASS"
            row = {
                "pass": pass_name,
                "page": page["name"],
                "path": page["path"],
                "kind": page["kind"],
                "requests": wrk["requests"] if wrk else 0,
                "rps": round(wrk["rps"], 1) if wrk else None,
                "p50_ms": round(wrk["p50_ms"], 1) if wrk else None,
                "p95_ms": round(wrk["p95_ms"], 1) if wrk else None,
                "p99_ms": round(wrk["p99_ms"], 1) if wrk else None,
                "non2xx": wrk["non2xx"] if wrk else None,
                "socket_errors": wrk["errors"] if wrk else None,
                "queries_per_request": measured["queries"],
                "queries_per_request_cold": local["cold"]["queries"],
                "page_cache_hit": measured.get("page_cache_hit", False),
                "response_bytes": measured["bytes"],
                "inprocess_ms": measured["ms"],
                "inprocess_db_ms": measured["db_ms"],
                "cold_ms": local["cold"]["ms"],
                "cold_db_ms": local["cold"]["db_ms"],
                "ratio_to_bare": round(ratio, 3),
                "target": target_text(page["kind"]),
                "result": "FAIL" if errs or misses else passed,
                "misses": misses,
                "errors": errs,
            }
            if page["kind"] == "bare":
                row["rps_start"] = round(bare_start["rps"], 1)
                row["rps_end"] = round(bare_end["rps"], 1)
            rows.append(row)
            label = f"{page['name']} ({pass_name})"
            errors.extend(f"{label}: {error}" for error in errs if error not in errors)
            if misses:
                failures.append(f"{label}: {'; '.join(misses)}")
    errors = list(dict.fromkeys(errors))

    review_file = work_dir / "review.json"
    review = json.loads(review_file.read_text()) if review_file.exists() else None
    if review and review["result"] != "PASS":
        failures.append(f"annual review PDF: {review['target']}")

    search_file = work_dir / "search.json"
    search = json.loads(search_file.read_text()) if search_file.exists() else None
    if search and search["result"] != "PASS":
        failures.append(f"site search: {search['target']}")

    result = {
        "config": config,
        "bare_rps": round(bare_rps, 1),
        "review_pdf": review,
        "site_search": search,
        "pages": rows,
        "target_misses": failures,
        "errors": errors,
    }
    Path(out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print_header(config)
    for pass_name, _suffix, _local, heading in PASSES:
        print(f"\n{heading}\n")
        print_table([row for row in rows if row["pass"] == pass_name or row["kind"] == "bare"])
    print(
        "\nqueries: per request in that pass (0 when the page cache answers), then on the first"
        " request after the cache is emptied; cold ms: that first request, in-process."
    )
    if review:
        print(
            f"\nAnnual review of {review['year']} ({review['projects_active']} projects active):"
            f" figures + PDF {review['compile_and_render_median_s']} s median,"
            f" {review['compile_and_render_worst_s']} s worst of {review['runs']};"
            f" {review['pdf_pages']} pages. {review['result']}"
        )
    if search:
        counted = ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in search["rows"].items())
        print(
            f"\nSite search ({counted}): {len(search['searches'])} searches,"
            f" {search['runs_each']} requests each: p50 {search['p50_ms']} ms,"
            f" p95 {search['p95_ms']} ms. {search['result']}"
        )
    print(
        f"\nBare view: {bare_start['rps']:.0f} req/s before the pages, "
        f"{bare_end['rps']:.0f} after; ratios use the mean, {bare_rps:.0f}."
    )
    if drift > 0.2:
        print(
            f"\nWARNING: the bare view's throughput changed by {drift:.0%} during the run (load"
            f" average {config['load_average_1m_before']} before, "
            f"{config['load_average_1m_after']} after): something else was using the CPUs, so"
            " every figure is suspect. Run again on a quiet machine."
        )
    if failures:
        print(f"\n{len(failures)} page(s) missed a target:")
        for failure in failures:
            print(f"  - {failure}")
    elif not errors:
        print("\nEvery page met its target.")
    if errors:
        print(f"\n{len(errors)} failure(s): the run fails.")
        for error in errors:
            print(f"  - {error}")
    print(f"\nWritten to {out}")
    if errors:
        return 1
    if failures and os.environ.get("BENCH_STRICT") == "1":
        return 1
    return 0


def print_header(config):
    print(
        f"\nLondonConnects bench: {config['projects']:,} projects, PostgreSQL "
        f"{config['postgresql']}, gunicorn {config['workers']} workers, wrk "
        f"-t{config['threads']} -c{config['connections']}, {config['duration_s']} s per page "
        f"after {config['warmup_s']} s warm-up, {config['cpus']} CPUs "
        f"(load {config['load_average_1m_before']} before)"
    )


def print_table(rows):
    headers = [
        "page",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "non-2xx",
        "queries",
        "bytes",
        "cold ms",
        "× bare",
        "target",
        "result",
    ]

    def number(value, spec):
        return "—" if value is None else format(value, spec)

    lines = [
        [
            row["page"],
            number(row["rps"], ".0f"),
            number(row["p50_ms"], ".1f"),
            number(row["p95_ms"], ".1f"),
            number(row["p99_ms"], ".1f"),
            number(row["non2xx"], "d"),
            f"{row['queries_per_request']} ({row['queries_per_request_cold']} cold)",
            f"{row['response_bytes']:,}",
            f"{row['cold_ms']:,.0f}",
            f"{row['ratio_to_bare']:.0%}" if row["rps"] is not None else "—",
            row["target"],
            row["result"],
        ]
        for row in rows
    ]
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(headers)]
    left = {0, 6, 10, 11}

    def fmt(cells):
        return "  ".join(
            cell.ljust(widths[i]) if i in left else cell.rjust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    print(fmt(headers))
    print(fmt(["-" * w for w in widths]))
    for line in lines:
        print(fmt(line))


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
