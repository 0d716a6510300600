"""Turn one bench run into the tables and bench/results.json.

``python bench/report.py WORK_DIR OUT.json``, reading from WORK_DIR: ``pages.json`` (from
bench/pages.py), ``inprocess.json`` (from bench/inprocess.py: cold, after a publish, warm),
``staff.json`` (from bench/staff.py: the signed-in officer, in-process), ``config.json`` and
wrk's output with bench/wrk_stats.lua's ``BENCH_JSON`` line: ``wrk/<page>.txt`` (cookieless),
``wrk/<page>--view.txt`` (with a cookie), ``wrk/<page>--staff.txt`` (the officer's session
cookie), ``wrk/<page>--load.txt`` (the long load run) and ``wrk/bare-view-end.txt`` (the bare
view again, last). A page that failed in-process has no wrk file.

Targets are issue 15's (``TARGETS``, ``COLD_TARGET_MS`` and the rest below); which pages are
lists, the site search or detail pages is bench/pages.py's ``kind``.

Exits 1 if any page failed: a response that was not 2xx, or a request that got no response
(socket error or wrk's 10 s timeout), in-process or under load. With BENCH_STRICT=1, also if
any target was missed.
"""

import json
import os
import sys
from pathlib import Path

LIST_KINDS = ("list", "site-search")
# Per load pass and kind of page: throughput as a share of the bare view's, and latency.
COOKIELESS = {kind: {"min_ratio": 0.60} for kind in (*LIST_KINDS, "detail")}
WITH_A_COOKIE = {
    **{kind: {"min_ratio": 0.25, "max_p95_ms": 50.0} for kind in LIST_KINDS},
    "detail": {"min_ratio": 0.35},
}
LONG_LOAD = {kind: {"max_p99_ms": 250.0, "no_errors": True} for kind in (*LIST_KINDS, "detail")}
# The load passes: (name, wrk file suffix, in-process result it goes with, targets, whether
# a miss counts, heading).
PASSES = [
    (
        "cached",
        "",
        "cached",
        COOKIELESS,
        True,
        "1. Cookieless visitors: public pages from the anonymous page cache",
    ),
    (
        "view",
        "--view",
        "view",
        WITH_A_COOKIE,
        True,
        "2. Visitors with a cookie, warm: the anonymous page cache steps aside (the shared page"
        " cache answers for the visitor's class)",
    ),
    (
        "staff",
        "--staff",
        "staff",
        WITH_A_COOKIE,
        False,
        "3b. A signed-in partner officer under load, the real session cookie (informational:"
        " held to the with-a-cookie targets for comparison, not counted)",
    ),
    (
        "load",
        "--load",
        "view",
        LONG_LOAD,
        True,
        "5. Load: with a cookie, {connections} connections, {seconds} s per page",
    ),
]
# In-process, median of several requests, the cache emptied before each one.
COLD_TARGET_MS = {"list": 100.0, "detail": 100.0, "site-search": 150.0}
# In-process, median of several first requests after a publish, with a cookie.
AFTER_PUBLISH_TARGET_MS = 150.0
# The whole run, seeding aside.
TIME_BUDGET_S = 15 * 60


def slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def read_json(path: Path):
    return json.loads(path.read_text()) if path.exists() else None


def read_wrk(path: Path) -> dict | None:
    if not path.exists():
        return None
    for line in path.read_text().splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise SystemExit(f"{path}: no BENCH_JSON line (did wrk run with bench/wrk_stats.lua?)")


def target_text(target: dict | None) -> str:
    if not target:
        return "reference"
    parts = []
    if "min_ratio" in target:
        parts.append(f"≥{target['min_ratio']:.0%} of bare")
    if "max_p95_ms" in target:
        parts.append(f"p95<{target['max_p95_ms']:.0f}ms")
    if "max_p99_ms" in target:
        parts.append(f"p99<{target['max_p99_ms']:.0f}ms")
    if target.get("no_errors"):
        parts.append("0 errors")
    return ", ".join(parts)


def wrk_error_count(wrk: dict) -> int:
    return wrk["non2xx"] + sum(wrk["errors"].values())


