"""'Did you mean': a search that finds nothing, corrected from the words of titles the visitor
can see, offered only when the corrected search finds something. The site search asks across
every register, a register's list within its own.

A word is replaced by the title word nearest it, two words by one ("smart card" →
"smartcard"), or one by two neighbouring title words ("smartcard" → "smart card"), whichever
is nearer (difflib's ratio). The title words come, on PostgreSQL, from the titles nearest
each word through their trigram indexes (``search/migrations``), which stays fast however
large a register grows; on SQLite, the embedded default with registers of hundreds, from a
vocabulary of every public title's words, read once per change of the data.
"""

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, FloatField, Func, QuerySet, Value
from django.utils.functional import cached_property

from .cache import cached
from .search import is_postgresql, plain_words

MIN_LENGTH = 3  # shorter words are never corrected
MAX_WORDS = 5  # words of a search that are corrected, at most
SIMILARITY = 0.2  # trigram word similarity of a title's closest word ("crads": "cards")
NEAREST_TITLES = 5  # nearest titles read from each register
CUTOFF = 0.6  # how alike (difflib's ratio) a title word must be to be offered
GOOD_ENOUGH = 0.8  # alike enough to stop looking in larger registers
TITLE_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Titles:
    """Titles to take words from: ``field`` of ``rows``."""

    rows: QuerySet
    field: str


class Corrector:
    """One search's correction. ``titles(user)`` lists the titles ``user`` may see, largest
    register first; ``finds(text)`` says whether a search finds anything; ``scope`` names
    what the titles cover, for the cached vocabulary."""

    def __init__(
        self,
        text: str,
        *,
        user,
        titles: Callable[[object], list[Titles]],
        finds: Callable[[str], bool],
        scope: str,
    ):
        self.text, self.user, self.titles, self.finds, self.scope = text, user, titles, finds, scope
        self.corrections: dict[str, tuple[str, float]] = {}

    @cached_property
    def suggestion(self) -> str:
        words = plain_words(self.text)[:MAX_WORDS]
        corrected, index = self.text, 0
        while index < len(words):
            word = words[index]
            text, ratio = self.correction(word)
            if index + 1 < len(words) and word.isalpha() and words[index + 1].isalpha():
                following = words[index + 1]
                joined, joined_ratio = self.correction(word + following)
                if joined_ratio > (ratio + self.correction(following)[1]) / 2:
                    pattern = rf"(?<!\w){re.escape(word)}\s+{re.escape(following)}(?!\w)"
                    corrected = re.sub(pattern, joined, corrected, count=1)
                    index += 2
                    continue
            if text != word.lower():
                corrected = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", text, corrected, count=1)
            index += 1
        if corrected == self.text or not self.finds(corrected):
            return ""
        return corrected

    def correction(self, word: str) -> tuple[str, float]:
        """The title words nearest ``word`` and how alike they are; the word itself, as alike
        as can be, when it is too short or not a word to correct, and as unlike as can be
        when no title word is near enough."""
        word = word.lower()
        if len(word) < MIN_LENGTH or not word.isalpha():
            return word, 1.0
        if word not in self.corrections:
            self.corrections[word] = self.closest(word)
        return self.corrections[word]

    def closest(self, word: str) -> tuple[str, float]:
        best, best_ratio = word, 0.0
        for candidates in self.candidate_pools(word):
            for key in difflib.get_close_matches(word, candidates, n=1, cutoff=CUTOFF):
                ratio = difflib.SequenceMatcher(None, word, key).ratio()
                if ratio > best_ratio:
                    best, best_ratio = candidates[key], ratio
            if best_ratio >= GOOD_ENOUGH:
                break
        return best, best_ratio

    def candidate_pools(self, word: str) -> Iterable[dict[str, str]]:
        """``title_candidates`` to correct ``word`` from, in pools read in turn: on
        PostgreSQL the nearest titles of each register, the smaller registers first and the
        largest only if they hold no close word; on SQLite the public titles' vocabulary."""
        if not is_postgresql():
            yield cached("search-vocabulary", [("scope", self.scope)], self.public_vocabulary)
            return
        for titles in reversed(self.titles(self.user)):
            # Nearest first, straight from the index; filtering on the distance in SQL would
            # make the scan read every title when none is near enough.
            nearest = (
                titles.rows.annotate(distance=WordDistance(titles.field, word))
                .order_by("distance")
                .values_list(titles.field, "distance")[:NEAREST_TITLES]
            )
            candidates = {}
            for title, distance in nearest:
                if distance > 1 - SIMILARITY:
                    break
                candidates |= title_candidates(title)
            yield candidates

    def public_vocabulary(self) -> dict[str, str]:
        """``title_candidates`` of every title the public can see."""
        vocabulary = {}
        for titles in self.titles(AnonymousUser()):
            for title in titles.rows.values_list(titles.field, flat=True):
                vocabulary |= title_candidates(title)
        return vocabulary


def title_candidates(title: str) -> dict[str, str]:
    """What a suggestion may offer from a title, keyed as a visitor would type it without
    spaces: each word, and each two neighbouring words ("smartcard": "smart card")."""
    words = TITLE_WORD.findall(title.lower())
    candidates = {word: word for word in words if len(word) >= MIN_LENGTH}
    for first, second in zip(words, words[1:], strict=False):
        candidates.setdefault(first + second, f"{first} {second}")
    return candidates


class WordDistance(Func):
    """``title <->> 'word'``: 1 - word_similarity('word', title), the order a trigram GiST
    index on the titles answers nearest-first."""

    function = ""
    arg_joiner = " <->> "
    output_field = FloatField()

    def __init__(self, field: str, word: str):
        super().__init__(F(field), Value(word))
