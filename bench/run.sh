#!/usr/bin/env bash
# `make bench`: load every page type of LondonConnects on PostgreSQL with 100,000 projects,
# served as production serves it (gunicorn, DEBUG off, whitenoise, the shared cache), and
# compare each page's throughput and latency with a bare view's. See bench/README.md.
#
# Knobs (environment): DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lc_bench),
# REDIS_URL (redis://127.0.0.1:6379/1; emptied by the run), BENCH_PROJECTS (100000), BENCH_LINKS (20000),
# BENCH_FUNDING (20000), BENCH_PAPERS (20000), BENCH_CONTACTS (20000),
# BENCH_TOPICS (5000, of 20 posts: 100,000 posts),
# GUNICORN_WORKERS (4),
# BENCH_PORT (8765), BENCH_WARMUP (1 s), BENCH_DURATION (5 s), BENCH_THREADS (2),
# BENCH_CONNECTIONS (16), BENCH_LOAD_DURATION (60 s), BENCH_LOAD_CONNECTIONS (32),
# BENCH_COLD_RUNS (5), BENCH_STAFF_LOAD (1; 0 leaves out the signed-in officer's load pass),
# BENCH_STATEMENT_TIMEOUT_MS (30000), BENCH_STRICT=1 (exit 1 when a target is missed, not
# only when a page fails), BENCH_WORK (bench/work), BENCH_RESULTS (bench/results.json).
set -euo pipefail

started=$SECONDS
cd "$(dirname "$0")/.."
BIN=.venv/bin
# Where the run's raw output and the results go (a smoke run on small data can keep them off
# the committed bench/results.json).
WORK="${BENCH_WORK:-bench/work}"
RESULTS="${BENCH_RESULTS:-bench/results.json}"

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/lc_bench}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/1}"
export DJANGO_SETTINGS_MODULE=londonconnects.settings
unset DJANGO_DEBUG
DJANGO_SECRET_KEY="bench-$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(32))')"
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost

PROJECTS="${BENCH_PROJECTS:-100000}"
LINKS="${BENCH_LINKS:-20000}"
FUNDING="${BENCH_FUNDING:-20000}"
PAPERS="${BENCH_PAPERS:-20000}"
CONTACTS="${BENCH_CONTACTS:-20000}"
TOPICS="${BENCH_TOPICS:-5000}"
PRODUCTS="${BENCH_PRODUCTS:-20000}"
EVENTS="${BENCH_EVENTS:-20000}"
WORKERS="${GUNICORN_WORKERS:-4}"
PORT="${BENCH_PORT:-8765}"
# Per page and pass; the whole run must stay under 15 minutes on 2 CPUs, seeding aside (about
# 75 page loads of WARMUP + DURATION, plus three long loads of LOAD_DURATION).
WARMUP="${BENCH_WARMUP:-1}"
DURATION="${BENCH_DURATION:-5}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
LOAD_DURATION="${BENCH_LOAD_DURATION:-60}"
LOAD_CONNECTIONS="${BENCH_LOAD_CONNECTIONS:-32}"
STAFF_LOAD="${BENCH_STAFF_LOAD:-1}"
export BENCH_COLD_RUNS="${BENCH_COLD_RUNS:-5}"
STATEMENT_TIMEOUT_MS="${BENCH_STATEMENT_TIMEOUT_MS:-30000}"
BASE="http://127.0.0.1:$PORT"
# Production runs behind a TLS-terminating load balancer that says so in this header
# (SECURE_PROXY_SSL_HEADER): sent with every request, pages are served as over HTTPS (no
# redirect; HSTS and secure cookies as in production).
PROTO_HEADER="X-Forwarded-Proto: https"
# Any cookie makes the anonymous page cache step aside (signed-in officers, anyone holding a
# CSRF cookie): the second load pass sends this one, which means nothing to the site.
BENCH_COOKIE="lc_bench=1"

# The app logs a JSON line per request (and more) on stdout: keep the set-up steps quiet;
# gunicorn gets the production level (DJANGO_LOG_LEVEL as given, INFO by default).
py() { DJANGO_LOG_LEVEL=WARNING "$BIN/python" "$@"; }
step() { printf '\n== %s (%ds)\n' "$*" "$((SECONDS - started))"; }

rm -rf "$WORK"
mkdir -p "$WORK/wrk" "$WORK/sql"

step "wrk"
if ! command -v wrk >/dev/null; then
    echo "Installing wrk (Debian package)"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