def target_misses(target: dict | None, ratio: float, wrk: dict) -> list[str]:
    if not target:
        return []
    misses = []
    if "min_ratio" in target and ratio < target["min_ratio"]:
        misses.append(f"throughput {ratio:.0%} of the bare view's < {target['min_ratio']:.0%}")
    if "max_p95_ms" in target and wrk["p95_ms"] >= target["max_p95_ms"]:
        misses.append(f"p95 {wrk['p95_ms']:.0f} ms ≥ {target['max_p95_ms']:.0f} ms")
    if "max_p99_ms" in target and wrk["p99_ms"] >= target["max_p99_ms"]:
        misses.append(f"p99 {wrk['p99_ms']:.0f} ms ≥ {target['max_p99_ms']:.0f} ms")
    if target.get("no_errors") and wrk_error_count(wrk):
        misses.append(f"{wrk_error_count(wrk)} errors (non-2xx or no response)")
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
        by_class = {k: n for k, n in wrk.get("non2xx_by_class", {}).items() if n}
        detail = f" ({', '.join(f'{n} {k}' for k, n in by_class.items())})" if by_class else ""
        errors.append(f"{wrk['non2xx']} non-2xx responses under load{detail}")
    failed = {kind: n for kind, n in wrk["errors"].items() if n}
    if failed:
        errors.append(
            "requests without a response under load: "
            + ", ".join(f"{n} {kind}" for kind, n in failed.items())
        )
    return errors


def load_rows(work_dir, pages, inprocess, staff, bare, config):
    """One row per page and load pass that ran; with the targets missed and the errors."""
    rows, misses, errors = [], [], []
    for run, suffix, local_pass, targets, counted, _heading in PASSES:
        for page in pages:
            is_bare = page["kind"] == "bare"
            if is_bare and suffix:
                continue  # one bare view: the reference of every pass
            if run in ("staff", "load") and not page.get("load"):
                continue
            wrk = read_wrk(work_dir / "wrk" / f"{slug(page['name'])}{suffix}.txt")
            if run == "staff" and wrk is None:
                continue  # the officer's load pass was left out (BENCH_STAFF_LOAD=0)
            if is_bare:
                wrk = {**wrk, "rps": bare["rps"]}
            local = inprocess[page["name"]]
            if run == "staff":
                measured = (staff or {}).get("pages", {}).get(page["name"])
                checked = {"staff": measured}
            else:
                measured = local[local_pass]
                checked = {local_pass: measured}  # a failed cold request: in the cold rows
            measured = measured or local["cold"]
            ratio = wrk["rps"] / bare["rps"] if wrk and bare["rps"] else 0.0
            target = None if is_bare else targets.get(page["kind"])
            errs = page_errors(checked, wrk)
            page_misses = target_misses(target, ratio, wrk) if wrk else []
            if errs or page_misses:
                result = "FAIL" if counted or errs else "miss"
            else:
                result = "-" if is_bare else "PASS"
            row = {
                "run": run,
                "page": page["name"],
                "path": page["path"],
                "kind": page["kind"],
                "connections": config.get("load_connections")
                if run == "load"
                else config.get("connections"),
                "requests": wrk["requests"] if wrk else 0,
                "rps": round(wrk["rps"], 1) if wrk else None,
                "p50_ms": round(wrk["p50_ms"], 1) if wrk else None,
                "p95_ms": round(wrk["p95_ms"], 1) if wrk else None,
                "p99_ms": round(wrk["p99_ms"], 1) if wrk else None,
                "max_ms": round(wrk["max_ms"], 1) if wrk else None,
                "non2xx": wrk["non2xx"] if wrk else None,
                "non2xx_by_class": wrk.get("non2xx_by_class") if wrk else None,
                "socket_errors": wrk["errors"] if wrk else None,
                "queries_per_request": measured["queries"],
                "queries_per_request_cold": local["cold"]["queries"],
                "page_cache_hit": measured.get("page_cache_hit", False),
                "shared_page_cache_hit": measured.get("shared_page_cache_hit", False),
                "response_bytes": measured["bytes"],
                "inprocess_ms": measured["ms"],
                "inprocess_db_ms": measured["db_ms"],
                "ratio_to_bare": round(ratio, 3),
                "target": target_text(target),
                "counted": counted,
                "result": result,
                "misses": page_misses,
                "errors": errs,
            }
            if is_bare:
                row["rps_start"] = round(bare["start"]["rps"], 1)
                row["rps_end"] = round(bare["end"]["rps"], 1)
            rows.append(row)
            label = f"{page['name']} ({run})"
            errors.extend(f"{label}: {error}" for error in errs)
            if page_misses and counted:
                misses.append(f"{label}: {'; '.join(page_misses)}")
    return rows, misses, list(dict.fromkeys(errors))


