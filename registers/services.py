"""Restoring a register entry to an earlier version, or from deletion."""

from django.db import transaction

from .models import ThemesHistory
from .tags import comma_splitter


@transaction.atomic
def restore_version(*, record, user, keep: dict | None = None):
    """Make the live entry match a historical record, many-to-many fields included, except
    the fields in ``keep`` (name: current value), which stay as they are.

    The restore is itself a change, so it leaves a history row of its own and can be undone.
    """
    entry = record.instance
    for field, value in (keep or {}).items():
        setattr(entry, field, value)
    entry._history_user = user
    # save() updates the row if it exists and inserts it again if it was deleted.
    entry.save()
    for field in record._history_m2m_fields:
        target = field.m2m_reverse_field_name()
        ids = [getattr(row, f"{target}_id") for row in getattr(record, field.name).all()]
        # A related row deleted since (a closed fund, say) cannot be linked again.
        still_there = field.related_model._default_manager.filter(pk__in=ids)
        getattr(entry, field.name).set(still_there)
    if isinstance(record, ThemesHistory):
        entry.tags.set(comma_splitter(record.history_themes))
    return entry
