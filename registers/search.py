"""Full-text search shared by every register.

A register declares its search document on the model as (field path, weight) pairs, for example
``(("title", "A"), ("summary", "B"), ("tags__name", "C"))``. On PostgreSQL the document is stored
in ``search_vector`` (a GIN-indexed tsvector kept current by ``registers.signals``) and queried
with websearch syntax and ranked; on SQLite every word must appear in one of the same fields.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

SEARCH_CONFIG = "english"


def is_postgresql(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


class SearchableQuerySet(models.QuerySet):
    def search(self, text: str):
        """Entries matching ``text``; on PostgreSQL annotated with ``search_rank``."""
        text = " ".join(text.split())
        if not text:
            return self
        if is_postgresql(self.db):
            query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
            return self.filter(search_vector=query).annotate(
                search_rank=SearchRank(F("search_vector"), query)
            )
        matches = Q()
        for word in text.split():
            word_matches = Q()
            for path, _weight in self.model.search_document:
                word_matches |= Q(**{f"{path}__icontains": word.strip('"')})
            matches &= word_matches
        # Matching through a many-valued path (tags) can repeat rows: select by primary key.
        return self.filter(pk__in=self.model._default_manager.filter(matches).values("pk"))

    def refresh_search_vector(self) -> int:
        """Recompute the stored search document of every entry in this queryset."""
        if not is_postgresql(self.db):
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
