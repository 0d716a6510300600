"""Plausible papers in bulk, for benchmarks (``manage.py seed_bulk --papers N``).

Every bulk paper points at one shared sample file, whose words are read once: the benchmark
measures the pages, not the disk nor the parser.
"""

import datetime
import random

from django.core.files.base import ContentFile
from taggit.models import Tag

from partners.demo_data import THEMES
from partners.models import Group, Organisation
from registers.bulk import reseed
from registers.models import PublicationStatus

from . import samples
from .models import Paper, PaperKind, PaperTheme, Visibility, papers_storage
from .tasks import read_words

PREFIX = "bulk-paper-"
SHARED_FILE = "bulk/sample.pdf"


def seed_papers(count: int, *, seed: int = 2002, batch_size: int = 5000) -> int:
    rng = random.Random(seed)
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    groups = [None, *Group.objects.values_list("pk", flat=True)]
    tags = [Tag.objects.get_or_create(name=name)[0].pk for name in THEMES]
    data = samples.pdf("Bulk paper", ["A paper made for the benchmark."])
    storage = papers_storage()
    if not storage.exists(SHARED_FILE):
        storage.save(SHARED_FILE, ContentFile(data))
    words = read_words(data, "pdf")
    now = datetime.datetime.now(datetime.UTC)
    kinds = list(PaperKind.values)

    def make_paper(number):
        theme = rng.choice(THEMES)
        paper = Paper(
            title=f"Paper on {theme} {number}",
            slug=f"{PREFIX}{number}",
            kind=rng.choice(kinds),
            organisation_id=rng.choice(organisations),
            group_id=rng.choice(groups),
            date=datetime.date(1999, 1, 1) + datetime.timedelta(days=rng.randint(0, 2500)),
            summary=f"What London's partners agreed about {theme}.",
            visibility="partners" if rng.random() < 0.2 else "public",
            file=SHARED_FILE,
            file_type="pdf",
            file_size=len(data),
            text_status=words.status,
            full_text=words.text,
            text_error=words.error,
            publication_status=PublicationStatus.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=count - number),
        )
        paper.public_text = words.text if paper.visibility == Visibility.PUBLIC else ""
        return paper

    def paper_themes(created):
        for paper in created:
            for tag in rng.sample(tags, rng.randint(1, 3)):
                yield PaperTheme(tag_id=tag, content_object_id=paper.pk)

    return reseed(
        Paper, PREFIX, count, make_entry=make_paper, link_rows=paper_themes, batch_size=batch_size
    )