def cold_rows(pages, inprocess):
    """The cold pass (median of several requests, the cache emptied before each) and the first
    request after a publish."""
    rows, misses = [], []
    for page in pages:
        local = inprocess[page["name"]]
        for when, limit in (
            ("cold", COLD_TARGET_MS.get(page["kind"])),
            ("after_publish", AFTER_PUBLISH_TARGET_MS),
        ):
            measured = local.get(when)
            if measured is None:
                continue
            runs = measured.get("runs_ms", [measured["ms"]])
            missed = bool(limit) and measured["ms"] >= limit
            ok = 200 <= measured["status"] < 300
            rows.append(
                {
                    "run": when,
                    "page": page["name"] if when == "cold" else f"{page['name']}, after a publish",
                    "path": page["path"],
                    "kind": page["kind"],
                    "status": measured["status"],
                    "median_ms": measured["ms"],
                    "runs_ms": runs,
                    "db_ms": measured["db_ms"],
                    "queries": measured["queries"],
                    "response_bytes": measured["bytes"],
                    "target": f"median<{limit:.0f}ms" if limit else "reference",
                    "result": "FAIL" if missed or not ok else ("PASS" if limit else "-"),
                }
            )
            if missed:
                label = rows[-1]["page"]
                misses.append(
                    f"{label} ({when.replace('_', ' ')}): median {measured['ms']:.0f} ms"
                    f" ≥ {limit:.0f} ms"
                )
    return rows, misses


def main(work: str, out: str) -> int:
    work_dir = Path(work)
    pages = json.loads((work_dir / "pages.json").read_text())
    inprocess = json.loads((work_dir / "inprocess.json").read_text())
    config = json.loads((work_dir / "config.json").read_text())
    staff = read_json(work_dir / "staff.json")
    if os.environ.get("BENCH_ELAPSED_S"):
        config["wall_time_s_before_report"] = int(os.environ["BENCH_ELAPSED_S"])
    if os.environ.get("BENCH_SEEDING_S"):
        config["seeding_s"] = int(os.environ["BENCH_SEEDING_S"])

    bare_page = next(page for page in pages if page["kind"] == "bare")
    bare_start = read_wrk(work_dir / "wrk" / f"{slug(bare_page['name'])}.txt")
    bare_end = read_wrk(work_dir / "wrk" / "bare-view-end.txt") or bare_start
    if bare_start is None:
        raise SystemExit("The bare view was not loaded: no reference to compare pages with.")
    bare = {
        "start": bare_start,
        "end": bare_end,
        "rps": (bare_start["rps"] + bare_end["rps"]) / 2,
    }
    # wrk, gunicorn and PostgreSQL share the CPUs with whatever else runs on the machine: if
    # the bare view itself moved during the run, the other figures moved with it.
    drift = abs(bare_start["rps"] - bare_end["rps"]) / max(bare_start["rps"], bare_end["rps"])
    config["load_average_1m_after"] = round(os.getloadavg()[0], 2)
    config["bare_drift"] = round(drift, 3)

    rows, failures, errors = load_rows(work_dir, pages, inprocess, staff, bare, config)
    cold, cold_misses = cold_rows(pages, inprocess)
    failures += cold_misses
    errors += [
        f"{row['page']} ({row['run'].replace('_', ' ')}): answered {row['status']} in-process"
        for row in cold
        if not 200 <= row["status"] < 300
    ]

    if staff is None:
        errors.append("signed-in staff session: not measured (bench/staff.py failed)")
    else:
        errors += [f"signed-in staff session: {error}" for error in staff["errors"]]
        if staff["result"] != "PASS":
            failures.append(
                f"signed-in staff session: bare view {staff['bare_view_max_queries']} queries"
                f" per request, target {staff['target']}"
            )

    review = read_json(work_dir / "review.json")
    if review and review["result"] != "PASS":
        failures.append(f"annual review PDF: {review['target']}")
    search = read_json(work_dir / "search.json")
    if search and search["result"] != "PASS":
        failures.append(f"site search: {search['target']}")

    after_seeding = config.get("wall_time_s_before_report", 0) - config.get("seeding_s", 0)
    if config.get("wall_time_s_before_report") and after_seeding >= TIME_BUDGET_S:
        failures.append(
            f"run time: {after_seeding // 60}m{after_seeding % 60:02d}s after seeding"
            f" ≥ {TIME_BUDGET_S // 60} minutes"
        )

    result = {
        "config": config,
        "bare_rps": round(bare["rps"], 1),
        "review_pdf": review,
        "site_search": search,
        "pages": rows,
        "cold": cold,
        "staff_session": staff,
        "target_misses": failures,
        "errors": errors,
    }
    Path(out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    print_header(config)
    for run, _suffix, _local, _targets, _counted, heading in PASSES[:2]:
        print(f"\n{heading}\n")
        print_load_table([row for row in rows if row["run"] == run or row["kind"] == "bare"])
    print_staff(staff, [row for row in rows if row["run"] == "staff"], PASSES[2][5])
    print(
        f"\n4. Cold, in-process: the cache emptied before each request, median of"
        f" {config.get('cold_runs', '?')}; after a publish: the data version changed, the first"
        " request with a cookie\n"
    )
    print_cold_table(cold)
    load_pass = [row for row in rows if row["run"] == "load"]
    if load_pass:
        heading = PASSES[3][5].format(
            connections=config.get("load_connections"), seconds=config.get("load_duration_s")
        )
        print(f"\n{heading}\n")
        print_load_table(load_pass, ratio=False)
    print(
        "\nqueries: per request in that pass (0 when a page cache answers), then on a cold"
        " request (the cache emptied first); × bare: req/s as a share of the bare view's."
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
        f"{bare_end['rps']:.0f} after; ratios use the mean, {bare['rps']:.0f}."
    )
    if config.get("wall_time_s_before_report"):
        print(
            f"Run time before this report: {after_seeding // 60}m{after_seeding % 60:02d}s after"
            f" seeding (budget {TIME_BUDGET_S // 60} minutes), seeding {config['seeding_s']} s."
        )
    if drift > 0.2:
        print(
            f"\nWARNING: the bare view's throughput changed by {drift:.0%} during the run (load"
            f" average {config['load_average_1m_before']} before, "
            f"{config['load_average_1m_after']} after): something else was using the CPUs, so"
            " every figure is suspect. Run again on a quiet machine."
        )
    if failures:
        print(f"\n{len(failures)} target(s) missed:")
        for failure in failures:
            print(f"  - {failure}")
    elif not errors:
        print("\nEvery target met.")
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
        f"after {config['warmup_s']} s warm-up (load run: -c{config.get('load_connections')}, "
        f"{config.get('load_duration_s')} s), {config['cpus']} CPUs "
        f"(load {config['load_average_1m_before']} before), commit {config.get('commit')}"
    )


