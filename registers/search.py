"""Full-text search shared by every register, and by the site search over all of them.

A searchable model declares its search document as (field path, weight) pairs, for example
``(("title", "A"), ("summary", "B"), ("tags__name", "C"))``: those weights are what ranks a
title match above a match in a summary. On PostgreSQL a large register stores the document in
``search_vector`` (a GIN-indexed tsvector kept current by ``registers.signals``); a small one
(organisations, groups, review editions) builds it in the query. Either way the text is read
with websearch syntax (quoted phrases, ``-word``, ``OR``) and the matches are ranked.

On SQLite (the zero set-up default) every searchable model has an FTS5 table beside its own,
``<table>_fts``, whose row ``rowid`` holds the document of the entry with that primary key, one
column per weight, words reduced to their stems by the porter tokenizer as PostgreSQL's
English configuration does ("smart cards" finds "smart card"). It is kept current at the same
moments as the stored vector, inside the writing transaction; ``migrate`` creates and fills it
(``ensure_full_text_tables``). The visitor's text is parsed as websearch syntax here and each
term quoted into an FTS5 phrase, so nothing typed is read as an FTS5 operator; matches are
ranked with bm25, weighted as PostgreSQL weighs A, B, C and D.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import (
    Aggregate,
    BooleanField,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat

SEARCH_CONFIG = "english"
LIVE_VECTOR = "search_vector_live"
WEIGHTS = "ABCD"
# ts_rank's default weights of A, B, C and D, so that bm25 weighs a title as PostgreSQL does.
RANK_WEIGHTS = (1.0, 0.4, 0.2, 0.1)
# Stems as PostgreSQL's English configuration does, after folding case and accents.
FULL_TEXT_TOKENIZER = "porter unicode61 remove_diacritics 2"
# What separates the words of an unquoted term; a hyphen or an apostrophe joins them.
SPLIT_WORD = re.compile(r"[^\w'-]+")


def is_postgresql(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


def is_sqlite(using: str = "default") -> bool:
    return connections[using].vendor == "sqlite"


def is_searchable(model) -> bool:
    return hasattr(model, "search_document")


def full_text_table(model) -> str:
    """The SQLite FTS5 table that holds ``model``'s search documents."""
    return f"{model._meta.db_table}_fts"


