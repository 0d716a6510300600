"""A real signed-in staff session: what a partner officer's requests cost.

``python bench/staff.py officer`` makes sure the benchmark database holds the account: a
partner officer (staff, the "Partner officer" role, a membership of Newham or the first
organisation) with a confirmed TOTP device. Run it before the in-process passes: creating the
membership changes the data version (it is partner data), which must not happen after the
caches are warm.

``python bench/staff.py measure PAGES.json OUT.json COOKIE_FILE [SQL_DIR]`` signs the officer
in as the admin requires in production (password and a verified second factor: the device is
recorded in the session, as tests/conftest.py's ``staff_login`` does), then, in-process with
Django's test Client and that session's cookie:

- the bare view (``/healthz/live``): one warm-up request (it writes the staff last-seen time,
  which is then written at most once a minute), then ``RUNS`` requests with their queries
  counted: the issue's target is at most 1 query per request;
- the pages flagged ``load`` in bench/pages.py (a list, a detail page, the site search) and
  the officer's own ``/my/`` (``SIGNED_IN_ONLY``): one warm-up request each, then ``RUNS``;
  the median request is kept (informational).

It writes the results to OUT.json and ``<session cookie name>=<session key>`` to COOKIE_FILE,
for the load pass that sends that cookie (bench/run.sh); with SQL_DIR, the captured SQL to
``SQL_DIR/staff-<page>.json``.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings")

USERNAME = "bench-officer"
RUNS = 5
# The target for the bare view with a signed-in staff session.
MAX_BARE_QUERIES = 1
# Pages only a signed-in officer has (not in bench/pages.py's public list): measured in this
# pass only, informational.
SIGNED_IN_ONLY = [{"name": "my page", "path": "/my/", "kind": "signed-in"}]


def officer():
    """The bench's partner officer, created once."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group as Role
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from partners.models import Membership, Organisation
    from partners.roles import PARTNER_OFFICER

    with transaction.atomic():
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME,
            defaults={
                "email": "bench-officer@example.org",
                "first_name": "Bench",
                "last_name": "Officer",
                "is_staff": True,
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
            user.groups.add(Role.objects.get(name=PARTNER_OFFICER))
        if not Membership.objects.filter(user=user).exists():
            organisation = Organisation.objects.filter(slug="newham").first() or (
                Organisation.objects.order_by("name").first()
            )
            Membership.objects.create(user=user, organisation=organisation, job_title="Officer")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="bench phone", confirmed=True)
    return user, device


def signed_in_client(headers: dict):
    """A test Client holding a signed-in, second-factor-verified session of the officer."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    user, device = officer()
    client = Client(raise_request_exception=False, **headers)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def measure(pages_file: str, out: str, cookie_file: str, sql_dir: str | None = None) -> int:
    import django

    django.setup()
    from django.conf import settings

    # bench/inprocess.py, found beside this script (a script's own directory is on the path).
    from inprocess import get, line, median_of, ok, repeat, slug

    headers = {"HTTP_HOST": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https"}
    pages = json.loads(Path(pages_file).read_text())
    client = signed_in_client(headers)
    bare = next(page for page in pages if page["kind"] == "bare")
    measured = [bare] + [page for page in pages if page.get("load")] + SIGNED_IN_ONLY

    results, bad = {}, []
    for page in measured:
        warm_up = get(client, page["path"])
        samples = repeat(RUNS, get, client, page["path"]) if ok(warm_up) else [warm_up]
        median = median_of(samples)
        result = {
            **{key: value for key, value in median.items() if key not in ("sql", "runs_ms")},
            "kind": page["kind"],
            "path": page["path"],
            "warm_up_queries": warm_up["queries"],
            "queries_each": [sample["queries"] for sample in samples],
            "max_queries": max(sample["queries"] for sample in samples),
        }
        results[page["name"]] = result
        print(line(page["name"], "staff", median), f"(warm-up: {warm_up['queries']} queries)")
        if sql_dir:
            Path(sql_dir).mkdir(parents=True, exist_ok=True)
            record = {"path": page["path"], "warm_up": warm_up, "median": median}
            Path(sql_dir, f"staff-{slug(page['name'])}.json").write_text(
                json.dumps(record, indent=1)
            )
        bad.extend(
            f"{page['path']} answered {sample['status']} to the signed-in officer"
            for sample in [warm_up, *samples]
            if not ok(sample)
        )

    bare_result = results[bare["name"]]
    summary = {
        "user": USERNAME,
        "session_engine": settings.SESSION_ENGINE,
        "runs": RUNS,
        "bare_view_max_queries": bare_result["max_queries"],
        "target": f"bare view ≤ {MAX_BARE_QUERIES} query per request",
        "result": "PASS" if bare_result["max_queries"] <= MAX_BARE_QUERIES else "FAIL",
        "pages": results,
        "errors": bad,
    }
    Path(out).write_text(json.dumps(summary, indent=2) + "\n")
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Path(cookie_file).write_text(f"{settings.SESSION_COOKIE_NAME}={session_key}\n")
    for message in bad:
        print(f"ERROR: {message}", file=sys.stderr)
    return 1 if bad else 0


def main(command: str, *args: str) -> int:
    if command == "officer":
        import django

        django.setup()
        user, _device = officer()
        print(f"  {user.username}: partner officer of {user.membership.organisation}")
        return 0
    if command == "measure":
        return measure(*args)
    raise SystemExit(f"Unknown command {command!r}: officer or measure.")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
