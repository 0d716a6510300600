"""What the site search looks through: one source per register, each with the visibility
rules of that register's own pages.

The words each source matches, and their weights, are its model's ``search_document``
(``registers.search``); a source adds only what a results page needs: which rows a visitor may
see, the text to show a snippet of, and how to describe a row.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, TextField, Value
from django.db.models.functions import Concat, Left
from django.utils import timezone

from contacts.models import Contact
from eindex.models import Link
from events.models import Event
from forums.models import Post, Topic
from funding.models import FundingSource
from papers.models import Paper
from partners.models import Group, Organisation
from products.models import Product
from projects.models import Project
from reviews.models import Edition

# How much of a paper's words a snippet is cut from: ts_headline reads all it is given.
SNIPPET_SOURCE_CHARS = 20_000


def joined(*parts):
    """Text fields joined by a space, for a snippet drawn from more than one."""
    expressions = []
    for part in parts:
        if expressions:
            expressions.append(Value(" "))
        expressions.append(F(part) if isinstance(part, str) else part)
    if len(expressions) == 1:
        return expressions[0]
    return Concat(*expressions, output_field=TextField())


@dataclass(frozen=True)
class Source:
    key: str  # the ?register= value
    name: str  # "projects": how a heading and a count name the rows
    rows: Callable  # user -> the rows that user may see, ready to show
    snippet: Callable  # () -> an expression: the text a snippet is cut from
    describe: Callable  # row -> one line saying what the row is
    title_field: str = ""  # a text field of titles, for "did you mean"
    list_url: str = ""  # the register's own list, which takes ?q= and adds its filters
    title: Callable = str  # row -> the result's heading
    new_since: str = ""  # when a row appeared, for saved-search alerts ("" for none)

    def title_of(self, row) -> str:
        return self.title(row)


def event_line(event) -> str:
    when = timezone.localtime(event.starts_at)
    parts = ["Event", event.get_kind_display(), f"{when:%-d %B %Y}", event.organiser.name]
    if event.is_partners_only:
        parts.append("Partners only")
    return " · ".join(parts)


def post_title(post) -> str:
    return f"Post by {post.author.get_full_name() or post.author.get_username()} in “{post.topic}”"


SOURCES = [
    Source(
        key="projects",
        new_since="published_at",
        name="projects",
        rows=lambda user: Project.objects.visible_to(user).select_related("lead_organisation"),
        snippet=lambda: joined("summary", "description"),
        describe=lambda row: (
            f"Project · {row.get_status_display()} · Led by {row.lead_organisation.name}"
        ),
        title_field="title",
        list_url="projects:list",
    ),
    Source(
        key="products",
        new_since="published_at",
        name="products",
        rows=lambda user: Product.objects.visible_to(user).select_related(
            "project__lead_organisation"
        ),
        snippet=lambda: joined("summary", "licence"),
        describe=lambda row: (
            f"Product · {row.get_kind_display()} · From {row.project.title} · "
            f"Led by {row.project.lead_organisation.name}"
        ),
        title_field="title",
        list_url="products:list",
    ),
    Source(
        key="events",
        new_since="published_at",
        name="events",
        # Events for partners only are found by partners only, as the register shows them.
        rows=lambda user: Event.objects.visible_to(user).select_related("organiser"),
        snippet=lambda: joined("summary", "description"),
        describe=event_line,
        title_field="title",
        list_url="events:list",
    ),
    Source(
        key="organisations",
        name="organisations",
        rows=lambda user: Organisation.objects.select_related("sector", "sub_region"),
        snippet=lambda: F("description"),
        describe=lambda row: " · ".join(
            ["Organisation", row.sector.name] + ([row.sub_region.name] if row.sub_region else [])
        ),
        title_field="name",
    ),
    Source(
        key="groups",
        name="groups",
        rows=lambda user: Group.objects.all(),
        snippet=lambda: F("description"),
        describe=lambda row: f"Group · {row.get_kind_display()}",
        title_field="name",
    ),
    Source(
        key="contacts",
        new_since="published_at",
        name="people",
        rows=lambda user: Contact.objects.visible_to(user).select_related("organisation"),
        snippet=lambda: joined("job_title", "organisation__name"),
        describe=lambda row: " · ".join(
            ["Person"] + [part for part in (row.job_title, row.organisation.name) if part]
        ),
        title_field="title",
        list_url="contacts:list",
    ),
    Source(
        key="funding",
        new_since="published_at",
        name="funding sources",
        rows=lambda user: FundingSource.objects.visible_to(user),
        snippet=lambda: joined("summary", "description"),
        describe=lambda row: (
            f"Funding source · {row.funder_name}" if row.funder_name else "Funding source"
        ),
        title_field="title",
        list_url="funding:list",
    ),
    Source(
        key="papers",
        new_since="published_at",
        name="papers",
        # Only a public paper's words are in its search document (``public_text``), so a
        # partners-only paper is found by its title and summary, never by its contents.
        rows=lambda user: (
            Paper.objects.visible_to(user)
            .select_related("organisation")
            .defer("full_text", "public_text")
        ),
        snippet=lambda: joined("summary", Left("public_text", SNIPPET_SOURCE_CHARS)),
        describe=lambda row: f"Paper · {row.get_kind_display()} · {row.organisation.name}",
        title_field="title",
        list_url="papers:list",
    ),
    Source(
        key="topics",
        new_since="created_at",
        name="forum topics",
        rows=lambda user: Topic.objects.visible_to(user).select_related("forum"),
        snippet=lambda: joined("subject", "decision"),
        describe=lambda row: f"Forum topic in {row.forum.name} · {row.reply_count} replies",
        title_field="subject",
    ),
    Source(
        key="posts",
        new_since="created_at",
        title=post_title,
        name="forum posts",
        rows=lambda user: (
            Post.objects.visible_to(user)
            .select_related("author", "topic__forum")
            .defer("body_html")
        ),
        snippet=lambda: F("body"),
        describe=lambda row: f"Forum post in {row.topic.forum.name} · {row.created_at:%-d %B %Y}",
    ),
    Source(
        key="links",
        new_since="published_at",
        name="e-index links",
        rows=lambda user: Link.objects.visible_to(user).select_related("section"),
        snippet=lambda: F("description"),
        describe=lambda row: f"E-index link · {row.section}",
        title_field="title",
    ),
    Source(
        key="reviews",
        new_since="published_at",
        name="annual reviews",
        rows=lambda user: (
            Edition.objects.latest().select_related("review").defer("figures", "content")
        ),
        snippet=lambda: F("text"),
        describe=lambda row: f"Annual review of {row.review.year}",
        title=lambda row: row.title,
    ),
]

BY_KEY = {source.key: source for source in SOURCES}