def has_stored_vector(model) -> bool:
    """Whether ``model`` keeps its search document in a ``search_vector`` column (an edit
    history's copy of that column is not a search document)."""
    return is_searchable(model) and any(
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
        """Entries matching ``text``, annotated with ``search_rank`` (the larger, the better:
        ts_rank on PostgreSQL, bm25 on SQLite)."""
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
            return self.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
        table = full_text_table(self.model)
        # FTS5's NOT needs something to find on its left: an alternative of exclusions only
        # ("-newham") is every entry that has none of them.
        wanted = [terms for terms in alternatives if any(not t.excluded for t in terms)]
        match = " OR ".join(f"({fts5_clause(terms)})" for terms in wanted)
        condition = Q(FullTextMatch(table, match)) if match else Q(pk__in=[])
        for terms in alternatives:
            if terms not in wanted:
                condition |= ~Q(FullTextMatch(table, " OR ".join(map(fts5_phrase, terms))))
        rank = FullTextRank(table, match) if match else Value(0.0)
        return self.filter(condition).annotate(
            search_rank=Coalesce(rank, Value(0.0), output_field=FloatField())
        )

    def refresh_search_vector(self) -> int:
        """Recompute the stored search document of every entry in this queryset (on SQLite,
        its rows in the FTS5 table)."""
        if is_sqlite(self.db) and is_searchable(self.model):
            return refresh_full_text(self)
        if not is_postgresql(self.db) or not has_stored_vector(self.model):
            return 0
        return self.update(search_vector=search_vector_expression(self.model))


def document_parts(model, aggregate):
    """(weight, expression) for each path of ``model``'s search document: a related or
    many-valued path aggregates its values into one string per entry with ``aggregate``."""
    for path, weight in model.search_document:
        if "__" in path:
            source = Subquery(
                model._default_manager.filter(pk=OuterRef("pk"))
                .values("pk")
                .annotate(joined=aggregate(path))
                .values("joined")
            )
        else:
            source = F(path)
        yield weight, Coalesce(source, Value(""), output_field=models.TextField())


def search_vector_expression(model):
    vector = None
    for weight, source in document_parts(model, lambda path: StringAgg(path, delimiter=" ")):
        part = SearchVector(source, weight=weight, config=SEARCH_CONFIG)
        vector = part if vector is None else vector + part
    return vector


# -- SQLite: FTS5 ------------------------------------------------------------------------------


class GroupConcat(Aggregate):
    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = models.TextField()


def fts5_phrase(term: Term) -> str:
    """A term as an FTS5 phrase: quoted, so that whatever it holds (NEAR, ^, *, a column
    filter) is only words to the tokenizer."""
    return '"' + term.text.replace('"', '""') + '"'


def fts5_words(term: Term) -> list[Term]:
    """An unquoted word as PostgreSQL's websearch reads it: split at punctuation into words
    that must each match ("title:smart" is "title" and "smart", not a phrase)."""
    if " " in term.text:
        return [term]
    return [Term(word, term.excluded) for word in SPLIT_WORD.split(term.text) if word] or [term]


def fts5_clause(terms: list[Term]) -> str:
    """Terms that must all match, but for the excluded ones: ``"a" "b" NOT ("c" OR "d")``."""
    wanted = " ".join(fts5_phrase(word) for t in terms if not t.excluded for word in fts5_words(t))
    excluded = [fts5_phrase(t) for t in terms if t.excluded]
    return f"{wanted} NOT ({' OR '.join(excluded)})" if excluded else wanted


class FullTextMatch(Func):
    """``pk IN (the rows of the FTS5 table that match)``."""

    output_field = BooleanField()

    def __init__(self, table: str, match: str):
        super().__init__(F("pk"), Value(match))
        self.table = table

    def as_sql(self, compiler, connection, **extra_context):
        pk, match = self.get_source_expressions()
        pk_sql, pk_params = compiler.compile(pk)
        match_sql, match_params = compiler.compile(match)
        table = connection.ops.quote_name(self.table)
        sql = f"{pk_sql} IN (SELECT rowid FROM {table} WHERE {table} MATCH {match_sql})"  # noqa: S608
        return sql, (*pk_params, *match_params)


class FullTextRank(FullTextMatch):
    """How well an entry matches, by bm25 (larger is better, as ts_rank is)."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        pk, match = self.get_source_expressions()
        pk_sql, pk_params = compiler.compile(pk)
        match_sql, match_params = compiler.compile(match)
        table = connection.ops.quote_name(self.table)
        weights = ", ".join(map(str, RANK_WEIGHTS))
        # Every match is ranked once, by a subquery that does not refer to the entry (SQLite
        # runs such a subquery once a statement), into a JSON object read for each entry:
        # ranking in a subquery per entry would search once per entry, seconds for 2,000
        # matches. LIMIT -1 (none) keeps the ranking a query of its own, where bm25 can run.
        ranked = (
            f"SELECT rowid AS entry, -bm25({table}, {weights}) AS rank"  # noqa: S608
            f" FROM {table} WHERE {table} MATCH {match_sql} LIMIT -1"
        )
        ranks = f"SELECT json_group_object(entry, rank) FROM ({ranked})"  # noqa: S608
        sql = f"""json_extract(({ranks}), '$."' || {pk_sql} || '"')"""
        return sql, (*match_params, *pk_params)


def full_text_columns(model) -> dict[str, object]:
    """The FTS5 table's columns for ``model``: the document's text of each weight."""
    by_weight = {weight: [] for weight in WEIGHTS}
    for weight, source in document_parts(model, GroupConcat):
        if by_weight[weight]:
            by_weight[weight].append(Value(" "))
        by_weight[weight].append(source)
    return {
        f"fts_{weight.lower()}": Concat(*parts, output_field=models.TextField())
        if len(parts) > 1
        else (parts[0] if parts else Value(""))
        for weight, parts in by_weight.items()
    }


def refresh_full_text(queryset) -> int:
    """Replace the FTS5 rows of the entries in ``queryset`` with their documents now."""
    model, connection = queryset.model, connections[queryset.db]
    table = connection.ops.quote_name(full_text_table(model))
    columns = full_text_columns(model)
    entries = queryset.order_by()
    try:
        ids_sql, ids_params = entries.values("pk").query.sql_with_params()
    except EmptyResultSet:  # filter(pk__in=[]): nothing to refresh
        return 0
    documents = entries.annotate(**columns).values_list("pk", *columns)
    rows_sql, rows_params = documents.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({ids_sql})", ids_params)  # noqa: S608
        cursor.execute(f"INSERT INTO {table} (rowid, a, b, c, d) {rows_sql}", rows_params)
        return cursor.rowcount


def forget_full_text(model, pk, using: str = "default") -> None:
    """Remove a deleted entry's FTS5 row."""
    connection = connections[using]
    table = connection.ops.quote_name(full_text_table(model))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [pk])  # noqa: S608


def ensure_full_text_tables(using: str = "default") -> None:
    """On SQLite, give every searchable model its FTS5 table, and make each table hold
    exactly the model's rows: those written without signals (a fixture, a raw delete, a
    database from before the tables) are added or removed."""
    from django.apps import apps

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    for model in apps.get_models():
        if not is_searchable(model) or model._meta.proxy:
            continue
        table = connection.ops.quote_name(full_text_table(model))
        own = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5"
                f"(a, b, c, d, tokenize='{FULL_TEXT_TOKENIZER}')"
            )
            cursor.execute(
                f"DELETE FROM {table} WHERE rowid NOT IN (SELECT {pk} FROM {own})"  # noqa: S608
            )
        indexed = RawSQL(f"SELECT rowid FROM {table}", ())  # noqa: S608, S611
        missing = model._default_manager.using(using).exclude(pk__in=indexed)
        if missing.exists():
            missing.refresh_search_vector()