command -v wrk

step "Database ${DATABASE_URL%%\?*}, cache $REDIS_URL"
py bench/db.py ensure
py manage.py migrate --no-input -v0
py manage.py createcachetable  # a no-op unless the cache is the database's
py manage.py load_demo
# Rerunnable: seed_bulk does nothing when the database already holds that many bulk projects.
py manage.py seed_bulk --projects "$PROJECTS" --links "$LINKS" --funding "$FUNDING" --papers "$PAPERS" \
  --contacts "$CONTACTS" --topics "$TOPICS" --posts-per-topic 20 --products "$PRODUCTS" \
  --events "$EVENTS"
py bench/db.py analyze
# The 15-minute budget counts from here: seeding a fresh database takes what it takes.
seeded=$SECONDS
# The signed-in officer of the staff pass: creating the account changes the data version, so
# before anything is warmed.
py bench/staff.py officer

step "Static files"
py manage.py collectstatic --no-input -v0

# From here on, a guard as long as gunicorn's own 30 s request timeout: a query the worker
# would be killed for is cancelled instead of running on, unseen, under the next page.
export PGOPTIONS="-c statement_timeout=$STATEMENT_TIMEOUT_MS"

step "Annual review of the busiest year: figures and PDF"
py bench/review.py "$WORK/review.json"

step "Site search over every register"
py bench/search.py "$WORK/search.json"

step "Pages"
py bench/pages.py "$WORK/pages.json"
py bench/db.py config "$WORK/config.json" \
    "workers=$WORKERS" "threads=$THREADS" "connections=$CONNECTIONS" \
    "warmup_s=$WARMUP" "duration_s=$DURATION" "statement_timeout_ms=$STATEMENT_TIMEOUT_MS" \
    "load_duration_s=$LOAD_DURATION" "load_connections=$LOAD_CONNECTIONS" \
    "cold_runs=$BENCH_COLD_RUNS" \
    "started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    "work_tree_changes=$(git status --porcelain --untracked-files=no 2>/dev/null | wc -l)"

step "In-process (django.test.Client): cold x$BENCH_COLD_RUNS, after a publish, then warm"
py bench/inprocess.py "$WORK/pages.json" "$WORK/inprocess.json" "$WORK/sql" || true

step "Signed-in staff session (a partner officer, second factor verified), in-process"
py bench/staff.py measure "$WORK/pages.json" "$WORK/staff.json" "$WORK/staff-cookie.txt" \
    "$WORK/sql" || true

step "gunicorn londonconnects.wsgi, $WORKERS workers, on $BASE"
if curl -s -o /dev/null "$BASE/"; then
    echo "Something already answers on port $PORT: set BENCH_PORT." >&2
    exit 1
fi
GUNICORN_PID=""
stop_gunicorn() {
    if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill -TERM "$GUNICORN_PID" 2>/dev/null || true
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    GUNICORN_PID=""
}
trap stop_gunicorn EXIT
trap 'exit 130' INT TERM
# As the Dockerfile's CMD (access log and the app's JSON log lines on stdout), bound to
# loopback; what it prints goes to a file rather than the terminal.
"$BIN/gunicorn" londonconnects.wsgi \
    --bind "127.0.0.1:$PORT" \
    --workers "$WORKERS" \
    --access-logfile - >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!

for _ in $(seq 1 60); do
    if curl -fs -o /dev/null -H "$PROTO_HEADER" "$BASE/healthz/live"; then
        break
    fi
    if ! kill -0 "$GUNICORN_PID" 2>/dev/null; then
        echo "gunicorn exited; see $WORK/gunicorn.log" >&2
        tail -20 "$WORK/gunicorn.log" >&2
        exit 1
    fi
    sleep 0.5
done
curl -fsS -o /dev/null -H "$PROTO_HEADER" "$BASE/healthz/live" || {
    echo "gunicorn did not answer within 30 s; see $WORK/gunicorn.log" >&2
    exit 1
}
# Every worker opens its persistent database connection on its first request.
for _ in $(seq 1 $((WORKERS * 4))); do
    curl -fs -o /dev/null -H "$PROTO_HEADER" "$BASE/healthz"
done