def number(value, spec):
    return "—" if value is None else format(value, spec)


def print_table(headers, lines, left):
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(headers)]

    def fmt(cells):
        return "  ".join(
            cell.ljust(widths[i]) if i in left else cell.rjust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    print(fmt(headers))
    print(fmt(["-" * w for w in widths]))
    for line in lines:
        print(fmt(line))


def print_load_table(rows, ratio=True):
    headers = ["page", "req/s", "p50 ms", "p95 ms", "p99 ms", "non-2xx", "queries", "bytes"]
    headers += ["× bare"] if ratio else ["max ms"]
    headers += ["target", "result"]
    lines = []
    for row in rows:
        line = [
            row["page"],
            number(row["rps"], ".0f"),
            number(row["p50_ms"], ".1f"),
            number(row["p95_ms"], ".1f"),
            number(row["p99_ms"], ".1f"),
            number(row["non2xx"], "d"),
            f"{row['queries_per_request']} ({row['queries_per_request_cold']} cold)",
            f"{row['response_bytes']:,}",
        ]
        if ratio:
            line.append(f"{row['ratio_to_bare']:.0%}" if row["rps"] is not None else "—")
        else:
            line.append(number(row["max_ms"], ".0f"))
        line += [row["target"], row["result"]]
        lines.append(line)
    print_table(headers, lines, left={0, 6, 9, 10})


def print_cold_table(rows):
    headers = ["page", "median ms", "runs ms", "db ms", "queries", "bytes", "target", "result"]
    lines = [
        [
            row["page"],
            f"{row['median_ms']:,.1f}",
            " ".join(f"{ms:.0f}" for ms in row["runs_ms"]),
            f"{row['db_ms']:.1f}",
            str(row["queries"]),
            f"{row['response_bytes']:,}",
            row["target"],
            row["result"],
        ]
        for row in rows
    ]
    print_table(headers, lines, left={0, 2, 6, 7})


def print_staff(staff, load_rows, load_heading):
    print(
        "\n3. A signed-in partner officer (staff, second factor verified), in-process: queries"
        " per request after one warm-up request\n"
    )
    if staff is None:
        print("  not measured: bench/staff.py failed")
        return
    headers = ["page", "queries", "each run", "warm-up", "median ms", "bytes", "target", "result"]
    lines = []
    for name, page in staff["pages"].items():
        is_bare = page["kind"] == "bare"
        lines.append(
            [
                name,
                str(page["queries"]),
                " ".join(str(n) for n in page["queries_each"]),
                str(page["warm_up_queries"]),
                f"{page['ms']:.1f}",
                f"{page['bytes']:,}",
                staff["target"].removeprefix("bare view ") if is_bare else "informational",
                staff["result"] if is_bare else "-",
            ]
        )
    print_table(headers, lines, left={0, 2, 6, 7})
    if load_rows:
        print(f"\n{load_heading}\n")
        print_load_table(load_rows)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
