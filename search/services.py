"""The site search: every source searched with the same ``.search()`` its register's own list
uses, counted, ranked and cut into snippets.

Rows come ranked over each register's weighted document (PostgreSQL's ``ts_rank``, SQLite's
bm25: ``registers.search``); on PostgreSQL with a ``ts_headline`` snippet, on SQLite with the
words marked in Python.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.paginator import Paginator
from django.db.models import Count, F, Window
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from registers.search import SEARCH_CONFIG, is_postgresql, plain_words
from registers.suggestions import Corrector, Titles

from .sources import BY_KEY, SOURCES, Source

GROUP_SIZE = 3  # rows of each register on the all-registers page
PAGE_SIZE = 20  # rows a page when one register is chosen
MAX_PAGE = 10_000
SNIPPET_WORDS = 30
# ts_headline marks matches with these; the text is escaped before they become <mark>.
START, STOP = "\x02", "\x03"
# Endings the stemmer takes off, longest first (SQLite's snippets mark every form of a word).
WORD_ENDINGS = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "es", "ed", "s", "e", "y")


@dataclass
class Result:
    source: Source
    row: object
    snippet: SafeString

    @property
    def title(self) -> str:
        return self.source.title_of(self.row)

    @property
    def url(self) -> str:
        return self.row.get_absolute_url()

    @property
    def description(self) -> str:
        return self.source.describe(self.row)


@dataclass
class Group:
    source: Source
    count: int
    results: list[Result] = field(default_factory=list)

    @property
    def best_rank(self) -> float:
        return max((getattr(r.row, "search_rank", 0.0) for r in self.results), default=0.0)


def marked(text: str) -> SafeString:
    """Escape ``text``, then turn the match markers into <mark>."""
    return mark_safe(  # noqa: S308 - everything but the markers is escaped here
        escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def word_start(word: str) -> str:
    """What every form of ``word`` begins with, near enough: the word less an ending the
    stemmer takes off, so that "cards" marks "card" and "procurment" marks "procurement"."""
    word = word.lower()
    for ending in WORD_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def cut_snippet(text: str, words: list[str]) -> SafeString:
    """SQLite's snippet: the text around the first matched word, the words marked."""
    text = " ".join((text or "").split())
    pattern = (
        re.compile(
            "|".join(rf"(?<!\w){re.escape(word_start(word))}\w*" for word in words),
            re.IGNORECASE,
        )
        if words
        else None
    )
    found = pattern.search(text) if pattern else None
    first = found.start() if found else 0
    start = max(0, text.rfind(" ", 0, max(0, first - 80)) + 1) if first > 80 else 0
    pieces = text[start:].split()
    snippet = " ".join(pieces[:SNIPPET_WORDS])
    if pattern:
        snippet = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", snippet)
    prefix = "… " if start else ""
    suffix = " …" if len(pieces) > SNIPPET_WORDS else ""
    return marked(f"{prefix}{snippet}{suffix}")


