"""Plausible e-index links in bulk, for benchmarks (``manage.py seed_bulk --links N``)."""

import datetime
import random

from taggit.models import Tag

from partners.demo_data import THEMES
from registers.bulk import reseed
from registers.models import PublicationStatus

from .models import Link, LinkTheme, Section, SubCategory

PREFIX = "bulk-link-"
KINDS = ["Guidance on", "Survey of", "Standard for", "Case study:", "Service for", "Toolkit:"]
MAINTAINERS = [
    "Government Digital Service",
    "Cabinet Office",
    "Office for National Statistics",
    "Local Government Association",
    "NHS England",
]


def seed_links(count: int, *, seed: int = 2002, batch_size: int = 5000) -> int:
    rng = random.Random(seed)
    sections = list(Section.objects.values_list("pk", flat=True))
    sub_categories: dict[int, list[int | None]] = {pk: [None] for pk in sections}
    for pk, section_id in SubCategory.objects.values_list("pk", "section_id"):
        sub_categories[section_id].append(pk)
    tags = [Tag.objects.get_or_create(name=name)[0].pk for name in THEMES]
    now = datetime.datetime.now(datetime.UTC)

    def make_link(number):
        theme = rng.choice(THEMES)
        section = rng.choice(sections)
        return Link(
            title=f"{rng.choice(KINDS)} {theme} {number}",
            slug=f"{PREFIX}{number}",
            # Reserved for documentation (RFC 2606): never anyone's real site.
            url=f"https://site{number % 500}.example.org/{number}",
            description=f"Material on {theme} for London's public-sector partners.",
            section_id=section,
            sub_category_id=rng.choice(sub_categories[section]),
            maintainer=rng.choice(MAINTAINERS),
            publication_status=PublicationStatus.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=count - number),
        )

    def link_themes(created):
        for link in created:
            for tag in rng.sample(tags, rng.randint(1, 3)):
                yield LinkTheme(tag_id=tag, content_object_id=link.pk)

    return reseed(
        Link, PREFIX, count, make_entry=make_link, link_rows=link_themes, batch_size=batch_size
    )