load() { # load NAME URL OUTFILE [HEADER [CONNECTIONS [SECONDS]]]
    local extra=("-H" "$PROTO_HEADER")
    [ -z "${4:-}" ] || extra+=("-H" "$4")
    local connections="${5:-$CONNECTIONS}" seconds="${6:-$DURATION}"
    printf '  %-24s ' "$1"
    wrk -t"$THREADS" -c"$connections" -d"${WARMUP}s" --timeout 10s "${extra[@]}" "$2" \
        </dev/null >/dev/null
    wrk -t"$THREADS" -c"$connections" -d"${seconds}s" --timeout 10s "${extra[@]}" \
        -s bench/wrk_stats.lua "$2" </dev/null >"$3"
    sed -n 's/^BENCH_JSON //p' "$3"
    py bench/db.py quiesce </dev/null
}

# name, file name, kind, path ("-" for a page that failed in-process: reported as failed, not
# loaded), and whether it is one of the long load run's pages.
"$BIN/python" -c '
import json, sys
pages = json.load(open(sys.argv[1]))
inprocess = json.load(open(sys.argv[2]))
for page in pages:
    file = "".join(c if c.isalnum() else "-" for c in page["name"].lower()).strip("-")
    result = inprocess[page["name"]]
    ok = result["cold"] is not None and all(
        200 <= r["status"] < 300 for r in result.values() if r is not None
    )
    path = page["path"] if ok else "-"
    print(page["name"], file, page["kind"], path, int(bool(page.get("load"))), sep="\t")
' "$WORK/pages.json" "$WORK/inprocess.json" >"$WORK/load-list.tsv"

step "Load 1/4, cookieless visitors (public pages from the page cache):" \
    "wrk -t$THREADS -c$CONNECTIONS, ${WARMUP}s warm-up + ${DURATION}s per page"
while IFS=$'\t' read -r name file _kind path _long; do
    if [ "$path" = "-" ]; then
        printf '  %-24s not loaded: it failed in-process\n' "$name"
        continue
    fi
    load "$name" "$BASE$path" "$WORK/wrk/$file.txt"
done <"$WORK/load-list.tsv"

step "Load 2/4, visitors with a cookie (the anonymous page cache steps aside)"
while IFS=$'\t' read -r name file kind path _long; do
    [ "$kind" != "bare" ] || continue
    if [ "$path" = "-" ]; then
        printf '  %-24s not loaded: it failed in-process\n' "$name"
        continue
    fi
    load "$name" "$BASE$path" "$WORK/wrk/$file--view.txt" "Cookie: $BENCH_COOKIE"
done <"$WORK/load-list.tsv"

if [ "$STAFF_LOAD" = "1" ] && [ -s "$WORK/staff-cookie.txt" ]; then
    step "Load 3/4, a signed-in partner officer (the real session cookie)"
    staff_cookie="$(cat "$WORK/staff-cookie.txt")"
    while IFS=$'\t' read -r name file _kind path long; do
        [ "$long" = "1" ] && [ "$path" != "-" ] || continue
        load "$name" "$BASE$path" "$WORK/wrk/$file--staff.txt" "Cookie: $staff_cookie"
    done <"$WORK/load-list.tsv"
else
    step "Load 3/4, a signed-in partner officer: left out"
fi

step "Load 4/4, with a cookie: wrk -t$THREADS -c$LOAD_CONNECTIONS," \
    "${WARMUP}s warm-up + ${LOAD_DURATION}s per page"
while IFS=$'\t' read -r name file _kind path long; do
    [ "$long" = "1" ] || continue
    if [ "$path" = "-" ]; then
        printf '  %-24s not loaded: it failed in-process\n' "$name"
        continue
    fi
    load "$name" "$BASE$path" "$WORK/wrk/$file--load.txt" "Cookie: $BENCH_COOKIE" \
        "$LOAD_CONNECTIONS" "$LOAD_DURATION"
done <"$WORK/load-list.tsv"
load "bare view (again)" "$BASE/healthz/live" "$WORK/wrk/bare-view-end.txt"

stop_gunicorn

step "Results"
status=0
BENCH_ELAPSED_S=$((SECONDS - started)) BENCH_SEEDING_S=$((seeded - started)) \
    py bench/report.py "$WORK" "$RESULTS" || status=$?
printf '\nmake bench took %dm%02ds, %dm%02ds of it after seeding.\n' \
    "$(((SECONDS - started) / 60))" "$(((SECONDS - started) % 60))" \
    "$(((SECONDS - seeded) / 60))" "$(((SECONDS - seeded) % 60))"
exit "$status"
