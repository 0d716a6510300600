"""What every register's bulk seeding shares (``manage.py seed_bulk``)."""

from collections import defaultdict

from django.db import connection, transaction


def reseed(model, prefix: str, count: int, *, make_entry, link_rows, batch_size=5000) -> int:
    """Replace a register's bulk rows (slugs starting ``prefix``) with ``count`` new ones.

    ``make_entry(number)`` returns an unsaved entry; ``link_rows(entries)`` the unsaved rows
    of any models that hang off a batch of saved entries (themes, link-table rows). Returns
    how many entries were made: none when that many are there already.
    """
    filled = {model}
    with transaction.atomic():
        if model.objects.filter(slug__startswith=prefix).count() == count:
            return 0
        remove_bulk_rows(model, prefix)
        for start in range(0, count, batch_size):
            numbers = range(start, min(count, start + batch_size))
            created = model.objects.bulk_create([make_entry(number) for number in numbers])
            rows_by_model = defaultdict(list)
            for row in link_rows(created):
                rows_by_model[type(row)].append(row)
            for row_model, rows in rows_by_model.items():
                row_model.objects.bulk_create(rows)
            filled.update(rows_by_model)
        model.objects.filter(slug__startswith=prefix).refresh_search_vector()
    analyze(filled)
    return count


def analyze(models) -> None:
    """Give the query planner statistics for tables just filled in bulk.

    Until autovacuum gets round to them, PostgreSQL plans as if the tables were as small as
    before (a plain register list measured at 0.005 of the bare view on freshly seeded data).
    SQLite's ANALYZE (sqlite_stat1) is as cheap and its planner reads it too, so both run it.
    """
    with connection.cursor() as cursor:
        for table in sorted({model._meta.db_table for model in models}):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def dependent_tables(model) -> dict[type, str]:
    """The models whose rows hang off ``model``'s rows (its link tables, and the rows of other
    models that point at it), each with the column that points at it."""
    related = {}
    for field in model._meta.get_fields():
        if field.many_to_many and not field.auto_created:
            through = field.remote_field.through
            related[through] = next(
                f.column for f in through._meta.fields if f.is_relation and f.related_model is model
            )
        elif field.one_to_many and field.auto_created:
            related[field.related_model] = field.field.column
    return related


def remove_bulk_rows(model, prefix: str) -> None:
    """Delete a register's earlier bulk rows (slugs starting ``prefix``) and every row that
    hangs off them (and off those: a bulk project's products' take-ups), in a few set-based
    statements.

    QuerySet.delete() would fetch every row to send signals (history, caches) that bulk rows
    never had: minutes for 100,000 entries instead of seconds.
    """
    table = model._meta.db_table
    bulk_ids = f'SELECT "id" FROM "{table}" WHERE "slug" LIKE %s'  # noqa: S608 - model names
    pattern = prefix + "%"
    with connection.cursor() as cursor:
        for related_model, column in dependent_tables(model).items():
            related_table = related_model._meta.db_table
            hanging = f'SELECT "id" FROM "{related_table}" WHERE "{column}" IN ({bulk_ids})'  # noqa: S608
            for inner_model, inner_column in dependent_tables(related_model).items():
                cursor.execute(
                    f'DELETE FROM "{inner_model._meta.db_table}" '  # noqa: S608
                    f'WHERE "{inner_column}" IN ({hanging})',
                    [pattern],
                )
            cursor.execute(
                f'DELETE FROM "{related_table}" WHERE "{column}" IN ({bulk_ids})',  # noqa: S608
                [pattern],
            )
        cursor.execute(f'DELETE FROM "{table}" WHERE "slug" LIKE %s', [pattern])  # noqa: S608
