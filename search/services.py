"""The site search: every source searched with the same ``.search()`` its register's own list
uses, counted, ranked and cut into snippets.

On PostgreSQL rows come ranked (``ts_rank`` over each register's weighted document) with a
``ts_headline`` snippet; on SQLite they come newest first with the words marked in Python.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, TrigramWordSimilarity
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from registers.search import SEARCH_CONFIG, is_postgresql, plain_words

from .sources import SOURCES, Source

GROUP_SIZE = 3  # rows of each register on the all-registers page
PAGE_SIZE = 20  # rows a page when one register is chosen
SNIPPET_WORDS = 30
# ts_headline marks matches with these; the text is escaped before they become <mark>.
START, STOP = "\x02", "\x03"
SUGGEST_MIN_LENGTH = 3
SUGGEST_SIMILARITY = 0.3


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


def cut_snippet(text: str, words: list[str]) -> SafeString:
    """SQLite's snippet: the text around the first matched word, the words marked."""
    text = " ".join((text or "").split())
    lowered = text.lower()
    positions = [lowered.find(word.lower()) for word in words]
    first = min((p for p in positions if p >= 0), default=0)
    start = max(0, lowered.rfind(" ", 0, max(0, first - 80)) + 1) if first > 80 else 0
    pieces = text[start:].split()
    snippet = " ".join(pieces[:SNIPPET_WORDS])
    if words:
        pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
        snippet = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", snippet)
    prefix = "… " if start else ""
    suffix = " …" if len(pieces) > SNIPPET_WORDS else ""
    return marked(f"{prefix}{snippet}{suffix}")


class SiteSearch:
    """One visitor's search: ``text`` in websearch syntax, optionally one register only."""

    def __init__(self, text: str, user, register: str = ""):
        self.text = " ".join(text.split())
        self.user = user
        self.register = register
        self.postgresql = is_postgresql()

    def matching(self, source: Source):
        return source.rows(self.user).search(self.text)

    def ranked(self, source: Source):
        rows = self.matching(source)
        if self.postgresql:
            query = SearchQuery(self.text, search_type="websearch", config=SEARCH_CONFIG)
            # Evaluated only for the rows shown: PostgreSQL computes an expensive output
            # column after the sort and limit.
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
            ).order_by("-search_rank", "-pk")
        return rows.annotate(snippet_text=source.snippet()).order_by("-pk")

    def results(self, source: Source, rows) -> list[Result]:
        words = plain_words(self.text)
        return [
            Result(
                source,
                row,
                marked(row.snippet_text or "")
                if self.postgresql
                else cut_snippet(row.snippet_text, words),
            )
            for row in rows
        ]

    @cached_property
    def counts(self) -> dict[str, int]:
        """How many rows each register has for the search (every register, so a visitor who
        chose one sees what the others hold)."""
        if not self.text:
            return {}
        return {source.key: self.matching(source).count() for source in SOURCES}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def groups(self) -> list[Group]:
        """The all-registers page: the best few of every register that has any, the
        register with the best match first (on SQLite, in the sources' order)."""
        groups = []
        for source in SOURCES:
            count = self.counts.get(source.key, 0)
            if count:
                rows = self.ranked(source)[:GROUP_SIZE]
                groups.append(Group(source, count, self.results(source, rows)))
        if self.postgresql:
            groups.sort(key=lambda group: group.best_rank, reverse=True)
        return groups

    def page(self, source: Source, number):
        """One page of one register's results."""
        paginator = KnownCountPaginator(
            self.ranked(source), PAGE_SIZE, count=self.counts.get(source.key, 0)
        )
        page = paginator.get_page(number)
        page.object_list = self.results(source, page.object_list)
        return page

    @cached_property
    def suggestion(self) -> str:
        """A corrected search built from words of the titles a visitor can see, offered only
        when this search finds nothing and the corrected one finds something (PostgreSQL:
        trigram similarity, through the titles' trigram indexes)."""
        if not self.postgresql or not self.text or self.total:
            return ""
        corrected = self.text
        for word in dict.fromkeys(plain_words(self.text)):
            if len(word) < SUGGEST_MIN_LENGTH or not word.isalpha():
                continue
            replacement = self.closest_title_word(word)
            if replacement and replacement != word.lower():
                corrected = re.sub(
                    rf"(?<!\w){re.escape(word)}(?!\w)", replacement, corrected, count=1
                )
        if corrected == self.text:
            return ""
        if not SiteSearch(corrected, self.user).total:
            return ""
        return corrected

    def closest_title_word(self, word: str) -> str:
        with connection.cursor() as cursor:
            # The trigram operator's own threshold (0.6) misses a dropped letter in a short
            # word ("smrt"); this one holds for this connection's later searches too.
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
                [str(SUGGEST_SIMILARITY)],
            )
        titles = []
        for source in SOURCES:
            if source.title_field:
                titles += (
                    source.rows(self.user)
                    .filter(**{f"{source.title_field}__trigram_word_similar": word})
                    .annotate(similarity=TrigramWordSimilarity(word, source.title_field))
                    .order_by("-similarity")
                    .values_list(source.title_field, flat=True)[:5]
                )
        candidates = {w.lower() for title in titles for w in re.findall(r"[^\W\d_]{3,}", title)}
        best = difflib.get_close_matches(word.lower(), candidates, n=1, cutoff=0.6)
        return best[0] if best else ""


class KnownCountPaginator(Paginator):
    """A paginator told its total (the search has counted already)."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count
