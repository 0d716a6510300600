"""The pages bench/run.sh loads, with real slugs from the benchmark database.

Run after seeding (``python bench/pages.py OUT.json``): writes a JSON list of
``{"name", "path", "kind"}`` and, on a few pages, flags. ``kind`` decides the targets a page is
held to (bench/report.py's ``TARGETS``, bench/README.md):

- ``bare``: the reference view, which does no work;
- ``list``: a register's list (filtered, searched, sorted, paged), home, a feed, an index;
- ``site-search``: the site search, a list with more time when cold;
- ``detail``: one entry's page.

Flags: ``load`` marks the pages of the long load run (wrk -c32, with a cookie) and of the
signed-in staff pass; ``after_publish`` the page timed in-process on the first request after a
publish.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_SIZE = 25  # rows on a register's list page (registers.views)
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings")


def pick_pages() -> list[dict]:
    from django.db.models import Count

    from contacts.models import Contact
    from eindex.models import Section
    from events.bulk import PREFIX as EVENT_PREFIX
    from events.models import Event
    from forums.models import Consultation, Topic
    from funding.models import FundingSource
    from papers.models import Paper
    from partners.models import Group, Organisation
    from products.bulk import PREFIX as PRODUCT_PREFIX
    from products.models import Product
    from projects.bulk import PREFIX
    from projects.models import Project
    from reviews.models import Review

    bulk = Project.objects.published().filter(slug__startswith=PREFIX).order_by("pk")
    bulk_count = bulk.count()
    if not bulk_count:
        raise SystemExit("No bulk projects: run `manage.py seed_bulk --projects N` first.")
    # A deep page of the list: page 200 of 100,000 projects, or half-way down a smaller list.
    deep_page = max(1, min(200, bulk_count // PAGE_SIZE // 2))
    # A project from the middle of the bulk rows: no cache or page-order advantage.
    project_slug = bulk.values_list("slug", flat=True)[bulk_count // 2]
    organisation = Organisation.objects.filter(slug="newham").first() or (
        Organisation.objects.order_by("name").first()
    )
    # The group with the most members: the heaviest group page.
    contact_slug = Contact.objects.published().order_by("title").values_list("slug", flat=True)[0]
    group = Group.objects.annotate(n=Count("members")).order_by("-n", "name").first()
    if group is None:
        raise SystemExit("No groups: run `manage.py load_demo` first.")
    fund_slug = (
        FundingSource.objects.published().order_by("pk").values_list("slug", flat=True).first()
    )
    if fund_slug is None:
        raise SystemExit("No funding sources: run `manage.py load_demo` first.")
    paper_slug = Paper.objects.published().order_by("pk").values_list("slug", flat=True).first()
    if paper_slug is None:
        raise SystemExit("No papers: run `manage.py load_demo` first.")
    # A bulk topic in the busiest public forum.
    topic = (
        Topic.objects.filter(forum__visibility="public", is_hidden=False)
        .select_related("forum")
        .order_by("-forum__post_count", "-reply_count", "pk")
        .first()
    )
    if topic is None:
        raise SystemExit("No forum topics: run `manage.py load_demo` first.")
    # The section with the most links: the heaviest section page.
    section = (
        Section.objects.with_link_counts().order_by("-link_count").values_list("slug", flat=True)
    )[0]

    # A bulk product from the middle, as for projects.
    products = Product.objects.published().filter(slug__startswith=PRODUCT_PREFIX).order_by("pk")
    product_count = products.count()
    if not product_count:
        raise SystemExit("No bulk products: run `manage.py seed_bulk --products N` first.")
    product_slug = products.values_list("slug", flat=True)[product_count // 2]

    # A bulk public event from the middle, as for projects.
    events = Event.objects.public().filter(slug__startswith=EVENT_PREFIX).order_by("pk")
    event_count = events.count()
    if not event_count:
        raise SystemExit("No bulk events: run `manage.py seed_bulk --events N` first.")
    event_slug = events.values_list("slug", flat=True)[event_count // 2]

    # The demo's open consultation (load_demo): its questions, tallies and comments.
    consultation = (
        Consultation.objects.filter(topic__forum__visibility="public", topic__is_hidden=False)
        .select_related("topic__forum")
        .order_by("-closes_at", "pk")
        .first()
    )
    if consultation is None:
        raise SystemExit("No consultation: run `manage.py load_demo` first.")

    # The review bench/review.py published: the busiest year's.
    review = Review.objects.published().filter(title__startswith="Benchmark review").first()
    if review is None:
        raise SystemExit("No benchmark review: run bench/review.py first.")

    return [
        {"name": "bare view", "path": "/healthz/live", "kind": "bare"},
        {"name": "home", "path": "/", "kind": "list"},
        {
            "name": "projects",
            "path": "/projects/",
            "kind": "list",
            "load": True,
            "after_publish": True,
        },
        {
            "name": "projects filtered",
            "path": "/projects/?programme=pathfinder&sub_region=east",
            "kind": "list",
        },
        {"name": "projects search", "path": "/projects/?q=smart+card", "kind": "list"},
        {
            "name": "projects search+filter",
            "path": "/projects/?q=benefits&status=active&sort=title",
            "kind": "list",
        },
        {
            "name": f"projects page {deep_page}",
            "path": f"/projects/?page={deep_page}",
            "kind": "list",
        },
        {
            "name": "site search",
            "path": "/search/?q=smart+card",
            "kind": "site-search",
            "load": True,
        },
        {
            "name": "site search, posts",
            "path": "/search/?q=business+case&register=posts",
            "kind": "site-search",
        },
        {
            "name": "project detail",
            "path": f"/projects/{project_slug}/",
            "kind": "detail",
            "load": True,
        },
        {"name": "projects feed", "path": "/projects/feed/", "kind": "list"},
        {"name": "products", "path": "/products/", "kind": "list"},
        {
            "name": "products filtered",
            "path": "/products/?type=software&adopter_sector=nhs&taken_up_by=3",
            "kind": "list",
        },
        {"name": "product detail", "path": f"/products/{product_slug}/", "kind": "detail"},
        {"name": "events", "path": "/events/", "kind": "list"},
        {
            "name": "events past, filtered",
            "path": "/events/?when=past&kind=workshop&sub_region=east",
            "kind": "list",
        },
        {"name": "event detail", "path": f"/events/{event_slug}/", "kind": "detail"},
        {"name": "events calendar", "path": "/events/calendar.ics", "kind": "list"},
        {"name": "organisations", "path": "/organisations/", "kind": "list"},
        {
            "name": "organisation detail",
            "path": f"/organisations/{organisation.slug}/",
            "kind": "detail",
        },
        {"name": "groups", "path": "/groups/", "kind": "list"},
        {"name": "joint work", "path": "/joint-work/", "kind": "list"},
        {
            "name": "joint work filtered",
            "path": "/joint-work/?theme=smart-cards&sub_region=east&active_in=2004",
            "kind": "list",
        },
        {"name": "group detail", "path": f"/groups/{group.slug}/", "kind": "detail"},
        {"name": "contacts", "path": "/contacts/", "kind": "list"},
        {"name": "contacts filtered", "path": "/contacts/?sector=local-authority", "kind": "list"},
        {"name": "contact detail", "path": f"/contacts/{contact_slug}/", "kind": "detail"},
        {"name": "e-index", "path": "/eindex/", "kind": "list"},
        {"name": "e-index section", "path": f"/eindex/{section}/", "kind": "list"},
        {
            "name": "e-index section search",
            "path": f"/eindex/{section}/?q=smart+cards&theme=e-payments",
            "kind": "list",
        },
        {"name": "e-index feed", "path": "/eindex/feed/", "kind": "list"},
        {"name": "funding", "path": "/funding/", "kind": "list"},
        {
            "name": "funding filtered",
            "path": "/funding/?status=open&sector=nhs&amount_from=50000",
            "kind": "list",
        },
        {"name": "funding detail", "path": f"/funding/{fund_slug}/", "kind": "detail"},
        {"name": "funding calendar", "path": "/funding/deadlines.ics", "kind": "list"},
        {"name": "papers", "path": "/papers/", "kind": "list"},
        {"name": "papers search", "path": "/papers/?q=smart+cards&kind=minutes", "kind": "list"},
        {"name": "paper detail", "path": f"/papers/{paper_slug}/", "kind": "detail"},
        {"name": "forums", "path": "/forums/", "kind": "list"},
        {"name": "forum topics", "path": f"/forums/{topic.forum.slug}/", "kind": "list"},
        {"name": "forum topic", "path": topic.get_absolute_url(), "kind": "detail"},
        {"name": "consultations", "path": "/forums/consultations/", "kind": "list"},
        {
            "name": "consultation",
            "path": consultation.topic.get_absolute_url(),
            "kind": "detail",
        },
        {"name": "annual reviews", "path": "/reviews/", "kind": "list"},
        {"name": "annual review", "path": f"/reviews/{review.year}/", "kind": "detail"},
        {"name": "annual review PDF", "path": f"/reviews/{review.year}/pdf/", "kind": "detail"},
    ]


def main(out: str) -> None:
    import django

    django.setup()
    pages = pick_pages()
    Path(out).write_text(json.dumps(pages, indent=2) + "\n")
    for page in pages:
        flags = " ".join(flag for flag in ("load", "after_publish") if page.get(flag))
        print(f"  {page['kind']:<11} {page['name']:<24} {page['path']}  {flags}".rstrip())


if __name__ == "__main__":
    main(sys.argv[1])
