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
# BENCH_PORT (8765), BENCH_WARMUP (2 s), BENCH_DURATION (8 s), BENCH_THREADS (2),
# BENCH_CONNECTIONS (16), BENCH_STATEMENT_TIMEOUT_MS (30000), BENCH_STRICT=1 (exit 1 when a
# target is missed, not only when a page fails).
set -euo pipefail

started=$SECONDS
cd "$(dirname "$0")/.."
BIN=.venv/bin
WORK=bench/work
RESULTS=bench/results.json

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
WORKERS="${GUNICORN_WORKERS:-4}"
PORT="${BENCH_PORT:-8765}"
WARMUP="${BENCH_WARMUP:-2}"
DURATION="${BENCH_DURATION:-8}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
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
  --contacts "$CONTACTS" --topics "$TOPICS" --posts-per-topic 20
py bench/db.py analyze

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
    "started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    "work_tree_changes=$(git status --porcelain --untracked-files=no 2>/dev/null | wc -l)"

step "Queries per request and response bytes (in-process, django.test.Client)"
py bench/inprocess.py "$WORK/pages.json" "$WORK/inprocess.json" "$WORK/sql" || true

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

load() { # load NAME URL OUTFILE [HEADER]
    local extra=("-H" "$PROTO_HEADER")
    [ -z "${4:-}" ] || extra+=("-H" "$4")
    printf '  %-24s ' "$1"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s "${extra[@]}" "$2" \
        </dev/null >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s "${extra[@]}" \
        -s bench/wrk_stats.lua "$2" </dev/null >"$3"
    sed -n 's/^BENCH_JSON //p' "$3"
    py bench/db.py quiesce </dev/null
}

# name, file name, kind, and path ("-" for a page that failed in-process: reported as failed,
# not loaded).
"$BIN/python" -c '
import json, sys
pages = json.load(open(sys.argv[1]))
inprocess = json.load(open(sys.argv[2]))
for page in pages:
    file = "".join(c if c.isalnum() else "-" for c in page["name"].lower()).strip("-")
    result = inprocess[page["name"]]
    ok = all(r is not None and 200 <= r["status"] < 300 for r in result.values())
    print(page["name"], file, page["kind"], page["path"] if ok else "-", sep="\t")
' "$WORK/pages.json" "$WORK/inprocess.json" >"$WORK/load-list.tsv"

step "Load 1/2, cookieless visitors (public pages from the page cache):" \
    "wrk -t$THREADS -c$CONNECTIONS, ${WARMUP}s warm-up + ${DURATION}s per page"
while IFS=$'\t' read -r name file _kind path; do
    if [ "$path" = "-" ]; then
        printf '  %-24s not loaded: it failed in-process\n' "$name"
        continue
    fi
    load "$name" "$BASE$path" "$WORK/wrk/$file.txt"
done <"$WORK/load-list.tsv"

step "Load 2/2, visitors with a cookie (the page cache steps aside, the view runs)"
while IFS=$'\t' read -r name file kind path; do
    [ "$kind" != "bare" ] || continue
    if [ "$path" = "-" ]; then
        printf '  %-24s not loaded: it failed in-process\n' "$name"
        continue
    fi
    load "$name" "$BASE$path" "$WORK/wrk/$file--view.txt" "Cookie: $BENCH_COOKIE"
done <"$WORK/load-list.tsv"
load "bare view (again)" "$BASE/healthz/live" "$WORK/wrk/bare-view-end.txt"

stop_gunicorn

step "Results"
status=0
BENCH_ELAPSED_S=$((SECONDS - started)) py bench/report.py "$WORK" "$RESULTS" || status=$?
printf '\nmake bench took %dm%02ds.\n' "$(((SECONDS - started) / 60))" "$(((SECONDS - started) % 60))"
exit "$status"