class SiteSearch:
    """One visitor's search: ``text`` in websearch syntax, optionally one register only."""

    def __init__(self, text: str, user, register: str = "", page_number=1):
        self.text = " ".join(text.split())
        self.user = user
        self.register = register
        self.page_number = page_number
        self.postgresql = is_postgresql()

    def matching(self, source: Source):
        return source.rows(self.user).search(self.text)

    def ranked(self, source: Source):
        """The matching rows' keys and ranks, best first (then newest first), with
        ``total``: how many match, counted over the same rows the ranking reads."""
        return (
            self.matching(source)
            .annotate(rank_value=F("search_rank"), total=Window(Count("pk")))
            .order_by("-rank_value", "-pk")
            .values_list("pk", "rank_value", "total")
        )

    def snippets(self, source: Source, rows):
        if not self.postgresql:
            return rows.annotate(snippet_text=source.snippet())
        query = SearchQuery(self.text, search_type="websearch", config=SEARCH_CONFIG)
        return rows.annotate(
            snippet_text=SearchHeadline(
                source.snippet(),
                query,
                config=SEARCH_CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=SNIPPET_WORDS,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )

    def results(self, source: Source, ranked) -> list[Result]:
        """The rows behind ``ranked`` (key, rank, total) triples, in that order, with their
        snippets: cut only for the rows shown."""
        ranks = {pk: rank for pk, rank, _total in ranked}
        if not ranks:
            return []
        rows = self.snippets(source, source.rows(self.user).filter(pk__in=list(ranks)))
        by_pk = {row.pk: row for row in rows}
        words = plain_words(self.text)
        results = []
        for pk, rank in ranks.items():
            row = by_pk.get(pk)
            if row is None:
                continue  # deleted or unpublished between the two queries
            row.search_rank = rank
            snippet = (
                marked(row.snippet_text or "")
                if self.postgresql
                else cut_snippet(row.snippet_text, words)
            )
            results.append(Result(source, row, snippet))
        return results

    @cached_property
    def best(self) -> dict[str, list]:
        """Each register's best few matches, one query a register: the count of all its
        matches comes with them. The register chosen, if any, is counted by its page."""
        if not self.text:
            return {}
        return {
            source.key: list(self.ranked(source)[:GROUP_SIZE])
            for source in SOURCES
            if source.key != self.register
        }

    @cached_property
    def chosen_page(self):
        """The chosen register's ranked rows, paginated; its total is counted with them."""
        source = BY_KEY[self.register]
        return RankedPaginator(self.ranked(source), PAGE_SIZE).get_page(self.page_number)

    @cached_property
    def counts(self) -> dict[str, int]:
        """How many rows each register has for the search (every register, so a visitor who
        chose one sees what the others hold)."""
        counts = {key: ranked[0][2] if ranked else 0 for key, ranked in self.best.items()}
        if self.register and self.text:
            counts[self.register] = self.chosen_page.paginator.count
        return {source.key: counts.get(source.key, 0) for source in SOURCES}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def groups(self) -> list[Group]:
        """The all-registers page: the best few of every register that has any, the
        register with the best match first."""
        counts = self.counts
        groups = [
            Group(source, counts[source.key], self.results(source, self.best[source.key]))
            for source in SOURCES
            if counts.get(source.key)
        ]
        groups.sort(key=lambda group: group.best_rank, reverse=True)
        return groups

    def page(self):
        """One page of the chosen register's results."""
        page = self.chosen_page
        page.object_list = self.results(BY_KEY[self.register], list(page.object_list))
        return page

    @cached_property
    def suggestion(self) -> str:
        """A corrected search that finds something, when this one finds nothing
        (``registers.suggestions``), from the titles of every register."""
        if not self.text or self.total:
            return ""
        return Corrector(
            self.text,
            user=self.user,
            titles=lambda user: [
                Titles(source.rows(user), source.title_field)
                for source in SOURCES
                if source.title_field
            ],
            finds=self.finds_anything,
            scope="site",
        ).suggestion

    def finds_anything(self, text: str) -> bool:
        return any(source.rows(self.user).search(text).exists() for source in SOURCES)


class RankedPaginator(Paginator):
    """Pages of ``SiteSearch.ranked`` rows, whose every row carries the total: a page needs
    no separate count, except past the end (then the first row is asked for it)."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if rows:
            self.__dict__["count"] = rows[0][2]
        return self._get_page(rows, number, self)

    def validate_number(self, number):
        if "count" not in self.__dict__:
            # The number alone is checked here; whether the page exists, once its rows are read.
            try:
                number = int(number)
            except (TypeError, ValueError):
                number = 1
            # Past MAX_PAGE is past any real end: read as the last page, never as an offset
            # the database cannot hold.
            return min(max(number, 1), MAX_PAGE)
        return super().validate_number(number)

    def get_page(self, number):
        page = self.page(number)
        if not page.object_list and page.number > 1:
            return super().page(self.num_pages)  # past the end: the last page
        return page

    @cached_property
    def count(self):
        first = list(self.object_list[:1])
        return first[0][2] if first else 0
