"""Full-text search shared by every register, and by the site search over all of them.

A searchable model declares its search document as (field path, weight) pairs, for example
``(("title", "A"), ("summary", "B"), ("tags__name", "C"))``: those weights are what ranks a
title match above a match in a summary. On PostgreSQL a large register stores the document in
``search_vector`` (a GIN-indexed tsvector kept current by ``registers.signals``); a small one
(organisations, groups, review editions) builds it in the query. Either way the text is read
with websearch syntax (quoted phrases, ``-word``, ``OR``) and the matches are ranked.

On SQLite the same syntax is honoured by a simpler match: every term must appear (or, after a
``-``, must not) in one of the document's fields, as a substring, and there is no rank.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

SEARCH_CONFIG = "english"
LIVE_VECTOR = "search_vector_live"


def is_postgresql(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


def has_stored_vector(model) -> bool:
    """Whether ``model`` keeps its search document in a ``search_vector`` column (an edit
    history's copy of that column is not a search document)."""
    return hasattr(model, "search_document") and any(
        field.name == "search_vector" for field in model._meta.concrete_fields
    )


@dataclass(frozen=True)
class Term:
    text: str
    excluded: bool = False


TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_websearch(text: str) -> list[list[Term]]:
    """``text`` in websearch syntax as alternatives (split by OR) of terms that must all
    match: ``smart "contact centre" -newham OR kiosk`` gives
    ``[[smart, contact centre, -newham], [kiosk]]``."""
    alternatives: list[list[Term]] = [[]]
    for match in TOKEN.finditer(text):
        minus, phrase, word = match.groups()
        if word is not None:
            if word.upper() == "OR":
                if alternatives[-1]:
                    alternatives.append([])
                continue
            excluded = word.startswith("-") and len(word) > 1
            word = word.lstrip("-").strip('"')
            if word:
                alternatives[-1].append(Term(word, excluded))
        elif phrase and phrase.strip():
            alternatives[-1].append(Term(" ".join(phrase.split()), bool(minus)))
    return [terms for terms in alternatives if terms]


def plain_words(text: str) -> list[str]:
    """The words a visitor looked for (not the excluded ones), for highlighting and
    suggestions."""
    return [
        word
        for terms in parse_websearch(text)
        for term in terms
        if not term.excluded
        for word in term.text.split()
    ]


class SearchableQuerySet(models.QuerySet):
    def search(self, text: str):
        """Entries matching ``text``; on PostgreSQL annotated with ``search_rank``."""
        text = " ".join(text.split())
        if not text:
            return self
        if is_postgresql(self.db):
            query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
            queryset, vector = self, F("search_vector")
            if not has_stored_vector(self.model):
                queryset = self.annotate(**{LIVE_VECTOR: search_vector_expression(self.model)})
                vector = F(LIVE_VECTOR)
            return queryset.filter(**{vector.name: query}).annotate(
                search_rank=SearchRank(vector, query)
            )
        alternatives = parse_websearch(text)
        if not alternatives:
            return self.none()
        matches = Q()
        for terms in alternatives:
            all_terms = Q()
            for term in terms:
                term_matches = Q()
                for path, _weight in self.model.search_document:
                    term_matches |= Q(**{f"{path}__icontains": term.text})
                all_terms &= ~term_matches if term.excluded else term_matches
            matches |= all_terms
        # Matching through a many-valued path (tags) can repeat rows: select by primary key.
        return self.filter(pk__in=self.model._default_manager.filter(matches).values("pk"))

    def refresh_search_vector(self) -> int:
        """Recompute the stored search document of every entry in this queryset."""
        if not is_postgresql(self.db) or not has_stored_vector(self.model):
            return 0
        return self.update(search_vector=search_vector_expression(self.model))


def search_vector_expression(model):
    vector = None
    for path, weight in model.search_document:
        if "__" in path:
            # A related or many-valued path: aggregate its values into one string per entry.
            source = Subquery(
                model._default_manager.filter(pk=OuterRef("pk"))
                .values("pk")
                .annotate(joined=StringAgg(path, delimiter=" "))
                .values("joined")
            )
        else:
            source = F(path)
        part = SearchVector(
            Coalesce(source, Value(""), output_field=models.TextField()),
            weight=weight,
            config=SEARCH_CONFIG,
        )
        vector = part if vector is None else vector + part
    return vector
